import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest'

import { ALLOWED_ROUTES } from '../proxy/allowlist'
import { API_BODY_LIMIT } from '../proxy/forward'
import {
  headerValue,
  oddString,
  requestHeaders,
  routeQuery,
  routeRequest,
  seamRouteSpecs,
  spec,
} from '../test-support/arbitraries'
import type { FuzzDashboard } from '../test-support/dashboard'
import {
  FUZZ_ORIGIN,
  fuzzRoute,
  startFuzzDashboard,
} from '../test-support/dashboard'
import type { Answer, CheckOptions } from '../test-support/fuzz'
import {
  checkAnswers,
  expectReached,
  PROPERTY_TIMEOUT_MS,
  RUNS,
  seededWorld,
} from '../test-support/fuzz'
import { TestBrowser } from './test-browser'
import type { TestOidcProvider } from './test-oidc-provider'
import { startTestOidcProvider } from './test-oidc-provider'

const ME = '/api/auth/me'
const ROLE_GROUPS = {
  ROLE_GROUPS_ADMIN: 'console-admins',
  ROLE_GROUPS_OPERATOR: 'support',
}
/** Proxies in front of the dashboard hold response headers in 4-8 KiB. */
const MAX_LOCATION_BYTES = 8 * 1024

/**
 * A redirect goes to the sign-in provider or to a path of the dashboard,
 * in a Location header small enough for any proxy on the way.
 */
function redirectProblems(answer: Answer, issuer: string | null): string[] {
  if (answer.status < 300 || answer.status >= 400) return []
  const location = answer.headers.get('location') ?? ''
  const problems: string[] = []
  if (location.length > MAX_LOCATION_BYTES) {
    problems.push(`a Location of ${location.length} bytes`)
  }
  const toProvider = issuer !== null && location.startsWith(`${issuer}/`)
  if (!toProvider && !/^\/(?![/\\])/.test(location)) {
    problems.push(`redirect to ${JSON.stringify(location.slice(0, 200))}`)
  }
  return problems
}

/** The checks of sign-in routes: pages may answer HTML, and redirect safely. */
const signInChecks = (issuer: string | null = null): CheckOptions => ({
  expectations: { redirects: true },
  also: (_request, answer) => redirectProblems(answer, issuer),
})

let d: FuzzDashboard | undefined
afterEach(() => {
  d?.cleanup()
  d = undefined
})

describe('AUTH_MODE=none', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('GET /api/auth/me answers 2xx or a Seam 4xx under 1,000 generated requests', async () => {
    await fuzzRoute((d = startFuzzDashboard()), {
      method: 'GET',
      path: ME,
      reached: { '2xx': RUNS / 4, '4xx': RUNS / 20 },
    })
  })
})

describe(
  'AUTH_MODE=proxy, from the trusted proxy',
  { timeout: PROPERTY_TIMEOUT_MS },
  () => {
    const proxyMode = () =>
      startFuzzDashboard({
        env: {
          AUTH_MODE: 'proxy',
          AUTH_PROXY_USER_HEADER: 'X-Forwarded-User',
          AUTH_PROXY_EMAIL_HEADER: 'X-Forwarded-Email',
          AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
          TRUSTED_PROXIES: '10.0.0.0/8',
          ...ROLE_GROUPS,
        },
        peer: '10.1.2.3',
      })

    /** What a sign-in proxy says, right or wrong. */
    const identity = fc.record(
      {
        'x-forwarded-user': fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('ada', 'sam', 'oscar') },
          { weight: 1, arbitrary: headerValue },
        ),
        'x-forwarded-email': fc.oneof(
          fc.constantFrom('ada@example.com', 'not an email'),
          headerValue,
        ),
        'x-forwarded-groups': fc.oneof(
          fc.constantFrom(
            'console-admins',
            'support',
            'staff, console-admins',
            ',,,',
            '',
          ),
          headerValue,
          fc
            .array(fc.constantFrom('support', 'staff', 'x'), {
              maxLength: 2_000,
            })
            .map((groups) => groups.join(',')),
        ),
      },
      { requiredKeys: [] },
    )

    it('GET /api/auth/me answers 2xx or a Seam 4xx under 1,000 generated identities', async () => {
      await fuzzRoute((d = proxyMode()), {
        method: 'GET',
        path: ME,
        headers: { extra: identity },
        reached: { '2xx': RUNS / 4, '4xx': RUNS / 20 },
      })
    })

    it('the forwarded routes, whatever role the headers give, answer 2xx or a Seam 4xx naming the field', async () => {
      d = proxyMode()
      const specs = seamRouteSpecs(seededWorld(d.sandbox.sandbox.store))
      const headers = requestHeaders({ origin: FUZZ_ORIGIN, extra: identity })
      const requests = fc.oneof(
        ...ALLOWED_ROUTES.map((route) =>
          routeRequest({
            path: `/api/${route.path}`,
            usualMethod: 'POST',
            body: specs[route.path] ?? spec({}),
            limitBytes: API_BODY_LIMIT,
            headers,
          }),
        ),
      )
      const tally = await checkAnswers(d.target, requests)
      expectReached(tally, { '2xx': RUNS / 50, '4xx': RUNS / 10 })
    })
  },
)

describe(
  'AUTH_MODE=oidc, against a real OpenID provider',
  { timeout: PROPERTY_TIMEOUT_MS },
  () => {
    const CLIENT = 'seam-accounts-console'
    const SECRET = 'fuzz-client-secret-0123456789'
    let provider: TestOidcProvider

    beforeAll(async () => {
      provider = await startTestOidcProvider({
        clientId: CLIENT,
        clientSecret: SECRET,
        redirectUri: `${FUZZ_ORIGIN}/auth/callback`,
        users: [{ sub: 'ada', groups: ['console-admins'] }],
      })
    })
    afterAll(() => provider.close())

    const oidcMode = () =>
      startFuzzDashboard({
        env: {
          AUTH_MODE: 'oidc',
          OIDC_ISSUER: provider.issuer,
          OIDC_CLIENT_ID: CLIENT,
          OIDC_CLIENT_SECRET: SECRET,
          PUBLIC_URL: FUZZ_ORIGIN,
          SESSION_SECRET: 'fuzz-session-secret-0123456789abcdefgh',
          ...ROLE_GROUPS,
        },
      })

    const cookieOf = (res: Response, name: string): string => {
      const cookie = res.headers
        .getSetCookie()
        .find((line) => line.startsWith(`${name}=`))
      if (cookie === undefined) throw new Error(`no ${name} cookie`)
      return cookie.slice(0, cookie.indexOf(';'))
    }

    /** A sign-in started at /auth/login: its cookie, and the provider's address. */
    async function startSignIn(dashboard: FuzzDashboard) {
      const res = await dashboard.app.request(`${FUZZ_ORIGIN}/auth/login`)
      const authorize = new URL(res.headers.get('location') ?? '')
      return {
        cookie: cookieOf(res, 'sac_login'),
        state: authorize.searchParams.get('state') ?? '',
        authorize,
      }
    }

    /** A signed-in session cookie: the provider's own form, then the callback. */
    async function signIn(dashboard: FuzzDashboard): Promise<string> {
      const { cookie, authorize } = await startSignIn(dashboard)
      const browser = new TestBrowser()
      const form = (await browser.follow(authorize.href)).pop()
      const action = /action="([^"]+\/login)"/.exec(form?.text ?? '')?.[1]
      if (!form || !action) throw new Error('no sign-in form')
      let next = (
        await browser.request(new URL(action, form.url).href, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'login=ada&password=',
        })
      ).location
      while (next !== null && !next.startsWith(`${FUZZ_ORIGIN}/`)) {
        next = (await browser.request(next)).location
      }
      if (next === null) throw new Error('the provider did not send ada back')
      const back = await dashboard.app.request(next, { headers: { cookie } })
      return cookieOf(back, 'sac_session')
    }

    it('GET /auth/login redirects to the provider only, under 1,000 generated requests', async () => {
      d = oidcMode()
      await fuzzRoute(d, {
        method: 'GET',
        path: '/auth/login',
        headers: { cookies: [await signIn(d)] },
        query: routeQuery({
          required: {},
          optional: {
            return_to: fc.oneof(
              fc.constantFrom(
                '/accounts?q=a',
                '//evil.example',
                '/\\evil',
                'https://evil.example/',
              ),
              oddString,
            ),
          },
        }),
        reached: { '3xx': RUNS / 4 },
        checks: signInChecks(provider.issuer),
      })
    })

    it('GET /auth/callback answers a page or a redirect home, never a 5xx, under 1,000 generated requests', async () => {
      d = oidcMode()
      const started = [await startSignIn(d), await startSignIn(d)]
      await fuzzRoute(d, {
        method: 'GET',
        path: '/auth/callback',
        headers: { cookies: started.map(({ cookie }) => cookie) },
        query: routeQuery({
          required: {
            state: fc.oneof(
              fc.constantFrom(...started.map(({ state }) => state)),
              oddString,
            ),
          },
          optional: {
            code: fc.oneof(
              fc.string({ minLength: 1, maxLength: 64 }),
              oddString,
            ),
            iss: fc.oneof(fc.constant(provider.issuer), oddString),
            error: fc.oneof(
              fc.constantFrom('access_denied', 'login_required'),
              oddString,
            ),
            error_description: oddString,
          },
        }),
        reached: { '4xx': RUNS / 2 },
        checks: signInChecks(),
      })
    })

    it.each([
      ['POST', '/auth/logout'],
      ['GET', ME],
      ['GET', '/accounts'],
    ])(
      '%s %s answers 2xx, a redirect home or a 4xx under 1,000 generated requests',
      async (method, path) => {
        d = oidcMode()
        const sessions = [await signIn(d), await signIn(d), await signIn(d)]
        await fuzzRoute(d, {
          method,
          path,
          headers: { cookies: sessions },
          reached: { '2xx': RUNS / 10 },
          checks: signInChecks(),
        })
      },
    )
  },
)
