import type { Context } from 'hono'
import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as client from 'openid-client'

import type { AppEnv } from '../app-env'
import type { OidcConfig, RoleGroups } from '../config'
import { requestGuard } from '../proxy/request-guard'
import { authCookies } from './cookies'
import type { Principal } from './principal'
import type { Identify } from './resolve-principal'
import { safeReturnTo } from './return-to'
import { groupsOf, roleForGroups } from './role-groups'
import { createSealer } from './seal'
import type { UserSessionStore } from './user-sessions'

/** Time a person has at the provider between leaving for sign-in and coming back. */
export const LOGIN_STATE_TTL_MS = 10 * 60_000
/** Seconds allowed for each call to the provider. */
const PROVIDER_TIMEOUT_S = 10

export interface OidcAuthOptions {
  oidc: OidcConfig
  roleGroups: RoleGroups
  sessions: UserSessionStore
  /** The dashboard's public origin: where the cookies live and POSTs come from. */
  publicOrigin: string
  now: () => number
  /** Told why a sign-in failed, for the server log (never shown in full to the browser). */
  onFailure: (reason: string) => void
}

export interface OidcAuth {
  /** `/auth/login`, `/auth/callback` and `/auth/logout`, to mount at `/auth`. */
  routes: Hono<AppEnv>
  identify: Identify
}

interface LoginState {
  state: string
  nonce: string
  verifier: string
  returnTo: string
  startedAt: number
}

function parseLoginState(text: string | undefined): LoginState | undefined {
  if (text === undefined) return undefined
  try {
    const value: unknown = JSON.parse(text)
    if (value === null || typeof value !== 'object') return undefined
    const { state, nonce, verifier, returnTo, startedAt } = value as Record<
      string,
      unknown
    >
    if (
      typeof state !== 'string' ||
      typeof nonce !== 'string' ||
      typeof verifier !== 'string' ||
      typeof returnTo !== 'string' ||
      typeof startedAt !== 'number'
    ) {
      return undefined
    }
    return { state, nonce, verifier, returnTo, startedAt }
  } catch {
    return undefined
  }
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${String(char.codePointAt(0) ?? 0)};`)

/** A page for a sign-in that could not finish, with a way to try again. */
function failurePage(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  message: string,
): Response {
  return c.html(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Sign-in failed · Seam Accounts Console</title>` +
      `<main><h1>Sign-in failed</h1><p>${escapeHtml(message)}</p>` +
      `<p><a href="/auth/login">Sign in again</a></p></main></html>`,
    status,
  )
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null

/**
 * AUTH_MODE=oidc: the authorization code flow with PKCE, state and nonce
 * (openid-client), and a server-side session named by a sealed cookie.
 */
export function createOidcAuth({
  oidc,
  roleGroups,
  sessions,
  publicOrigin,
  now,
  onFailure,
}: OidcAuthOptions): OidcAuth {
  const cookies = authCookies(publicOrigin)
  const sessionSeal = createSealer(oidc.sessionSecret, 'session-cookie')
  const loginSeal = createSealer(oidc.sessionSecret, 'login-state-cookie')

  let discovered: Promise<client.Configuration> | undefined
  // Discovered on first use, so the dashboard starts while the provider is
  // down; a failed discovery is tried again on the next sign-in.
  const provider = (): Promise<client.Configuration> => {
    discovered ??= discover().catch((error: unknown) => {
      discovered = undefined
      throw error
    })
    return discovered
  }

  async function discover(): Promise<client.Configuration> {
    const issuer = new URL(oidc.issuer)
    // The config accepts an http issuer on loopback only (a provider started
    // beside the dashboard, as in the tests). openid-client recognises the
    // function itself in `execute`, so it is passed as it is.
    const execute: ((configuration: client.Configuration) => void)[] =
      issuer.protocol === 'http:'
        ? // eslint-disable-next-line @typescript-eslint/no-deprecated
          [client.allowInsecureRequests]
        : []
    const found = await client.discovery(
      issuer,
      oidc.clientId,
      oidc.clientSecret,
      client.ClientSecretBasic(oidc.clientSecret),
      { execute, timeout: PROVIDER_TIMEOUT_S },
    )
    const methods = found.serverMetadata().token_endpoint_auth_methods_supported
    if (
      methods === undefined ||
      methods.includes('client_secret_basic') ||
      !methods.includes('client_secret_post')
    ) {
      return found
    }
    const configuration = new client.Configuration(
      found.serverMetadata(),
      oidc.clientId,
      oidc.clientSecret,
      client.ClientSecretPost(oidc.clientSecret),
    )
    configuration.timeout = PROVIDER_TIMEOUT_S
    for (const step of execute) step(configuration)
    return configuration
  }

  /** The session id the request's cookie holds, when the seal is intact. */
  const sessionIdOf = (c: Context<AppEnv>): string | undefined => {
    const sealed = getCookie(c, cookies.session)
    return sealed === undefined ? undefined : sessionSeal.open(sealed)
  }

  const routes = new Hono<AppEnv>()

  routes.get('/login', async (c) => {
    const returnTo = safeReturnTo(c.req.query('return_to'))
    let configuration: client.Configuration
    try {
      configuration = await provider()
    } catch (error) {
      onFailure(`discovery failed: ${errorText(error)}`)
      return failurePage(
        c,
        502,
        'The sign-in provider could not be reached. Try again in a moment.',
      )
    }
    const verifier = client.randomPKCECodeVerifier()
    const login: LoginState = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier,
      returnTo,
      startedAt: now(),
    }
    setCookie(c, cookies.login, loginSeal.seal(JSON.stringify(login)), {
      ...cookies.options,
      maxAge: LOGIN_STATE_TTL_MS / 1_000,
    })
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: oidc.redirectUri,
      scope: oidc.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    })
    return c.redirect(url.href, 302)
  })

  routes.get('/callback', async (c) => {
    const sealed = getCookie(c, cookies.login)
    // One use only, whatever happens next.
    deleteCookie(c, cookies.login, cookies.options)
    const login = parseLoginState(
      sealed === undefined ? undefined : loginSeal.open(sealed),
    )
    if (!login || now() - login.startedAt > LOGIN_STATE_TTL_MS) {
      return failurePage(
        c,
        400,
        'This sign-in expired, or was started in another browser.',
      )
    }
    const refused = c.req.query('error')
    if (refused !== undefined) {
      const code = /^[a-z_]{1,64}$/.test(refused) ? refused : 'error'
      onFailure(`provider refused the sign-in: ${code}`)
      return failurePage(
        c,
        403,
        `The sign-in provider did not sign you in (${code}).`,
      )
    }

    let principal: Principal
    try {
      const configuration = await provider()
      // The address the provider sent the browser to, as the provider knows
      // it (behind a proxy the request's own URL may differ).
      const currentUrl = new URL(oidc.redirectUri)
      currentUrl.search = new URL(c.req.url).search
      const tokens = await client.authorizationCodeGrant(
        configuration,
        currentUrl,
        {
          pkceCodeVerifier: login.verifier,
          expectedState: login.state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        },
      )
      const idToken = tokens.claims()
      if (!idToken) throw new Error('no ID token in the token response')
      let claims: Record<string, unknown> = { ...idToken }
      // Many providers put profile claims and groups in userinfo only.
      if (configuration.serverMetadata().userinfo_endpoint !== undefined) {
        const userinfo = await client.fetchUserInfo(
          configuration,
          tokens.access_token,
          idToken.sub,
        )
        claims = { ...claims, ...userinfo, sub: idToken.sub }
      }
      principal = principalOf(idToken.sub, claims, oidc, roleGroups)
    } catch (error) {
      onFailure(`sign-in failed: ${errorText(error)}`)
      return failurePage(
        c,
        401,
        "The sign-in provider's answer could not be verified.",
      )
    }

    // A new sign-in replaces the browser's previous session.
    const previous = sessionIdOf(c)
    if (previous !== undefined) sessions.end(previous)
    const id = sessions.create(principal)
    setCookie(c, cookies.session, sessionSeal.seal(id), {
      ...cookies.options,
      maxAge: Math.floor(sessions.maxAgeMs / 1_000),
    })
    return c.redirect(login.returnTo, 302)
  })

  routes.post(
    '/logout',
    requestGuard({ publicOrigin, requireJson: false }),
    (c) => {
      const id = sessionIdOf(c)
      if (id !== undefined) sessions.end(id)
      deleteCookie(c, cookies.session, cookies.options)
      return c.body(null, 204)
    },
  )

  const identify: Identify = (c) => {
    const sealed = getCookie(c, cookies.session)
    if (sealed === undefined) {
      return { reason: 'Sign in to use the dashboard.' }
    }
    const id = sessionSeal.open(sealed)
    const found = id === undefined ? undefined : sessions.touch(id)
    if (found?.kind === 'active') return { principal: found.session.principal }
    deleteCookie(c, cookies.session, cookies.options)
    return {
      reason:
        found?.kind === 'expired'
          ? 'Your session has expired: sign in again.'
          : 'Your session has ended: sign in again.',
    }
  }

  return { routes, identify }
}

function principalOf(
  sub: string,
  claims: Record<string, unknown>,
  oidc: OidcConfig,
  roleGroups: RoleGroups,
): Principal {
  const email = text(claims.email)
  return {
    id: sub,
    email,
    name: text(claims.name) ?? email ?? sub,
    role: roleForGroups(groupsOf(claims[oidc.groupsClaim]), roleGroups),
    auth: 'oidc',
    via: 'dashboard',
    origin: null,
  }
}

const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error)
