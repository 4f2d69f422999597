import { afterEach, describe, expect, it } from 'vitest'

import type { TestDashboard } from './test-dashboard'
import { startTestDashboard, TEST_INDEX_HTML } from './test-dashboard'

const running: TestDashboard[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((dashboard) => dashboard.close()))
})

/** A dashboard in proxy mode on 127.0.0.1, believing the given proxies. */
async function behindProxy(trustedProxies: string): Promise<TestDashboard> {
  const dashboard = await startTestDashboard({
    env: () => ({
      AUTH_MODE: 'proxy',
      AUTH_PROXY_USER_HEADER: 'X-Forwarded-User',
      AUTH_PROXY_EMAIL_HEADER: 'X-Forwarded-Email',
      AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
      TRUSTED_PROXIES: trustedProxies,
      ROLE_GROUPS_ADMIN: 'console-admins',
      ROLE_GROUPS_OPERATOR: 'support',
    }),
  })
  running.push(dashboard)
  return dashboard
}

const IDENTITY = {
  'x-forwarded-user': 'ada',
  'x-forwarded-email': 'ada@example.com',
  'x-forwarded-groups': 'staff, console-admins',
}

async function me(dashboard: TestDashboard, headers: Record<string, string>) {
  const response = await fetch(`${dashboard.origin}/api/auth/me`, { headers })
  return { status: response.status, body: (await response.json()) as unknown }
}

describe('AUTH_MODE=proxy', () => {
  it.each(['127.0.0.1', '127.0.0.0/8', '10.0.0.0/8, 127.0.0.1/32'])(
    'believes the headers from a trusted proxy (TRUSTED_PROXIES=%s)',
    async (trusted) => {
      const dashboard = await behindProxy(trusted)
      expect(await me(dashboard, IDENTITY)).toEqual({
        status: 200,
        body: {
          ok: true,
          user: {
            id: 'ada',
            email: 'ada@example.com',
            name: 'ada@example.com',
          },
          role: 'admin',
          auth: 'proxy',
          via: 'dashboard',
          can_sign_out: false,
        },
      })
    },
  )

  it('maps groups to roles, and no group to viewer', async () => {
    const dashboard = await behindProxy('127.0.0.1')
    const roleOf = async (groups?: string) => {
      const answer = await me(dashboard, {
        'x-forwarded-user': 'sam',
        ...(groups === undefined ? {} : { 'x-forwarded-groups': groups }),
      })
      return (answer.body as { role: string }).role
    }
    expect(await roleOf('support')).toBe('operator')
    expect(await roleOf('support,console-admins')).toBe('admin')
    expect(await roleOf('Console-Admins')).toBe('viewer')
    expect(await roleOf('')).toBe('viewer')
    expect(await roleOf()).toBe('viewer')
  })

  it('ignores the same headers from a peer that is not a trusted proxy', async () => {
    const dashboard = await behindProxy('10.0.0.0/8, 192.168.1.5, fd00::/8')
    const spoofed = await me(dashboard, {
      ...IDENTITY,
      // Forwarding headers are no proof of where a request came from.
      'x-forwarded-for': '10.0.0.1',
      'x-real-ip': '10.0.0.1',
    })
    expect(spoofed).toEqual({
      status: 401,
      body: {
        ok: false,
        error: {
          type: 'unauthenticated',
          message:
            'Sign in through the sign-in proxy: this request did not come through it.',
          request_id: expect.any(String) as unknown,
        },
      },
    })
    const write = await fetch(
      `${dashboard.origin}/api/connected_accounts/delete`,
      {
        method: 'POST',
        headers: { ...IDENTITY, 'content-type': 'application/json' },
        body: JSON.stringify({
          connected_account_id: '00000000-0000-4000-8000-000000000000',
        }),
      },
    )
    expect(write.status).toBe(401)
    // The app itself still loads (it holds no data); only the API refuses.
    const page = await fetch(`${dashboard.origin}/accounts`, {
      headers: IDENTITY,
    })
    expect(page.status).toBe(200)
    expect(await page.text()).toBe(TEST_INDEX_HTML)
  })

  it('wants a user from a trusted proxy', async () => {
    const dashboard = await behindProxy('127.0.0.1')
    for (const headers of [
      {},
      { 'x-forwarded-user': '   ' },
      { 'x-forwarded-user': 'a'.repeat(257) },
      { 'x-forwarded-email': 'ada@example.com' },
    ]) {
      const answer = await me(dashboard, headers)
      expect(answer.status).toBe(401)
      expect(answer.body).toMatchObject({
        error: {
          type: 'unauthenticated',
          message: 'The sign-in proxy did not say who is signed in.',
        },
      })
    }
  })

  it('ignores the headers without a socket peer to check', async () => {
    const dashboard = await behindProxy('127.0.0.1')
    const response = await dashboard.app.request('/api/auth/me', {
      headers: IDENTITY,
    })
    expect(response.status).toBe(401)
  })

  it('lets an embedded frame in on its own session, with its own role', async () => {
    const dashboard = await behindProxy('10.0.0.1')
    const started = await fetch(`${dashboard.origin}/api/embed/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'operator' }),
    })
    expect(started.status).toBe(201)
    const { session_token } = (await started.json()) as {
      session_token: string
    }
    const answer = await me(dashboard, {
      authorization: `Bearer ${session_token}`,
    })
    expect(answer).toEqual({
      status: 200,
      body: {
        ok: true,
        user: { id: 'embed:anonymous', email: null, name: 'Portal user' },
        role: 'operator',
        auth: 'embed',
        via: 'embed',
        can_sign_out: false,
      },
    })
    const remove = await fetch(
      `${dashboard.origin}/api/connected_accounts/delete`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${session_token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          connected_account_id: '00000000-0000-4000-8000-000000000000',
        }),
      },
    )
    expect(remove.status).toBe(403)
    expect(await remove.json()).toMatchObject({
      error: {
        type: 'forbidden',
        message:
          'Deleting connected accounts needs the admin role; this session has the operator role.',
      },
    })
  })
})
