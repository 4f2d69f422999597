import { schemas } from '@seamapi/types/connect'
import { describe, expect, it } from 'vitest'

import {
  describeProblem,
  errorGuides,
  warningGuides,
} from './problem-catalogue'

/** The codes `@seamapi/types` knows, read from its zod schemas. */
function codesOf(field: 'errors' | 'warnings'): string[] {
  const union = schemas.connected_account.shape[field].element
  return union.options.map((option) =>
    'error_code' in option.shape
      ? option.shape.error_code.value
      : option.shape.warning_code.value,
  )
}

// Every code on Seam's connected_account reference page.
const seedPageErrors = [
  'account_disconnected',
  'bridge_disconnected',
  'salto_ks_subscription_limit_exceeded',
]
const seedPageWarnings = [
  'account_reauthorization_requested',
  'salto_ks_subscription_limit_almost_reached',
  'scheduled_maintenance_window',
  'unknown_issue_with_connected_account',
]

describe('problem catalogue', () => {
  it.each([...new Set([...codesOf('errors'), ...seedPageErrors])])(
    'error %s has a title and a remediation',
    (code) => {
      const guide = describeProblem('error', code)
      expect(guide.known).toBe(true)
      expect(guide.title.length).toBeGreaterThan(3)
      expect(guide.title).not.toBe(code)
      expect(guide.remediation.length).toBeGreaterThan(40)
    },
  )

  it.each([...new Set([...codesOf('warnings'), ...seedPageWarnings])])(
    'warning %s has a title and a remediation',
    (code) => {
      const guide = describeProblem('warning', code)
      expect(guide.known).toBe(true)
      expect(guide.title).not.toBe(code)
      expect(guide.remediation.length).toBeGreaterThan(40)
    },
  )

  it('has no text for a code neither source knows', () => {
    const known = new Set([
      ...codesOf('errors'),
      ...codesOf('warnings'),
      ...seedPageErrors,
      ...seedPageWarnings,
    ])
    for (const code of [
      ...Object.keys(errorGuides),
      ...Object.keys(warningGuides),
    ]) {
      expect(known.has(code)).toBe(true)
    }
  })

  it('shows an unknown code as itself', () => {
    const guide = describeProblem('error', 'lock_on_fire')
    expect(guide).toMatchObject({ known: false, title: 'lock_on_fire' })
    expect(describeProblem('warning', 'toString').known).toBe(false)
  })
})
