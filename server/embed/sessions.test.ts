import { describe, expect, it } from 'vitest'

import type { EmbedSession } from './sessions'
import {
  EXPIRED_SESSION_RETENTION_MS,
  SessionStore,
  TokenReplayGuard,
} from './sessions'

const START = Date.parse('2026-11-01T12:00:00.000Z')

function clock() {
  const time = { now: START }
  return { time, now: () => time.now }
}

const session = (fields: Partial<EmbedSession> = {}): EmbedSession => ({
  role: 'viewer',
  scope: { customer_key: 'cust_a' },
  subject: 'alice',
  origin: null,
  expiresAt: START + 60_000,
  ...fields,
})

describe('SessionStore', () => {
  it('issues sacs_ tokens of 32 random bytes and finds the session by them', () => {
    const store = new SessionStore(clock())
    const token = store.create(session())
    expect(token).toMatch(/^sacs_[A-Za-z0-9_-]{43}$/)
    expect(store.lookup(token)).toEqual(session())
    expect(store.create(session())).not.toBe(token)
  })

  it('does not know a token it did not issue, or one changed by a letter', () => {
    const store = new SessionStore(clock())
    const token = store.create(session())
    expect(store.lookup('sacs_unknown')).toBeUndefined()
    expect(
      store.lookup(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')),
    ).toBeUndefined()
  })

  it('answers expired once the session is over, then forgets it', () => {
    const { time, now } = clock()
    const store = new SessionStore({ now })
    const token = store.create(session())
    time.now = START + 59_999
    expect(store.lookup(token)).toMatchObject({ role: 'viewer' })
    time.now = START + 60_000
    expect(store.lookup(token)).toBe('expired')
    time.now = START + 60_000 + EXPIRED_SESSION_RETENTION_MS - 1
    expect(store.lookup(token)).toBe('expired')
    time.now = START + 60_000 + EXPIRED_SESSION_RETENTION_MS
    expect(store.lookup(token)).toBeUndefined()
    expect(store.size).toBe(0)
  })

  it('ends a session at once', () => {
    const store = new SessionStore(clock())
    const token = store.create(session())
    const other = store.create(session())
    expect(store.end(token)).toBe(true)
    expect(store.lookup(token)).toBeUndefined()
    expect(store.end(token)).toBe(false)
    expect(store.lookup(other)).toMatchObject({ subject: 'alice' })
  })

  it('prunes sessions expired past the retention', () => {
    const { time, now } = clock()
    const store = new SessionStore({ now })
    store.create(session({ expiresAt: START + 1_000 }))
    store.create(session({ expiresAt: START + 10 * 60_000 }))
    time.now = START + 1_000 + EXPIRED_SESSION_RETENTION_MS
    store.create(session({ expiresAt: time.now + 60_000 }))
    expect(store.size).toBe(2)
  })

  it('holds at most the cap, dropping the oldest session', () => {
    const store = new SessionStore({ ...clock(), maxSessions: 3 })
    const tokens = Array.from({ length: 4 }, (_, i) =>
      store.create(session({ subject: `user-${i}` })),
    )
    expect(store.size).toBe(3)
    expect(store.lookup(tokens[0] ?? '')).toBeUndefined()
    for (const token of tokens.slice(1)) {
      expect(store.lookup(token)).toMatchObject({ role: 'viewer' })
    }
  })

  it('keeps only a hash of each token', () => {
    const store = new SessionStore(clock())
    const token = store.create(session())
    const held = JSON.stringify([
      ...(store as unknown as { sessions: Map<string, unknown> }).sessions,
    ])
    expect(held).not.toContain(token)
    expect(held).not.toContain(token.slice('sacs_'.length))
  })
})

describe('TokenReplayGuard', () => {
  it('lets a token id be used once until its token expires plus the skew', () => {
    const { time, now } = clock()
    const guard = new TokenReplayGuard({ now, skewMs: 30_000 })
    const exp = START + 120_000
    expect(guard.use('jti-1', exp)).toBe('ok')
    expect(guard.use('jti-1', exp)).toBe('replayed')
    expect(guard.use('jti-2', exp)).toBe('ok')
    time.now = exp + 29_999
    expect(guard.use('jti-1', exp)).toBe('replayed')
  })

  it('forgets expired ids when full, and refuses rather than forget a live one', () => {
    const { time, now } = clock()
    const guard = new TokenReplayGuard({ now, skewMs: 0, max: 2 })
    expect(guard.use('a', START + 1_000)).toBe('ok')
    expect(guard.use('b', START + 5_000)).toBe('ok')
    expect(guard.use('c', START + 5_000)).toBe('full')
    time.now = START + 1_000
    expect(guard.use('c', START + 5_000)).toBe('ok')
    expect(guard.size).toBe(2)
    expect(guard.use('b', START + 5_000)).toBe('replayed')
  })
})
