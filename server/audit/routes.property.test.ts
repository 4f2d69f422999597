import fc from 'fast-check'
import { afterEach, beforeEach, describe, it } from 'vitest'

import type { FuzzRequest, QuerySpec } from '../test-support/arbitraries'
import {
  encodeSegment,
  oddString,
  offendingOf,
  requestHeaders,
  routeQuery,
} from '../test-support/arbitraries'
import type { FuzzDashboard } from '../test-support/dashboard'
import {
  FUZZ_ORIGIN,
  fuzzRoute,
  startFuzzDashboard,
} from '../test-support/dashboard'
import {
  checkAnswers,
  expectReached,
  PROPERTY_TIMEOUT_MS,
  RUNS,
  seededWorld,
} from '../test-support/fuzz'
import type { AuditListResponse } from './model'
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from './model'

let d: FuzzDashboard

beforeEach(() => {
  d = startFuzzDashboard()
})
afterEach(() => {
  d.cleanup()
})

/** A few records of each outcome, through the real API, and a cursor to page them. */
async function recordSomeCalls(): Promise<{ cursor: string }> {
  const post = (path: string, body: unknown) =>
    d.app.request(`${FUZZ_ORIGIN}/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const [first, second] = seededWorld(d.sandbox.sandbox.store).accountIds
  await post('connected_accounts/update', {
    connected_account_id: first,
    display_name: 'Front door',
  })
  await post('connected_accounts/sync', { connected_account_id: second })
  await post('connected_accounts/sync', { connected_account_id: 'nope' })
  await post('connect_webviews/create', {})
  const page = await d.app.request(`${FUZZ_ORIGIN}/api/audit?limit=1`)
  const { pagination } = (await page.json()) as AuditListResponse
  if (pagination.next_page_cursor === null) throw new Error('no second page')
  return { cursor: pagination.next_page_cursor }
}

const day = (min: string, max: string) =>
  fc
    .date({ min: new Date(min), max: new Date(max), noInvalidDate: true })
    .chain((date) =>
      fc.constantFrom(date.toISOString().slice(0, 10), date.toISOString()),
    )

function filterQuery(accountIds: readonly string[]): QuerySpec {
  return {
    required: {},
    optional: {
      actor: fc.constantFrom('local', 'LOCAL', 'embed:anonymous'),
      connected_account_id: fc.constantFrom(...accountIds),
      action: fc.constantFrom(...AUDIT_ACTIONS),
      outcome: fc.constantFrom(...AUDIT_OUTCOMES),
      // Always in order: from before the seeded day, to after it.
      from: day('2020-01-01', '2026-10-31'),
      to: day('2026-11-02', '2030-01-01'),
      limit: fc.integer({ min: 1, max: 200 }).map(String),
    },
  }
}

function withoutLimit(query: QuerySpec): QuerySpec['optional'] {
  const { limit: _limit, ...rest } = query.optional
  return rest
}

/** A cursor works only with the filters it came with: none here. */
const pagingQuery = (cursor: string): QuerySpec => ({
  required: {},
  optional: {
    cursor: fc.constant(cursor),
    limit: fc.integer({ min: 1, max: 200 }).map(String),
  },
})

describe(
  'the audit log under 1,000 generated requests per route',
  { timeout: PROPERTY_TIMEOUT_MS },
  () => {
    it.each(['/api/audit', '/api/audit/export.csv'])(
      'GET %s answers 2xx or a Seam 4xx naming the parameter, in time, changing nothing',
      async (path) => {
        const { cursor } = await recordSomeCalls()
        const world = seededWorld(d.sandbox.sandbox.store)
        const filters = filterQuery(world.accountIds)
        await fuzzRoute(d, {
          method: 'GET',
          path,
          query:
            path === '/api/audit'
              ? fc.oneof(routeQuery(filters), routeQuery(pagingQuery(cursor)))
              : // export.csv takes the filters alone.
                routeQuery({ required: {}, optional: withoutLimit(filters) }),
          reached: { '2xx': RUNS / 20, '400': RUNS / 10 },
        })
      },
    )

    it('GET /api/audit/account/:id answers 2xx or a Seam 4xx naming the parameter, in time, changing nothing', async () => {
      await recordSomeCalls()
      const { accountIds } = seededWorld(d.sandbox.sandbox.store)
      const headers = requestHeaders({
        origin: FUZZ_ORIGIN,
        authorizations: await d.authorizations(),
      })
      const requests = fc
        .tuple(
          fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...accountIds) },
            { weight: 1, arbitrary: fc.uuid() },
            { weight: 2, arbitrary: oddString },
          ),
          routeQuery({
            required: {},
            optional: {
              limit: fc.integer({ min: 1, max: 200 }).map(String),
            },
          }),
          fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'DELETE'),
          headers,
        )
        .map(([id, query, method, sent]): FuzzRequest => ({
          method,
          path: `/api/audit/account/${encodeSegment(id)}${query.text === '' ? '' : `?${query.text}`}`,
          headers: sent,
          // Random parameters may be what a refusal names.
          ...(query.junk
            ? {}
            : offendingOf(
                id.length > 256 ? 'connected_account_id' : undefined,
                query.offending,
              )),
        }))
      const tally = await checkAnswers(d.target, requests)
      // About one request in ten is a valid read (a seeded ID, GET or HEAD,
      // signed in, a good query): a floor at that mean fails one run in
      // several, so it sits at half of it.
      expectReached(tally, { '2xx': RUNS / 20, '400': RUNS / 10 })
    })
  },
)
