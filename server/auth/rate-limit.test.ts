import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SlidingWindowLimiter } from './rate-limit'
import type { TestDashboard } from './test-dashboard'
import { startTestDashboard } from './test-dashboard'

describe('SlidingWindowLimiter', () => {
  it('allows `limit` attempts in any 60 s, and says when the next one is', () => {
    let now = 1_000_000
    const limiter = new SlidingWindowLimiter({ limit: 3, now: () => now })
    expect(limiter.attempt('a')).toEqual({ allowed: true })
    now += 10_000
    expect(limiter.attempt('a')).toEqual({ allowed: true })
    now += 10_000
    expect(limiter.attempt('a')).toEqual({ allowed: true })
    now += 5_000
    // The first attempt leaves the window 60 s after it was made.
    expect(limiter.attempt('a')).toEqual({
      allowed: false,
      retryAfterMs: 35_000,
    })
    expect(limiter.attempt('b')).toEqual({ allowed: true })
    now += 35_000
    expect(limiter.attempt('a')).toEqual({ allowed: true })
    // The second attempt is now the oldest in the window.
    expect(limiter.attempt('a')).toEqual({
      allowed: false,
      retryAfterMs: 10_000,
    })
  })

  it('does not count refused attempts', () => {
    let now = 0
    const limiter = new SlidingWindowLimiter({ limit: 1, now: () => now })
    limiter.attempt('a')
    for (let i = 0; i < 10; i++) {
      now += 5_000
      limiter.attempt('a')
    }
    now = 60_000
    expect(limiter.attempt('a')).toEqual({ allowed: true })
  })

  it('forgets the least recently active key beyond its capacity', () => {
    const limiter = new SlidingWindowLimiter({
      limit: 1,
      now: () => 0,
      maxTracked: 2,
    })
    limiter.attempt('a')
    limiter.attempt('b')
    limiter.attempt('c')
    expect(limiter.attempt('a')).toEqual({ allowed: true })
    expect(limiter.attempt('c').allowed).toBe(false)
  })
})

describe('the destructive-action limit on the API', () => {
  let dashboard: TestDashboard
  let now = Date.parse('2026-11-01T12:00:00.000Z')

  beforeAll(async () => {
    dashboard = await startTestDashboard({
      env: () => ({
        AUTH_MODE: 'proxy',
        AUTH_PROXY_USER_HEADER: 'X-Forwarded-User',
        AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
        TRUSTED_PROXIES: '127.0.0.1',
        ROLE_GROUPS_ADMIN: 'console-admins',
      }),
      now: () => now,
    })
  })

  afterAll(async () => {
    await dashboard.close()
  })

  async function destroy(
    user: string,
    path = 'connected_accounts/delete',
    groups = 'console-admins',
  ) {
    const response = await fetch(`${dashboard.origin}/api/${path}`, {
      method: 'POST',
      headers: {
        'x-forwarded-user': user,
        'x-forwarded-groups': groups,
        'content-type': 'application/json',
      },
      // An account that does not exist: the attempt counts all the same.
      body: JSON.stringify({ connected_account_id: randomUUID() }),
    })
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as {
        ok: boolean
        error?: { type: string; message: string }
      },
    }
  }

  it('answers the 21st delete in a minute with 429 and Retry-After, per person', async () => {
    for (let i = 0; i < 20; i++) {
      now += 1_000
      const answer = await destroy('ada')
      expect(answer.status, `delete ${i + 1}`).not.toBe(429)
      expect(answer.body.error?.type).toBe('connected_account_not_found')
    }
    now += 1_000
    const limited = await destroy('ada')
    expect(limited.status).toBe(429)
    // The first of the 20 was 20 s ago: it leaves the window in 40 s.
    expect(limited.retryAfter).toBe('40')
    expect(limited.body).toMatchObject({
      ok: false,
      error: {
        type: 'rate_limited',
        message:
          'Deleting accounts and simulating disconnections is limited to 20 a minute per person: try again in 40 s.',
      },
    })
    // Simulated disconnections share the limit.
    expect(
      (await destroy('ada', 'connected_accounts/simulate/disconnect')).status,
    ).toBe(429)
    // Reads are not limited.
    const list = await fetch(
      `${dashboard.origin}/api/connected_accounts/list`,
      {
        method: 'POST',
        headers: {
          'x-forwarded-user': 'ada',
          'x-forwarded-groups': 'console-admins',
          'content-type': 'application/json',
        },
        body: '{"limit":1}',
      },
    )
    expect(list.status).toBe(200)

    // Someone else is not held back by Ada.
    expect((await destroy('bea')).status).not.toBe(429)

    // Once the oldest attempt leaves the window, one more goes through.
    now += 40_000
    expect((await destroy('ada')).status).not.toBe(429)
    expect((await destroy('ada')).status).toBe(429)
  })

  it('never counts a refusal for a missing role', async () => {
    for (let i = 0; i < 25; i++) {
      expect((await destroy('vic', undefined, 'staff')).status).toBe(403)
    }
  })
})
