import type { ConnectedAccount } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { SeamBody, TestSandbox } from '../test-sandbox'
import { startTestSandbox } from '../test-sandbox'

interface ListBody extends SeamBody {
  connected_accounts: ConnectedAccount[]
  pagination: {
    has_next_page: boolean
    next_page_cursor: string | null
    next_page_url: string | null
  }
}

let t: TestSandbox

beforeEach(() => {
  t = startTestSandbox({ accounts: 120 })
})
afterEach(() => {
  t.cleanup()
})

async function list(params: Record<string, unknown> = {}): Promise<ListBody> {
  const { status, body } = await t.call('/connected_accounts/list', params)
  expect(body.error).toBeUndefined()
  expect(status).toBe(200)
  return body as ListBody
}

async function listError(params: unknown) {
  const { status, body } = await t.call('/connected_accounts/list', params)
  expect(body.ok).toBe(false)
  return { status, error: body.error }
}

/** Every account the query matches, walking all pages. */
async function walk(
  params: Record<string, unknown>,
): Promise<ConnectedAccount[]> {
  const all: ConnectedAccount[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 1000; pages++) {
    const body = await list({
      ...params,
      ...(cursor ? { page_cursor: cursor } : {}),
    })
    all.push(...body.connected_accounts)
    if (!body.pagination.has_next_page) return all
    cursor = body.pagination.next_page_cursor
  }
  throw new Error('pagination did not end')
}

const ids = (accounts: ConnectedAccount[]) =>
  accounts.map((a) => a.connected_account_id)

describe('POST /connected_accounts/list', () => {
  it('returns every account newest first with ok: true', async () => {
    const body = await list()
    expect(body.ok).toBe(true)
    expect(body.connected_accounts).toHaveLength(120)
    const created = body.connected_accounts.map((a) => a.created_at ?? '')
    expect(created).toEqual([...created].sort().reverse())
    expect(body.pagination).toEqual({
      has_next_page: false,
      next_page_cursor: null,
      next_page_url: null,
    })
  })

  it('walks every page once: no duplicate and no missing account', async () => {
    const everything = ids((await list()).connected_accounts)
    const walked = ids(await walk({ limit: 7 }))
    expect(walked).toHaveLength(120)
    expect(new Set(walked).size).toBe(120)
    expect(walked).toEqual(everything)
  })

  it('keeps its order stable across pages while other accounts are edited', async () => {
    const first = await list({ limit: 10 })
    const edited = first.connected_accounts[0]
    if (!edited) throw new Error('no account')
    await t.call('/connected_accounts/update', {
      connected_account_id: edited.connected_account_id,
      display_name: 'Renamed while paging',
    })
    const second = await list({
      limit: 10,
      page_cursor: first.pagination.next_page_cursor,
    })
    const rest = ids(await walk({}))
    expect(ids(second.connected_accounts)).toEqual(rest.slice(10, 20))
  })

  it('serves next_page_url as a GET that returns the next page', async () => {
    const first = await list({ limit: 5, customer_key: 'cust_harbor_lofts' })
    const url = first.pagination.next_page_url
    if (!url) throw new Error('expected a next page')
    const next = new URL(url)
    expect(next.searchParams.get('customer_key')).toBe('cust_harbor_lofts')
    const { status, body } = await t.call(next.pathname, undefined, {
      query: next.searchParams.toString(),
    })
    expect(status).toBe(200)
    const page = body as ListBody
    const expected = await walk({ customer_key: 'cust_harbor_lofts' })
    expect(ids(page.connected_accounts)).toEqual(ids(expected).slice(5, 10))
  })

  it('rejects a cursor reused with other parameters', async () => {
    const first = await list({ limit: 5 })
    const { status, error } = await listError({
      limit: 5,
      search: 'gmail',
      page_cursor: first.pagination.next_page_cursor,
    })
    expect(status).toBe(400)
    expect(error?.type).toBe('mismatched_page_parameters')
  })

  it('accepts a cursor with another page size (only the filters are bound)', async () => {
    const first = await list({ limit: 5 })
    const next = await list({
      limit: 10,
      page_cursor: first.pagination.next_page_cursor,
    })
    expect(ids(next.connected_accounts)).toEqual(
      ids(await walk({})).slice(5, 15),
    )
  })

  it.each([
    ['garbage', 'not-a-cursor'],
    [
      'a forged signature',
      'WyIyMDI2LTAxLTAxIiwiYSIsIngiXQ.AAAAAAAAAAAAAAAAAAAAAA',
    ],
    ['too many parts', 'a.b.c'],
  ])('rejects %s as page_cursor with 400 naming it', async (_name, cursor) => {
    const { status, error } = await listError({ page_cursor: cursor })
    expect(status).toBe(400)
    expect(error?.type).toBe('invalid_input')
    expect(error?.message).toContain('page_cursor')
  })

  it('treats a null page_cursor as the first page', async () => {
    const body = await list({ limit: 3, page_cursor: null })
    expect(ids(body.connected_accounts)).toEqual(
      ids(await walk({})).slice(0, 3),
    )
  })

  describe('limit', () => {
    it('accepts 1 and the maximum, 11000', async () => {
      expect((await list({ limit: 1 })).connected_accounts).toHaveLength(1)
      expect((await list({ limit: 11_000 })).connected_accounts).toHaveLength(
        120,
      )
    })
    it.each([0, 11_001, 2.5, -1, '10'])('rejects %s', async (limit) => {
      const { status, error } = await listError({ limit })
      expect(status).toBe(400)
      expect(error?.type).toBe('invalid_input')
      expect(error?.message).toContain('limit')
    })
  })

  describe('filters', () => {
    it('filters by customer_key', async () => {
      const all = await walk({})
      const expected = all.filter(
        (a) => a.customer_key === 'cust_juniper_stays',
      )
      expect(expected.length).toBeGreaterThan(0)
      expect(ids(await walk({ customer_key: 'cust_juniper_stays' }))).toEqual(
        ids(expected),
      )
      expect(await walk({ customer_key: 'cust_nobody' })).toEqual([])
    })

    it('filters by customer_ids through the customers they name', async () => {
      const rows = t.sandbox.store.db
        .prepare(
          'SELECT customer_id, customer_key FROM customers ORDER BY customer_key LIMIT 2',
        )
        .all() as { customer_id: string; customer_key: string }[]
      const keys = new Set(rows.map((r) => r.customer_key))
      const expected = (await walk({})).filter((a) =>
        keys.has(a.customer_key ?? ''),
      )
      expect(expected.length).toBeGreaterThan(0)
      const got = await walk({ customer_ids: rows.map((r) => r.customer_id) })
      expect(ids(got)).toEqual(ids(expected))
      expect(
        await walk({ customer_ids: ['00000000-0000-4000-8000-000000000000'] }),
      ).toEqual([])
    })

    it('filters by user_identifier_key', async () => {
      const [stored] = t.sandbox.store.listAccounts({}, null, 1)
      const key = stored?.user_identifier_key
      if (!key) throw new Error('seed has no user_identifier_key')
      const expected = t.sandbox.store
        .listAccounts({}, null, 1000)
        .filter((a) => a.user_identifier_key === key)
      const got = await walk({ user_identifier_key: key })
      expect(ids(got)).toEqual(expected.map((a) => a.connected_account_id))
    })

    it('filters by custom_metadata_has, every pair must match, booleans are not strings', async () => {
      const all = await walk({})
      const region = all.find(
        (a) => typeof a.custom_metadata.region === 'string',
      )?.custom_metadata.region
      expect(region).toBeDefined()
      const byRegion = all.filter((a) => a.custom_metadata.region === region)
      expect(ids(await walk({ custom_metadata_has: { region } }))).toEqual(
        ids(byRegion),
      )

      const withVip = all.filter(
        (a) =>
          a.custom_metadata.region === region &&
          a.custom_metadata.is_vip === false,
      )
      expect(
        ids(await walk({ custom_metadata_has: { region, is_vip: false } })),
      ).toEqual(ids(withVip))
      expect(await walk({ custom_metadata_has: { is_vip: 'false' } })).toEqual(
        [],
      )
    })

    it('combines filters with AND', async () => {
      const all = await walk({})
      const expected = all.filter(
        (a) =>
          a.customer_key === 'cust_harbor_lofts' &&
          (a.user_identifier?.email ?? '').includes('gmail'),
      )
      const got = await walk({
        customer_key: 'cust_harbor_lofts',
        search: 'gmail',
      })
      expect(ids(got)).toEqual(ids(expected))
    })

    it('reads filters from a GET query string as the Seam SDKs write it', async () => {
      const all = await walk({})
      const sample = all.find((a) => typeof a.custom_metadata.pms === 'string')
      const pms = sample?.custom_metadata.pms
      if (typeof pms !== 'string') throw new Error('seed has no pms metadata')
      const expected = all
        .filter((a) => a.custom_metadata.pms === pms)
        .slice(0, 4)
      const query = new URLSearchParams({
        'custom_metadata_has.pms': pms,
        limit: '4',
      })
      const { status, body } = await t.call(
        '/connected_accounts/list',
        undefined,
        {
          query: query.toString(),
        },
      )
      expect(status).toBe(200)
      expect(ids((body as ListBody).connected_accounts)).toEqual(ids(expected))
    })

    it.each([
      [{ customer_ids: ['not-a-uuid'] }, 'customer_ids'],
      [{ customer_ids: 'x' }, 'customer_ids'],
      [{ custom_metadata_has: { a: 1 } }, 'custom_metadata_has'],
      [{ custom_metadata_has: [] }, 'custom_metadata_has'],
      [{ customer_key: '' }, 'customer_key'],
      [{ search: '' }, 'search'],
      [{ serach: 'typo' }, 'serach'],
    ])('rejects %j with 400 naming %s', async (params, field) => {
      const { status, error } = await listError(params)
      expect(status).toBe(400)
      expect(error?.type).toBe('invalid_input')
      expect(error?.message).toContain(field)
      expect(Object.keys(error?.validation_errors ?? {}).join(' ')).toContain(
        field,
      )
    })
  })

  describe('search', () => {
    const matchesOf = (all: ConnectedAccount[], needle: string) =>
      all.filter((a) =>
        [
          a.connected_account_id,
          a.account_type ?? '',
          a.display_name,
          a.customer_key ?? '',
          a.user_identifier?.username ?? '',
          a.user_identifier?.email ?? '',
          a.user_identifier?.phone ?? '',
          ...Object.entries(a.custom_metadata).flat().map(String),
        ].some((field) => field.toLowerCase().includes(needle.toLowerCase())),
      )

    it.each([
      [
        'an email fragment',
        (a: ConnectedAccount) => a.user_identifier?.email?.slice(2, 12),
      ],
      [
        'a phone fragment',
        (a: ConnectedAccount) => a.user_identifier?.phone?.slice(-6),
      ],
      ['a username', (a: ConnectedAccount) => a.user_identifier?.username],
      [
        'an id prefix',
        (a: ConnectedAccount) => a.connected_account_id.slice(0, 8),
      ],
      ['a customer key', (a: ConnectedAccount) => a.customer_key],
      ['an account type', (a: ConnectedAccount) => a.account_type],
      [
        'a metadata value',
        (a: ConnectedAccount) => {
          const v = a.custom_metadata.internal_id
          return typeof v === 'string' ? v : undefined
        },
      ],
      [
        'a metadata key',
        (a: ConnectedAccount) => Object.keys(a.custom_metadata)[0],
      ],
      ['a display name', (a: ConnectedAccount) => a.display_name.slice(0, 6)],
    ])('finds accounts by %s, case-insensitively', async (_name, pick) => {
      const all = await walk({})
      const needle = all
        .map(pick)
        .find((v): v is string => typeof v === 'string' && v.length >= 3)
      if (!needle) throw new Error('seed has no such value')
      const expected = matchesOf(all, needle)
      expect(expected.length).toBeGreaterThan(0)
      expect(ids(await walk({ search: needle.toUpperCase() }))).toEqual(
        ids(expected),
      )
    })

    it('matches one- and two-character needles by scanning', async () => {
      const all = await walk({})
      for (const needle of ['@', 'zz', 'ki']) {
        expect(ids(await walk({ search: needle }))).toEqual(
          ids(matchesOf(all, needle)),
        )
      }
    })

    it('finds a rare term beyond the newest rows and pages through many hits', async () => {
      const all = await walk({})
      const oldest = all[all.length - 1]
      if (!oldest) throw new Error('no accounts')
      const needle = oldest.connected_account_id.slice(-12)
      expect(ids(await walk({ search: needle }))).toEqual([
        oldest.connected_account_id,
      ])

      const common = matchesOf(all, 'com')
      expect(common.length).toBeGreaterThan(20)
      expect(ids(await walk({ search: 'com', limit: 6 }))).toEqual(ids(common))
    })

    it('does not match across two fields', async () => {
      const all = await walk({})
      const account = all.find(
        (a) => a.customer_key && a.user_identifier?.username,
      )
      if (!account?.user_identifier?.username || !account.customer_key) {
        throw new Error('seed lacks an account with both fields')
      }
      const stored = t.sandbox.store.getAccount(account.connected_account_id)
      expect(stored).toBeDefined()
      // The tail of one field joined to the head of the next is not a match.
      const spanning = `${account.connected_account_id.slice(-3)}${account.account_type?.slice(0, 3) ?? ''}`
      expect(matchesOf(all, spanning)).toEqual([])
      expect(await walk({ search: spanning })).toEqual([])
    })

    it('returns nothing for a miss, and treats quotes and wildcards literally', async () => {
      for (const needle of [
        'no-such-thing-anywhere',
        '"',
        '%',
        '_',
        '*',
        'a" OR "b',
      ]) {
        const all = await walk({})
        expect(ids(await walk({ search: needle }))).toEqual(
          ids(matchesOf(all, needle)),
        )
      }
    })

    it('finds hostile and non-Latin text as plain text', async () => {
      const big = startTestSandbox({ accounts: 60 })
      try {
        const { body } = await big.call('/connected_accounts/list', {
          search: '<script>',
        })
        const found = (body as ListBody).connected_accounts
        expect(found.map((a) => a.display_name)).toContain(
          '<script>alert("display_name")</script>',
        )
        const rtl = await big.call('/connected_accounts/list', {
          search: 'مكتب',
        })
        expect((rtl.body as ListBody).connected_accounts).toHaveLength(1)
      } finally {
        big.cleanup()
      }
    })
  })
})
