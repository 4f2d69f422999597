import fc from 'fast-check'
import { afterEach, beforeEach, describe, it } from 'vitest'

import {
  queryString,
  requestHeaders,
  routeRequest,
  seamRouteSpecs,
  validBody,
} from '../test-support/arbitraries'
import type { ProbeTarget } from '../test-support/fuzz'
import {
  checkAnswers,
  expectReached,
  PROPERTY_TIMEOUT_MS,
  RecordGuard,
  RUNS,
  seededWorld,
} from '../test-support/fuzz'
import { SANDBOX_ROUTES } from './create-sandbox'
import { paramsToQuery } from './params'
import type { TestSandbox } from './test-sandbox'
import { startTestSandbox } from './test-sandbox'

const ORIGIN = 'http://sandbox.test'
const BODY_LIMIT = 1024 * 1024

let t: TestSandbox

beforeEach(() => {
  t = startTestSandbox({ accounts: 12 })
})
afterEach(() => {
  t.cleanup()
})

describe(
  'every sandbox route under 1,000 generated requests',
  { timeout: PROPERTY_TIMEOUT_MS },
  () => {
    it.each(SANDBOX_ROUTES.map((route) => [route.path, route] as const))(
      '%s answers 2xx or a Seam 4xx naming the field, in time, changing nothing when it refuses',
      async (path, route) => {
        const { store } = t.sandbox
        // A few webviews, so /connect_webviews/get finds some.
        for (let i = 0; i < 3; i++) {
          await t.call('/connect_webviews/create', {
            customer_key: `cust_${i}`,
          })
        }
        const target: ProbeTarget = {
          origin: ORIGIN,
          send: (request) => t.sandbox.app.request(request),
          guard: new RecordGuard(store),
          logs: [],
        }
        const body = seamRouteSpecs(seededWorld(store))[path.slice(1)]
        if (!body) throw new Error(`no body spec for ${path}`)
        const headers = requestHeaders({
          origin: ORIGIN,
          authorizations: [`Bearer ${t.sandbox.apiKey}`],
        })
        const viaBody = routeRequest({
          path,
          usualMethod: route.methods.includes('POST') ? 'POST' : 'GET',
          body,
          limitBytes: BODY_LIMIT,
          headers,
        })
        const viaQuery = routeRequest({
          path,
          usualMethod: 'GET',
          body,
          limitBytes: BODY_LIMIT,
          headers,
          query: queryString(
            validBody(body).map((params) => paramsToQuery(params).toString()),
          ).map((text) => ({ text, junk: true as const })),
        })
        const requests = route.methods.includes('GET')
          ? fc.oneof(viaBody, viaQuery)
          : viaBody

        const tally = await checkAnswers(target, requests, {
          // Every answer of the sandbox is in Seam's wire format.
          expectations: { seamErrors: true },
        })
        expectReached(tally, { '2xx': 5, '4xx': RUNS / 4 })
      },
    )
  },
)
