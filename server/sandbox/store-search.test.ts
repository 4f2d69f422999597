import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type ListFilter, searchTextOf, type StoredAccount } from './store'
import { startTestSandbox, type TestSandbox } from './test-sandbox'

/**
 * Search reads the newest rows first, then the trigram index: few matches
 * are read and sorted, many are found by walking the list order. Every path
 * must give what a plain scan gives.
 */
describe('search on a few thousand accounts', () => {
  let sandbox: TestSandbox
  let all: StoredAccount[]

  beforeAll(() => {
    sandbox = startTestSandbox({ accounts: 4_000 })
    all = sandbox.sandbox.store.listAccounts({}, null, 10_000)
  })

  afterAll(() => {
    sandbox.cleanup()
  })

  /** What a scan of every account newest first returns. */
  const scanned = (filter: ListFilter, limit: number, after = -1) =>
    all
      .slice(after + 1)
      .filter(
        (a) =>
          (filter.customer_key === undefined ||
            a.customer_key === filter.customer_key) &&
          searchTextOf(a).includes((filter.search ?? '').toLowerCase()),
      )
      .slice(0, limit)
      .map((a) => a.connected_account_id)

  const listed = (filter: ListFilter, limit: number, after = -1) => {
    const last = all[after]
    return sandbox.sandbox.store
      .listAccounts(
        filter,
        last
          ? {
              created_at: last.created_at,
              connected_account_id: last.connected_account_id,
            }
          : null,
        limit,
      )
      .map((a) => a.connected_account_id)
  }

  const matchCount = (term: string, rows = all) =>
    rows.filter((a) => searchTextOf(a).includes(term)).length

  /** An account type matched by many accounts, too few of them among the newest 2,000 to fill `limit`. */
  const termMatching = (min: number, max: number, limit: number) => {
    const term = [...new Set(all.map((a) => a.account_type))].find((type) => {
      const count = matchCount(type)
      return (
        count > min &&
        count <= max &&
        matchCount(type, all.slice(0, 2_000)) < limit
      )
    })
    if (term === undefined) {
      throw new Error(`no account type matches ${min}-${max} accounts`)
    }
    return term
  }

  it('walks the list order when the index finds more than 500', () => {
    const term = termMatching(500, 4_000, 1_000)
    const expected = scanned({ search: term }, 1_000)
    expect(expected.length).toBeGreaterThan(500)
    expect(listed({ search: term }, 1_000)).toEqual(expected)
  })

  it('reads and sorts 500 or fewer', () => {
    const term = termMatching(50, 500, 1_000)
    const expected = scanned({ search: term }, 1_000)
    expect(listed({ search: term }, 1_000)).toEqual(expected)
  })

  it('pages, filters and finds single accounts alike on every path', () => {
    const many = termMatching(500, 4_000, 1_000)
    const customer = all.find((a) => a.customer_key !== null)?.customer_key
    const rare = all[2_500]?.user_identifier?.email ?? 'missing'
    const cases: [ListFilter, number, number][] = [
      [{ search: many }, 300, -1],
      [{ search: many }, 300, 1_500],
      [{ search: many }, 700, 2_100],
      [{ search: many.toUpperCase() }, 600, 100],
      [{ search: many, customer_key: customer ?? undefined }, 150, 300],
      [{ search: rare }, 25, -1],
      [{ search: 'no-such-account-qzx' }, 25, -1],
    ]
    for (const [filter, limit, after] of cases) {
      expect(listed(filter, limit, after), JSON.stringify(filter)).toEqual(
        scanned(filter, limit, after),
      )
    }
    expect(scanned({ search: rare }, 25)).toHaveLength(1)
  })
})
