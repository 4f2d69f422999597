import { afterEach, describe, expect, it } from 'vitest'

import { TEST_NOW } from '../sandbox/test-sandbox'
import { CSV_COLUMNS } from './csv'
import type { AuditAction, AuditListResponse, AuditRecord } from './model'
import { AUDIT_ACTIONS } from './model'
import type { AuditHarness } from './test-harness'
import { PORTAL, startAuditHarness } from './test-harness'

const harnesses: AuditHarness[] = []
afterEach(() => {
  for (const h of harnesses.splice(0)) h.cleanup()
})

const HOUR = 3_600_000
const T0 = TEST_NOW.getTime()
const ACTORS = [
  { id: 'oidc|ada', email: 'Ada@Example.com', name: 'Ada' },
  { id: 'oidc|bob', email: 'bob@example.com', name: 'Bob' },
  { id: 'local', email: null, name: 'Local user' },
] as const
const ACCOUNTS = ['acct-a', 'acct-b', 'acct-c'] as const

/**
 * 30 records an hour apart from T0, cycling through actors, accounts,
 * actions and outcomes (every fifth one still pending).
 */
function seed(h: AuditHarness): void {
  for (let i = 0; i < 30; i++) {
    const id = h.store.begin({
      receivedAt: T0 + i * HOUR,
      actor: ACTORS[i % 3] ?? ACTORS[0],
      role: 'admin',
      via: 'dashboard',
      origin: null,
      action:
        AUDIT_ACTIONS[i % AUDIT_ACTIONS.length] ?? 'connected_accounts/sync',
      connectedAccountId: ACCOUNTS[i % 3] ?? null,
      changes: null,
      requestId: `req-${i}`,
    })
    if (i % 5 === 4) continue
    h.store.complete(id, {
      outcome: i % 2 === 0 ? 'succeeded' : 'failed',
      status: i % 2 === 0 ? 200 : 400,
      errorType: i % 2 === 0 ? null : 'invalid_input',
      completedAt: T0 + i * HOUR + 10,
    })
  }
}

function start(): AuditHarness {
  const h = startAuditHarness()
  harnesses.push(h)
  seed(h)
  return h
}

const requestIds = (records: AuditRecord[]) => records.map((r) => r.request_id)
const seq = (records: AuditRecord[]) =>
  records.map((r) => Number(r.request_id.slice(4)))

async function expectInvalid(res: Response, field: string): Promise<string> {
  expect(res.status).toBe(400)
  const body = (await res.json()) as {
    ok: boolean
    error: { type: string; message: string; request_id: string }
  }
  expect(body.ok).toBe(false)
  expect(body.error.type).toBe('invalid_input')
  expect(body.error.message).toContain(field)
  expect(body.error.request_id).toBe(res.headers.get('x-request-id'))
  return body.error.message
}

describe('GET /api/audit', () => {
  it('lists newest first, 50 by default, with the pagination block', async () => {
    const h = start()
    const body = await h.list()
    expect(body.ok).toBe(true)
    expect(seq(body.records)).toEqual(
      Array.from({ length: 30 }, (_, i) => 29 - i),
    )
    expect(body.pagination).toEqual({
      has_next_page: false,
      next_page_cursor: null,
    })
    expect(body.records[0]).toEqual({
      audit_id: expect.stringMatching(/^aud_/) as string,
      created_at: new Date(T0 + 29 * HOUR).toISOString(),
      actor: ACTORS[2],
      role: 'admin',
      via: 'dashboard',
      origin: null,
      action: 'connect_webviews/create',
      connected_account_id: 'acct-c',
      changes: null,
      outcome: 'pending',
      upstream_status: null,
      error_type: null,
      request_id: 'req-29',
      completed_at: null,
      truncated: false,
    } satisfies AuditRecord)
  })

  describe('filters', () => {
    it('by actor id, or email in any case', async () => {
      const h = start()
      const byId = await h.list('?actor=oidc%7Cada')
      expect(seq(byId.records)).toEqual([27, 24, 21, 18, 15, 12, 9, 6, 3, 0])
      const byEmail = await h.list('?actor=ada%40example.COM')
      expect(seq(byEmail.records)).toEqual(seq(byId.records))
    })

    it('by connected_account_id', async () => {
      const h = start()
      const body = await h.list('?connected_account_id=acct-b')
      expect(
        body.records.every((r) => r.connected_account_id === 'acct-b'),
      ).toBe(true)
      expect(body.records).toHaveLength(10)
    })

    it.each(AUDIT_ACTIONS)('by action %s', async (action: AuditAction) => {
      const h = start()
      const body = await h.list(`?action=${encodeURIComponent(action)}`)
      expect(body.records).toHaveLength(6)
      expect(body.records.every((r) => r.action === action)).toBe(true)
    })

    it.each([
      ['succeeded', 12],
      ['failed', 12],
      ['pending', 6],
    ] as const)('by outcome %s', async (outcome, count) => {
      const h = start()
      const body = await h.list(`?outcome=${outcome}`)
      expect(body.records).toHaveLength(count)
      expect(body.records.every((r) => r.outcome === outcome)).toBe(true)
    })

    it('by a time range, both ends included', async () => {
      const h = start()
      const from = new Date(T0 + 3 * HOUR).toISOString()
      const to = new Date(T0 + 6 * HOUR).toISOString()
      const body = await h.list(`?from=${from}&to=${to}`)
      expect(seq(body.records)).toEqual([6, 5, 4, 3])
    })

    it('by whole days: `to` includes the day it names', async () => {
      const h = start()
      // T0 is 2026-11-01T12:00Z: records 0 to 11 fall on November 1st.
      const body = await h.list('?from=2026-11-01&to=2026-11-01')
      expect(seq(body.records)).toEqual(
        Array.from({ length: 12 }, (_, i) => 11 - i),
      )
      const next = await h.list('?from=2026-11-02')
      expect(seq(next.records)).toEqual(
        Array.from({ length: 18 }, (_, i) => 29 - i),
      )
    })

    it('combines filters', async () => {
      const h = start()
      const body = await h.list(
        '?actor=bob%40example.com&outcome=failed&connected_account_id=acct-b',
      )
      expect(seq(body.records)).toEqual([25, 13, 7, 1])
    })
  })

  describe('cursor', () => {
    it('walks every page once, with no duplicates or gaps', async () => {
      const h = start()
      const seen: number[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`
        const body: AuditListResponse = await h.list(`?limit=7${query}`)
        seen.push(...seq(body.records))
        cursor = body.pagination.next_page_cursor
        expect(body.pagination.has_next_page).toBe(cursor !== null)
        pages++
      } while (cursor !== null)
      expect(pages).toBe(5)
      expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i))
    })

    it('walks a filtered listing, and a record added meanwhile does not shift it', async () => {
      const h = start()
      const first = await h.list('?outcome=failed&limit=5')
      expect(seq(first.records)).toEqual([27, 25, 23, 21, 17])
      // A newer record arrives between pages.
      await h.post('/api/connected_accounts/delete', {
        connected_account_id: '00000000-0000-4000-8000-000000000000',
      })
      const cursor = first.pagination.next_page_cursor ?? ''
      const second = await h.list(`?outcome=failed&limit=5&cursor=${cursor}`)
      expect(seq(second.records)).toEqual([15, 13, 11, 7, 5])
      expect((await h.list('?outcome=failed')).records).toHaveLength(13)
    })

    it('refuses a cursor used with other filters: 400 naming cursor', async () => {
      const h = start()
      const first = await h.list('?actor=oidc%7Cada&limit=2')
      const cursor = first.pagination.next_page_cursor ?? ''
      const message = await expectInvalid(
        await h.get(`/api/audit?actor=oidc%7Cbob&limit=2&cursor=${cursor}`),
        'cursor',
      )
      expect(message).toMatch(/other filters/)
      await expectInvalid(
        await h.get(`/api/audit?limit=2&cursor=${cursor}`),
        'cursor',
      )
      // The same filters with another page size are fine.
      const res = await h.get(
        `/api/audit?actor=oidc%7Cada&limit=3&cursor=${cursor}`,
      )
      expect(res.status).toBe(200)
    })

    it.each(['nonsense', 'eyJ2IjoyfQ', '%7B%7D', 'a'.repeat(600)])(
      'refuses a cursor it did not give out: %s',
      async (cursor) => {
        const h = start()
        await expectInvalid(
          await h.get(`/api/audit?cursor=${cursor}`),
          'cursor',
        )
      },
    )
  })

  describe('bad parameters: 400 invalid_input naming the field', () => {
    it.each([
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=', 'limit'],
      ['action=connected_accounts/list', 'action'],
      ['outcome=maybe', 'outcome'],
      ['from=yesterday', 'from'],
      ['from=2026-02-31', 'from'],
      ['from=2026-11-01T12:00:00', 'from'],
      ['to=2026-13-01', 'to'],
      ['from=2026-11-02&to=2026-11-01', 'to'],
      ['actor=', 'actor'],
      [`actor=${'x'.repeat(257)}`, 'actor'],
      ['connected_account_id=', 'connected_account_id'],
      ['actor=a&actor=b', 'actor'],
      ['sort=asc', 'sort'],
    ])('?%s names %s', async (query, field) => {
      const h = start()
      await expectInvalid(await h.get(`/api/audit?${query}`), field)
    })
  })

  it('is for admins: an embedded operator is refused', async () => {
    const h = start()
    const session = await h.session('operator')
    const res = await h.get('/api/audit', session)
    expect(res.status).toBe(403)
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe(
      'forbidden',
    )
    const csv = await h.get('/api/audit/export.csv', session)
    expect(csv.status).toBe(403)
  })

  it('is closed to a scoped embedded session, even an admin one', async () => {
    const h = start()
    const scoped = await h.session('admin', { customer_key: 'cust_1' })
    for (const path of ['/api/audit', '/api/audit/export.csv']) {
      const res = await h.get(path, scoped)
      expect(res.status).toBe(403)
      expect(
        ((await res.json()) as { error: { type: string } }).error.type,
      ).toBe('out_of_scope')
    }
    // An admin session over the whole workspace reads it.
    const whole = await h.session('admin')
    expect((await h.list('', whole)).records).toHaveLength(30)
  })

  it('is not cached', async () => {
    const h = start()
    const res = await h.get('/api/audit')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })
})

describe('GET /api/audit/export.csv', () => {
  async function exportCsv(h: AuditHarness, query = '') {
    const res = await h.get(`/api/audit/export.csv${query}`)
    expect(res.status).toBe(200)
    const bytes = new Uint8Array(await res.arrayBuffer())
    return {
      res,
      bytes,
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
    }
  }

  it('is a UTF-8 CSV attachment with a BOM, a header and CRLF lines', async () => {
    const h = start()
    const { res, bytes, text } = await exportCsv(h)
    expect(res.headers.get('content-type')).toBe(
      'text/csv; charset=utf-8; header=present',
    )
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="audit-2026-11-01.csv"',
    )
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = text.slice(1).split('\r\n')
    expect(lines[0]).toBe(CSV_COLUMNS.join(','))
    expect(lines).toHaveLength(32)
    expect(lines[31]).toBe('')
    expect(lines[1]).toMatch(
      /^aud_\w+,2026-11-02T17:00:00\.000Z,local,,Local user,admin,dashboard,/,
    )
  })

  it('exports every match, past any page size, newest first', async () => {
    const h = startAuditHarness()
    harnesses.push(h)
    for (let i = 0; i < 1_234; i++) {
      h.store.begin({
        receivedAt: T0 + i,
        actor: ACTORS[0],
        role: 'admin',
        via: 'dashboard',
        origin: null,
        action: 'connected_accounts/sync',
        connectedAccountId: `acct-${i}`,
        changes: null,
        requestId: `req-${i}`,
      })
    }
    const { text } = await exportCsv(h)
    const rows = text.slice(1).trimEnd().split('\r\n').slice(1)
    expect(rows).toHaveLength(1_234)
    const accounts = rows.map((row) => row.split(',')[9])
    expect(accounts[0]).toBe('acct-1233')
    expect(accounts.at(-1)).toBe('acct-0')
    expect(new Set(accounts).size).toBe(1_234)
  })

  it('applies the filters', async () => {
    const h = start()
    const { text } = await exportCsv(h, '?actor=oidc%7Cbob&outcome=failed')
    const rows = text.slice(1).trimEnd().split('\r\n').slice(1)
    expect(rows.map((row) => row.split(',')[13])).toEqual([
      'req-25',
      'req-13',
      'req-7',
      'req-1',
    ])
  })

  it('quotes per RFC 4180 and neutralises formulas', async () => {
    const h = startAuditHarness()
    harnesses.push(h)
    const id = h.store.begin({
      receivedAt: T0,
      actor: { id: '=cmd|"/c calc"!A1', email: '@evil', name: 'Doe, "Jo"' },
      role: 'operator',
      via: 'embed',
      origin: PORTAL,
      action: 'connected_accounts/update',
      connectedAccountId: '+SUM(1)',
      changes: {
        custom_metadata: [{ key: 'k', change: 'added', old: null, new: '-1' }],
      },
      requestId: '-req',
    })
    h.store.complete(id, {
      outcome: 'failed',
      status: 400,
      errorType: 'invalid_input',
      completedAt: T0 + 1,
    })
    const { text } = await exportCsv(h)
    const row = text.slice(1).split('\r\n')[1]
    expect(row).toBe(
      [
        id,
        '2026-11-01T12:00:00.000Z',
        `"'=cmd|""/c calc""!A1"`,
        "'@evil",
        '"Doe, ""Jo"""',
        'operator',
        'embed',
        PORTAL,
        'connected_accounts/update',
        "'+SUM(1)",
        'failed',
        '400',
        'invalid_input',
        "'-req",
        '2026-11-01T12:00:00.001Z',
        'false',
        '"{""custom_metadata"":[{""key"":""k"",""change"":""added"",""old"":null,""new"":""-1""}]}"',
      ].join(','),
    )
  })

  it('refuses bad filters, and pagination parameters', async () => {
    const h = start()
    await expectInvalid(
      await h.get('/api/audit/export.csv?outcome=maybe'),
      'outcome',
    )
    await expectInvalid(await h.get('/api/audit/export.csv?limit=5'), 'limit')
  })
})

describe('GET /api/audit/account/:connected_account_id', () => {
  it("lists that account's recent records, 20 by default", async () => {
    const h = start()
    const res = await h.get('/api/audit/account/acct-a')
    expect(res.status).toBe(200)
    const body = (await res.json()) as AuditListResponse
    expect(seq(body.records)).toEqual([27, 24, 21, 18, 15, 12, 9, 6, 3, 0])
    expect(body.pagination.has_next_page).toBe(false)

    const limited = (await (
      await h.get('/api/audit/account/acct-a?limit=3')
    ).json()) as AuditListResponse
    expect(requestIds(limited.records)).toEqual(['req-27', 'req-24', 'req-21'])
    expect(limited.pagination.has_next_page).toBe(true)
    // Its cursor pages on, here and in the admin's log filtered by account.
    const cursor = limited.pagination.next_page_cursor ?? ''
    const next = (await (
      await h.get(`/api/audit/account/acct-a?limit=3&cursor=${cursor}`)
    ).json()) as AuditListResponse
    expect(requestIds(next.records)).toEqual(['req-18', 'req-15', 'req-12'])
    const same = await h.list(
      `?connected_account_id=acct-a&limit=3&cursor=${cursor}`,
    )
    expect(requestIds(same.records)).toEqual(['req-18', 'req-15', 'req-12'])
  })

  it('shows a real change as the account page needs it', async () => {
    const h = startAuditHarness()
    harnesses.push(h)
    const [account] = h.accounts()
    if (!account) throw new Error('no accounts')
    await h.post('/api/connected_accounts/update', {
      connected_account_id: account.connected_account_id,
      display_name: 'Renamed',
    })
    const body = (await (
      await h.get(`/api/audit/account/${account.connected_account_id}`)
    ).json()) as AuditListResponse
    expect(body.records).toHaveLength(1)
    expect(body.records[0]).toMatchObject({
      actor: { name: 'Local user' },
      created_at: TEST_NOW.toISOString(),
      changes: {
        fields: { display_name: { old: account.display_name, new: 'Renamed' } },
      },
    })
  })

  it('refuses bad parameters', async () => {
    const h = start()
    await expectInvalid(
      await h.get('/api/audit/account/acct-a?limit=500'),
      'limit',
    )
    await expectInvalid(
      await h.get('/api/audit/account/acct-a?actor=x'),
      'actor',
    )
    await expectInvalid(
      await h.get(`/api/audit/account/${'x'.repeat(300)}`),
      'connected_account_id',
    )
  })

  it('is open to an embedded viewer, for accounts in its scope only', async () => {
    const h = startAuditHarness()
    harnesses.push(h)
    const accounts = h.accounts().filter((a) => a.customer_key !== null)
    const [mine] = accounts
    const other = accounts.find((a) => a.customer_key !== mine?.customer_key)
    if (!mine?.customer_key || !other) throw new Error('seed too small')
    for (const account of [mine, other]) {
      await h.post('/api/connected_accounts/sync', {
        connected_account_id: account.connected_account_id,
      })
    }
    const session = await h.session(
      'viewer',
      { customer_key: mine.customer_key },
      { origin: PORTAL },
    )
    const inside = await h.get(
      `/api/audit/account/${mine.connected_account_id}`,
      session,
    )
    expect(inside.status).toBe(200)
    expect(
      ((await inside.json()) as AuditListResponse).records.map(
        (r) => r.connected_account_id,
      ),
    ).toEqual([mine.connected_account_id])

    const outside = await h.get(
      `/api/audit/account/${other.connected_account_id}`,
      session,
    )
    expect(outside.status).toBe(404)
    expect(
      ((await outside.json()) as { error: { type: string } }).error.type,
    ).toBe('connected_account_not_found')
  })
})
