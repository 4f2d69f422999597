import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Role } from '../embed/model'
import { ALLOWED_ROUTES } from '../proxy/allowlist'
import type { TestDashboard } from './test-dashboard'
import { startTestDashboard } from './test-dashboard'

/** Who the sign-in proxy says is there, by role (through group membership). */
const PEOPLE: Record<Role, { user: string; groups: string }> = {
  viewer: { user: 'vic', groups: 'staff' },
  operator: { user: 'oscar', groups: 'staff, support' },
  admin: { user: 'ada', groups: 'console-admins' },
}

let dashboard: TestDashboard
/** Sandbox accounts the writes act on, by purpose. */
const target = { read: '', update: '', sync: '', disconnect: '', remove: '' }

beforeAll(async () => {
  dashboard = await startTestDashboard({
    env: () => ({
      AUTH_MODE: 'proxy',
      AUTH_PROXY_USER_HEADER: 'X-Forwarded-User',
      AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
      TRUSTED_PROXIES: '127.0.0.1',
      ROLE_GROUPS_ADMIN: 'console-admins',
      ROLE_GROUPS_OPERATOR: 'support',
    }),
  })
  const list = await dashboard.sandbox.call('/connected_accounts/list', {
    limit: 5,
  })
  const ids = (
    list.body.connected_accounts as { connected_account_id: string }[]
  ).map((account) => account.connected_account_id)
  const [read = '', update = '', sync = '', disconnect = '', remove = ''] = ids
  Object.assign(target, { read, update, sync, disconnect, remove })
})

afterAll(async () => {
  await dashboard.close()
})

interface Row {
  method: 'GET' | 'POST'
  /** Under /api/. */
  path: string
  body: () => unknown
  /** The status each role gets: success, or 403 when the role lacks the permission. */
  expected: Record<Role, number>
}

const READ = { viewer: 200, operator: 200, admin: 200 }
const OPERATE = { viewer: 403, operator: 200, admin: 200 }
const ADMINISTER = { viewer: 403, operator: 403, admin: 200 }

const ROWS: Row[] = [
  {
    method: 'POST',
    path: 'connected_accounts/list',
    body: () => ({ limit: 2 }),
    expected: READ,
  },
  {
    method: 'POST',
    path: 'connected_accounts/get',
    body: () => ({ connected_account_id: target.read }),
    expected: READ,
  },
  {
    method: 'POST',
    path: 'events/list',
    body: () => ({ since: '2020-01-01T00:00:00.000Z', limit: 2 }),
    expected: READ,
  },
  {
    method: 'POST',
    path: 'devices/list',
    body: () => ({ limit: 2 }),
    expected: READ,
  },
  {
    method: 'POST',
    path: 'connected_accounts/update',
    body: () => ({
      connected_account_id: target.update,
      custom_metadata: { checked_by: 'roles test' },
    }),
    expected: OPERATE,
  },
  {
    method: 'POST',
    path: 'connected_accounts/sync',
    body: () => ({ connected_account_id: target.sync }),
    expected: OPERATE,
  },
  {
    method: 'POST',
    path: 'connect_webviews/create',
    body: () => ({ accepted_providers: ['august'] }),
    expected: OPERATE,
  },
  {
    method: 'POST',
    path: 'connected_accounts/simulate/disconnect',
    body: () => ({ connected_account_id: target.disconnect }),
    expected: ADMINISTER,
  },
  {
    method: 'POST',
    path: 'connected_accounts/delete',
    body: () => ({ connected_account_id: target.remove }),
    expected: ADMINISTER,
  },
  {
    method: 'GET',
    path: 'dashboard/triage',
    body: () => undefined,
    expected: READ,
  },
  {
    method: 'POST',
    path: 'dashboard/triage/refresh',
    body: () => ({}),
    expected: { viewer: 202, operator: 202, admin: 202 },
  },
  {
    method: 'GET',
    path: 'dashboard/status',
    body: () => undefined,
    expected: READ,
  },
  {
    method: 'GET',
    path: 'auth/me',
    body: () => undefined,
    expected: READ,
  },
]

const ROLES_IN_ORDER: Role[] = ['viewer', 'operator', 'admin']
const CASES = ROWS.flatMap((row) =>
  ROLES_IN_ORDER.map((role) => ({ ...row, role, status: row.expected[role] })),
)

async function call(row: Row, role: Role) {
  const person = PEOPLE[role]
  const body = row.body()
  const response = await fetch(`${dashboard.origin}/api/${row.path}`, {
    method: row.method,
    headers: {
      'x-forwarded-user': person.user,
      'x-forwarded-groups': person.groups,
      ...(row.method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return {
    status: response.status,
    body: (await response.json()) as {
      ok: boolean
      error?: { type: string; message: string }
    },
  }
}

describe('each role against each API route', () => {
  it('covers every forwarded route', () => {
    const covered = new Set(ROWS.map((row) => row.path))
    for (const route of ALLOWED_ROUTES) {
      expect(covered, route.path).toContain(route.path)
    }
  })

  it.each(CASES)(
    '$role: $method /api/$path -> $status',
    async ({ role, status, ...row }) => {
      const answer = await call(row, role)
      expect(answer.status).toBe(status)
      if (status === 403) {
        expect(answer.body).toMatchObject({
          ok: false,
          error: {
            type: 'forbidden',
            message: expect.stringMatching(
              new RegExp(
                `needs the (operator|admin) role; you have the ${role} role\\.$`,
              ),
            ) as unknown,
          },
        })
      } else {
        expect(answer.body.ok).toBe(true)
      }
    },
  )

  it('never forwarded a refused write', async () => {
    // The operator's and viewer's deletes were refused before the admin's
    // went through: the account is gone once, by the admin.
    const gone = await dashboard.sandbox.call('/connected_accounts/get', {
      connected_account_id: target.remove,
    })
    expect(gone.status).toBe(404)
    // The viewer's update never reached the sandbox; the operator's did.
    const updated = await dashboard.sandbox.call('/connected_accounts/get', {
      connected_account_id: target.update,
    })
    expect(updated.body).toMatchObject({
      connected_account: { custom_metadata: { checked_by: 'roles test' } },
    })
  })

  it('names the role needed and the role held', async () => {
    const answer = await call(
      ROWS.find((row) => row.path === 'connected_accounts/delete') ??
        (ROWS[0] as Row),
      'operator',
    )
    expect(answer.body.error?.message).toBe(
      'Deleting connected accounts needs the admin role; you have the operator role.',
    )
  })
})
