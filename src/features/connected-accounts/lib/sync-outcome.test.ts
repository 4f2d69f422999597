import { describe, expect, it } from 'vitest'

import { compareProblems, describeSyncOutcome } from './sync-outcome'

const disconnected = {
  errors: [{ error_code: 'account_disconnected' }],
  warnings: [{ warning_code: 'scheduled_maintenance_window' }],
}
const maintenanceOnly = {
  errors: [],
  warnings: [{ warning_code: 'scheduled_maintenance_window' }],
}

describe('sync outcome', () => {
  it('says what cleared and what stays', () => {
    const outcome = compareProblems(disconnected, maintenanceOnly)
    expect(outcome.cleared).toEqual(['Disconnected'])
    expect(describeSyncOutcome(outcome, false)).toBe(
      'Sync finished. Cleared: Disconnected. Still present: Maintenance planned.',
    )
  })

  it('says when nothing changed before the timeout', () => {
    const outcome = compareProblems(disconnected, disconnected)
    expect(describeSyncOutcome(outcome, true)).toMatch(
      /^Sync requested, but nothing changed within 10 seconds\. Still present: Disconnected, Maintenance planned\.$/,
    )
  })

  it('says when the account is healthy', () => {
    const outcome = compareProblems(maintenanceOnly, {
      errors: [],
      warnings: [],
    })
    expect(describeSyncOutcome(outcome, false)).toBe(
      'Sync finished. Cleared: Maintenance planned. The account has no problems.',
    )
  })
})
