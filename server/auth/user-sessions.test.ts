import { describe, expect, it } from 'vitest'

import { LOCAL_PRINCIPAL } from './principal'
import { UserSessionStore } from './user-sessions'

const MINUTE = 60_000
const person = { ...LOCAL_PRINCIPAL, id: 'ada', auth: 'oidc' as const }

function store(maxSessions?: number) {
  const clock = { now: 1_000_000 }
  const sessions = new UserSessionStore({
    idleMs: 30 * MINUTE,
    maxMs: 120 * MINUTE,
    now: () => clock.now,
    ...(maxSessions === undefined ? {} : { maxSessions }),
  })
  return { clock, sessions }
}

describe('UserSessionStore', () => {
  it('finds a session by its id, and ends it for good', () => {
    const { sessions } = store()
    const id = sessions.create(person)
    expect(id).toMatch(/^[\w-]{43}$/)
    expect(sessions.touch(id)).toMatchObject({
      kind: 'active',
      session: { principal: person },
    })
    expect(sessions.end(id)).toBe(true)
    expect(sessions.touch(id)).toEqual({ kind: 'unknown' })
    expect(sessions.end(id)).toBe(false)
    expect(sessions.touch('made-up')).toEqual({ kind: 'unknown' })
  })

  it('ends a session idle for too long; activity keeps it going', () => {
    const { clock, sessions } = store()
    const id = sessions.create(person)
    clock.now += 29 * MINUTE
    expect(sessions.touch(id).kind).toBe('active')
    clock.now += 29 * MINUTE
    expect(sessions.touch(id).kind).toBe('active')
    clock.now += 30 * MINUTE
    expect(sessions.touch(id)).toEqual({ kind: 'expired' })
    expect(sessions.touch(id)).toEqual({ kind: 'unknown' })
  })

  it('ends a session at its maximum age, however active', () => {
    const { clock, sessions } = store()
    const id = sessions.create(person)
    for (let minutes = 20; minutes < 120; minutes += 20) {
      clock.now += 20 * MINUTE
      expect(sessions.touch(id).kind, `${minutes} min`).toBe('active')
    }
    clock.now += 20 * MINUTE
    expect(sessions.touch(id)).toEqual({ kind: 'expired' })
  })

  it('drops ended sessions, then the oldest, when full', () => {
    const { clock, sessions } = store(2)
    const first = sessions.create(person)
    const second = sessions.create(person)
    const third = sessions.create(person)
    expect(sessions.size).toBe(2)
    expect(sessions.touch(first).kind).toBe('unknown')
    expect(sessions.touch(second).kind).toBe('active')
    // The second goes idle while the third is used: a new session takes
    // the second's place, and the third stays.
    clock.now += 20 * MINUTE
    expect(sessions.touch(third).kind).toBe('active')
    clock.now += 11 * MINUTE
    sessions.create(person)
    expect(sessions.size).toBe(2)
    expect(sessions.touch(third).kind).toBe('active')
    expect(sessions.touch(second).kind).toBe('unknown')
  })
})
