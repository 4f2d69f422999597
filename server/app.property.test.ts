import fc from 'fast-check'
import { afterEach, beforeEach, describe, it } from 'vitest'

import { ALLOWED_ROUTES } from './proxy/allowlist'
import type { FuzzRequest } from './test-support/arbitraries'
import {
  method,
  requestHeaders,
  seamRouteSpecs,
  sitePath,
} from './test-support/arbitraries'
import type { FuzzDashboard } from './test-support/dashboard'
import {
  FUZZ_INDEX_HTML,
  FUZZ_ORIGIN,
  fuzzRoute,
  startFuzzDashboard,
} from './test-support/dashboard'
import type { Answer } from './test-support/fuzz'
import {
  checkAnswers,
  expectReached,
  PROPERTY_TIMEOUT_MS,
  RUNS,
  seededWorld,
} from './test-support/fuzz'

let d: FuzzDashboard

beforeEach(() => {
  d = startFuzzDashboard()
})
afterEach(() => {
  d.cleanup()
})

/** Each route: how clients call it, and how often a generated call succeeds at least. */
const ROUTES = [
  ...ALLOWED_ROUTES.map((route) => ({
    method: 'POST',
    path: `/api/${route.path}`,
    min2xx: 5,
  })),
  { method: 'GET', path: '/healthz', min2xx: RUNS / 4 },
  { method: 'GET', path: '/readyz', min2xx: RUNS / 4 },
  { method: 'GET', path: '/api/dashboard/status', min2xx: RUNS / 4 },
]

describe(
  'API, health and status routes under 1,000 generated requests each',
  { timeout: PROPERTY_TIMEOUT_MS },
  () => {
    it.each(ROUTES.map((route) => [route.method, route.path, route] as const))(
      '%s %s answers 2xx or a Seam 4xx naming the field, in time, changing nothing when it refuses',
      async (method, path, { min2xx }) => {
        const specs = seamRouteSpecs(seededWorld(d.sandbox.sandbox.store))
        const body = specs[path.replace(/^\/api\//, '')]
        await fuzzRoute(d, {
          method,
          path,
          ...(body === undefined ? {} : { body }),
          reached: { '2xx': min2xx, '4xx': RUNS / 10 },
        })
      },
    )
  },
)

/** A page or file answer is the app's shell or one of its files, never anything else on disk. */
function staticProblems(request: FuzzRequest, answer: Answer): string[] {
  const { pathname } = new URL(`${FUZZ_ORIGIN}${request.path}`)
  if (answer.status !== 200 || request.method !== 'GET') return []
  if (pathname.startsWith('/api/') || /^\/(healthz|readyz)$/.test(pathname)) {
    return []
  }
  return [FUZZ_INDEX_HTML, 'void 0'].includes(answer.text)
    ? []
    : [`200 with a body that is not the app's: ${answer.text.slice(0, 100)}`]
}

describe(
  'static files and app pages under 1,000 generated paths',
  { timeout: PROPERTY_TIMEOUT_MS },
  () => {
    it('answer the SPA, a file, a 404 or another 4xx, never a 5xx or a file outside dist', async () => {
      const requests = fc
        .record({
          method: method('GET'),
          path: sitePath,
          headers: requestHeaders({ origin: FUZZ_ORIGIN }),
        })
        .map((request): FuzzRequest => request)
      const tally = await checkAnswers(d.target, requests, {
        also: staticProblems,
      })
      expectReached(tally, { '200': RUNS / 10, '404': RUNS / 20 })
    })
  },
)
