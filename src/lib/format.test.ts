import { describe, expect, it } from 'vitest'

import { formatAge, formatDateTime, formatRelativeTime } from './format'

const now = Date.parse('2026-03-10T12:00:00.000Z')
const ago = (ms: number) => new Date(now - ms).toISOString()
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

describe('formatRelativeTime', () => {
  it.each([
    [ago(10_000), 'just now'],
    [ago(5 * MIN), '5 minutes ago'],
    [ago(HOUR), '1 hour ago'],
    [ago(3 * HOUR + 20 * MIN), '3 hours ago'],
    [ago(DAY), 'yesterday'],
    [ago(3 * DAY), '3 days ago'],
    [ago(10 * DAY), 'last week'],
    [ago(45 * DAY), 'last month'],
    [ago(200 * DAY), '6 months ago'],
    [ago(800 * DAY), '2 years ago'],
    [new Date(now + 2 * HOUR).toISOString(), 'in 2 hours'],
  ])('%s is %s', (date, expected) => {
    expect(formatRelativeTime(date, now)).toBe(expected)
  })

  it('gives nothing for a date it cannot read', () => {
    expect(formatRelativeTime('not a date', now)).toBe('')
  })
})

describe('formatDateTime', () => {
  it('shows the exact time with its zone', () => {
    expect(formatDateTime('2026-03-10T12:34:56.000Z', 'en-US', 'UTC')).toBe(
      'Mar 10, 2026, 12:34:56 PM UTC',
    )
    expect(formatDateTime('nope')).toBe('')
  })
})

describe('formatAge', () => {
  it.each([
    [0, 'just now'],
    [4_999, 'just now'],
    [12_000, '12s ago'],
    [59_999, '59s ago'],
    [4 * MIN, '4 min ago'],
    [2 * HOUR, '2 h ago'],
    [-5_000, 'just now'],
  ])('%d ms is %s', (ms, expected) => {
    expect(formatAge(ms)).toBe(expected)
  })
})
