import { describe, expect, it } from 'vitest'

import { formatAge } from './age'

const now = Date.parse('2026-03-10T12:00:00.000Z')

describe('formatAge', () => {
  it('says how long, in the largest whole unit', () => {
    expect(formatAge('2026-03-07T11:00:00.000Z', now)).toBe('3 days')
    expect(formatAge('2026-03-09T12:00:00.000Z', now)).toBe('1 day')
    expect(formatAge('2026-03-10T07:00:00.000Z', now)).toBe('5 hours')
    expect(formatAge('2026-03-10T11:59:00.000Z', now)).toBe('1 minute')
    expect(formatAge('2026-03-10T11:59:30.000Z', now)).toBe('under a minute')
  })

  it('is empty for no date or a bad one, and never negative', () => {
    expect(formatAge(null, now)).toBe('')
    expect(formatAge('not a date', now)).toBe('')
    expect(formatAge('2026-03-11T12:00:00.000Z', now)).toBe('under a minute')
  })
})
