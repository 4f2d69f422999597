import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createApp } from '../app'
import { loadConfig } from '../config'
import type { MeResponse } from './principal'
import type { BrowserResponse } from './test-browser'
import { TestBrowser } from './test-browser'
import type { TestDashboard } from './test-dashboard'
import { startTestDashboard } from './test-dashboard'
import type { TestOidcProvider } from './test-oidc-provider'
import { startTestOidcProvider } from './test-oidc-provider'

const CLIENT_ID = 'seam-accounts-console'
const CLIENT_SECRET = 'test-client-secret-0123456789'
const SESSION_SECRET = 'test-session-secret-0123456789abcdef'
const MINUTE = 60_000

const USERS = [
  {
    sub: 'ada',
    password: 'pw-ada',
    email: 'ada@example.com',
    name: 'Ada Admin',
    groups: ['staff', 'console-admins'],
  },
  {
    sub: 'oscar',
    email: 'oscar@example.com',
    name: 'Oscar Operator',
    groups: ['support'],
  },
  { sub: 'vic', groups: ['staff'] },
]

interface ErrorBody {
  ok: false
  error: { type: string; message: string; request_id: string }
}

let provider: TestOidcProvider
let dashboard: TestDashboard
/** Added to the real time: the sessions' clock. */
let offsetMs = 0

function oidcEnv(origin: string, issuer: string): Record<string, string> {
  return {
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    PUBLIC_URL: origin,
    SESSION_SECRET,
    ROLE_GROUPS_ADMIN: 'console-admins',
    ROLE_GROUPS_OPERATOR: 'support',
    SESSION_IDLE_MINUTES: '30',
    SESSION_MAX_HOURS: '1',
  }
}

beforeAll(async () => {
  // The provider must know the dashboard's callback, and the dashboard the
  // provider's issuer: the dashboard's socket opens first.
  let issuer = ''
  dashboard = await startTestDashboard({
    env: (origin) => oidcEnv(origin, issuer),
    now: () => Date.now() + offsetMs,
    accounts: 8,
    log: (line) => {
      if (line.includes('sign_in_failed')) console.log(line)
    },
    beforeConfig: async (origin) => {
      provider = await startTestOidcProvider({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUri: `${origin}/auth/callback`,
        users: USERS,
      })
      issuer = provider.issuer
    },
  })
})

afterAll(async () => {
  await dashboard.close()
  await provider.close()
})

beforeEach(() => {
  offsetMs = 0
})

const at = (path: string) => `${dashboard.origin}${path}`

const last = (hops: BrowserResponse[]): BrowserResponse => {
  const hop = hops[hops.length - 1]
  if (!hop) throw new Error('no response')
  return hop
}

/** Submits the provider's sign-in form and follows the redirects back to the dashboard. */
async function submitLogin(
  browser: TestBrowser,
  formPage: BrowserResponse,
  login: string,
  password = '',
): Promise<BrowserResponse[]> {
  const action = /action="([^"]+\/login)"/.exec(formPage.text)?.[1]
  if (!action) throw new Error(`no sign-in form in ${formPage.text}`)
  const posted = await browser.request(new URL(action, formPage.url).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login, password }).toString(),
  })
  if (posted.location === null) return [posted]
  return [posted, ...(await browser.follow(posted.location))]
}

/** Signs a fresh browser in as `login`, starting from a page of the dashboard. */
async function signIn(
  login: string,
  password = '',
  from = '/accounts',
): Promise<TestBrowser> {
  const browser = new TestBrowser()
  const form = last(await browser.follow(at(from)))
  expect(form.status).toBe(200)
  const back = last(await submitLogin(browser, form, login, password))
  expect(back.status).toBe(200)
  expect(back.url).toBe(at(from))
  return browser
}

async function me(browser: TestBrowser) {
  const response = await browser.request(at('/api/auth/me'))
  return {
    status: response.status,
    body: JSON.parse(response.text) as MeResponse | ErrorBody,
  }
}

const post = (browser: TestBrowser, path: string, body: unknown = {}) =>
  browser.request(at(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: dashboard.origin },
    body: JSON.stringify(body),
  })

describe('OIDC sign-in against a real OpenID provider', () => {
  it('signs in with code + PKCE, keeps a session, and signs out for good', async () => {
    const browser = new TestBrowser()

    // An unauthenticated page leads to sign-in, remembering where it was.
    const page = await browser.request(at('/accounts?q=ada'))
    expect(page.status).toBe(302)
    expect(page.location).toBe(
      at('/auth/login?return_to=%2Faccounts%3Fq%3Dada'),
    )

    const login = await browser.request(page.location ?? '')
    expect(login.status).toBe(302)
    const authorize = new URL(login.location ?? '')
    expect(authorize.origin).toBe(provider.issuer)
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: at('/auth/callback'),
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    })
    for (const param of ['code_challenge', 'state', 'nonce']) {
      expect(authorize.searchParams.get(param)).toMatch(/^[\w-]{20,}$/)
    }
    // Over plain http on loopback: no __Host- prefix, no Secure.
    const [loginCookie] = login.setCookies
    expect(loginCookie).toMatch(
      /^sac_login=v1\.[\w-]+; Max-Age=600; Path=\/; HttpOnly; SameSite=Lax$/,
    )

    const form = last(await browser.follow(authorize.href))
    expect(form.status).toBe(200)
    expect(form.text).toContain('Test sign-in')

    const back = await submitLogin(browser, form, 'ada', 'pw-ada')
    const callback = back.find((hop) =>
      hop.url.startsWith(at('/auth/callback')),
    )
    expect(callback?.status).toBe(302)
    expect(callback?.location).toBe(at('/accounts?q=ada'))
    const sessionCookie = callback?.setCookies.find((cookie) =>
      cookie.startsWith('sac_session='),
    )
    expect(sessionCookie).toMatch(
      /^sac_session=v1\.[\w-]+; Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/,
    )
    // The sign-in state is used once.
    expect(callback?.setCookies).toContainEqual(
      expect.stringMatching(
        /^sac_login=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax/,
      ),
    )
    expect(last(back).status).toBe(200)
    expect(last(back).url).toBe(at('/accounts?q=ada'))

    expect(await me(browser)).toEqual({
      status: 200,
      body: {
        ok: true,
        user: { id: 'ada', email: 'ada@example.com', name: 'Ada Admin' },
        role: 'admin',
        auth: 'oidc',
        via: 'dashboard',
        can_sign_out: true,
      },
    })
    const list = await post(browser, '/api/connected_accounts/list', {
      limit: 2,
    })
    expect(list.status).toBe(200)

    const sealed = browser.cookie(dashboard.origin, 'sac_session') ?? ''
    const signedOut = await post(browser, '/auth/logout')
    expect(signedOut.status).toBe(204)
    expect(signedOut.setCookies).toContainEqual(
      expect.stringMatching(
        /^sac_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax/,
      ),
    )
    const after = await me(browser)
    expect(after.status).toBe(401)
    expect(after.body).toMatchObject({
      ok: false,
      error: { type: 'unauthenticated' },
    })

    // The old cookie names a session that no longer exists.
    browser.setCookie(dashboard.origin, 'sac_session', sealed)
    const replayed = await me(browser)
    expect(replayed.status).toBe(401)
    expect(replayed.body).toMatchObject({
      error: {
        type: 'unauthenticated',
        message: 'Your session has ended: sign in again.',
      },
    })
    const stillOut = await browser.request(at('/triage'))
    expect(stillOut.status).toBe(302)
  })

  it('maps groups to roles, and the role decides what the API allows', async () => {
    const oscar = await signIn('oscar')
    expect((await me(oscar)).body).toMatchObject({
      user: { id: 'oscar', email: 'oscar@example.com', name: 'Oscar Operator' },
      role: 'operator',
    })

    const vic = await signIn('vic')
    expect((await me(vic)).body).toMatchObject({
      user: { id: 'vic', email: null, name: 'vic' },
      role: 'viewer',
    })
    const sync = await post(vic, '/api/connected_accounts/sync', {
      connected_account_id: '00000000-0000-4000-8000-000000000000',
    })
    expect(sync.status).toBe(403)
    expect(JSON.parse(sync.text)).toMatchObject({
      ok: false,
      error: {
        type: 'forbidden',
        message:
          'Syncing connected accounts needs the operator role; you have the viewer role.',
      },
    })
  })

  it('refuses a wrong password at the provider', async () => {
    const browser = new TestBrowser()
    const form = last(await browser.follow(at('/')))
    const [refused] = await submitLogin(browser, form, 'ada', 'wrong')
    expect(refused?.status).toBe(401)
    expect(refused?.text).toContain('Unknown username or wrong password.')
    expect((await me(browser)).status).toBe(401)
  })

  it('ends a session after the idle time, and each request extends it', async () => {
    const browser = await signIn('ada', 'pw-ada')
    offsetMs = 29 * MINUTE
    expect((await me(browser)).status).toBe(200)
    offsetMs = 58 * MINUTE
    expect((await me(browser)).status).toBe(200)
    offsetMs = 88 * MINUTE
    const expired = await me(browser)
    expect(expired.status).toBe(401)
    expect(expired.body).toMatchObject({
      error: {
        type: 'unauthenticated',
        message: 'Your session has expired: sign in again.',
      },
    })
  })

  it('ends a session at its maximum age however active it is', async () => {
    const browser = await signIn('oscar')
    for (const minutes of [20, 40, 59]) {
      offsetMs = minutes * MINUTE
      expect((await me(browser)).status, `${minutes} min`).toBe(200)
    }
    offsetMs = 60 * MINUTE
    expect((await me(browser)).status).toBe(401)
    // A page opened then goes to sign-in again.
    const page = await browser.request(at('/triage'))
    expect(page.location).toBe(at('/auth/login?return_to=%2Ftriage'))
  })

  it('refuses a tampered or forged session cookie', async () => {
    const browser = await signIn('ada', 'pw-ada')
    const sealed = browser.cookie(dashboard.origin, 'sac_session') ?? ''
    const middle = Math.floor(sealed.length / 2)
    const flipped = sealed[middle] === 'A' ? 'B' : 'A'
    for (const forged of [
      `${sealed.slice(0, middle)}${flipped}${sealed.slice(middle + 1)}`,
      `${sealed}A`,
      'v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'not-a-session',
    ]) {
      const tampered = new TestBrowser()
      tampered.setCookie(dashboard.origin, 'sac_session', forged)
      const answer = await me(tampered)
      expect(answer.status, forged).toBe(401)
      expect(answer.body).toMatchObject({ error: { type: 'unauthenticated' } })
    }
    // The real one still works.
    expect((await me(browser)).status).toBe(200)
  })

  it('refuses a sign-out from another site, and keeps the session', async () => {
    const browser = await signIn('ada', 'pw-ada')
    const forged = await browser.request(at('/auth/logout'), {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    })
    expect(forged.status).toBe(403)
    expect(JSON.parse(forged.text)).toMatchObject({
      error: { type: 'cross_site_request' },
    })
    expect((await me(browser)).status).toBe(200)
  })

  it('sends people back only to pages of the dashboard', async () => {
    for (const returnTo of [
      '//evil.example/x',
      'https://evil.example',
      '/\\evil.example',
    ]) {
      const browser = new TestBrowser()
      const form = last(
        await browser.follow(
          at(`/auth/login?return_to=${encodeURIComponent(returnTo)}`),
        ),
      )
      const back = last(await submitLogin(browser, form, 'vic'))
      expect(back.url, returnTo).toBe(at('/'))
    }
  })

  it('refuses a callback without its sign-in state, or with another state', async () => {
    const stray = new TestBrowser()
    const noState = await stray.request(at('/auth/callback?code=abc&state=xyz'))
    expect(noState.status).toBe(400)
    expect(noState.text).toContain(
      'This sign-in expired, or was started in another browser.',
    )

    const browser = new TestBrowser()
    const form = last(await browser.follow(at('/accounts')))
    const back = await submitLogin(browser, form, 'ada', 'pw-ada')
    const callback = back.find((hop) =>
      hop.url.startsWith(at('/auth/callback')),
    )
    // The same answer again: the sign-in state was used up.
    const replay = await browser.request(callback?.url ?? '')
    expect(replay.status).toBe(400)

    // Another browser's state does not match this browser's.
    const other = new TestBrowser()
    await other.request(at('/auth/login'))
    const url = new URL(callback?.url ?? '')
    const swapped = await other.request(url.href)
    expect(swapped.status).toBe(401)
    expect(swapped.text).toContain('answer could not be verified.')
    expect((await me(other)).status).toBe(401)
  })

  it('shows the provider refusing the sign-in', async () => {
    const browser = new TestBrowser()
    const form = last(await browser.follow(at('/accounts')))
    const abort = /action="([^"]+\/abort)"/.exec(form.text)?.[1] ?? ''
    const cancelled = await browser.request(new URL(abort, form.url).href, {
      method: 'POST',
    })
    const hops = await browser.follow(cancelled.location ?? '')
    const page = last(hops)
    expect(page.url.startsWith(at('/auth/callback'))).toBe(true)
    expect(page.status).toBe(403)
    expect(page.text).toContain(
      'The sign-in provider did not sign you in (access_denied).',
    )
    expect((await me(browser)).status).toBe(401)
  })

  it('keeps the API, health checks, embedded pages and assets reachable without a session', async () => {
    const browser = new TestBrowser()
    const api = await browser.request(at('/api/connected_accounts/list'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(api.status).toBe(401)
    expect(JSON.parse(api.text)).toEqual({
      ok: false,
      error: {
        type: 'unauthenticated',
        message: 'Sign in to use the dashboard.',
        request_id: api.headers.get('x-request-id'),
      },
    })
    expect((await browser.request(at('/api/dashboard/triage'))).status).toBe(
      401,
    )
    expect((await browser.request(at('/healthz'))).status).toBe(200)
    expect((await browser.request(at('/api/embed/config'))).status).toBe(200)
    expect((await browser.request(at('/embed/accounts'))).status).toBe(200)
    expect((await browser.request(at('/assets/index-0a1b2c.js'))).status).toBe(
      200,
    )
    expect((await browser.request(at('/auth/nope'))).status).toBe(404)
  })
})

describe('OIDC cookies over https', () => {
  it('names the cookies __Host- and marks them Secure', async () => {
    const app = createApp({
      config: loadConfig({
        ...oidcEnv('https://accounts.example.com', provider.issuer),
        EMBED_DEMO_PORT: '0',
      }),
      sandbox: dashboard.sandbox.sandbox,
      distDir: '/nonexistent',
      log: () => undefined,
    })
    const login = await app.request('https://accounts.example.com/auth/login')
    expect(login.status).toBe(302)
    expect(
      new URL(login.headers.get('location') ?? '').searchParams.get(
        'redirect_uri',
      ),
    ).toBe('https://accounts.example.com/auth/callback')
    expect(login.headers.getSetCookie()).toEqual([
      expect.stringMatching(
        /^__Host-sac_login=v1\.[\w-]+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
      ),
    ])
    const signOut = await app.request(
      'https://accounts.example.com/auth/logout',
      {
        method: 'POST',
        headers: { origin: 'https://accounts.example.com' },
      },
    )
    expect(signOut.status).toBe(204)
    expect(signOut.headers.getSetCookie()).toEqual([
      expect.stringMatching(
        /^__Host-sac_session=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax/,
      ),
    ])
  })
})
