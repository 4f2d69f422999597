import type { Hono } from 'hono'

import type { AppEnv } from '../app-env'
import type { AuthConfig } from '../config'
import { authCookies } from './cookies'
import { createOidcAuth } from './oidc'
import { LOCAL_PRINCIPAL } from './principal'
import { proxyIdentify } from './proxy-auth'
import type { ResolvePrincipalOptions } from './resolve-principal'
import { UserSessionStore } from './user-sessions'

export interface AuthSetup extends ResolvePrincipalOptions {
  /** The sign-in routes to mount at `/auth`, for modes that have them. */
  routes: Hono<AppEnv> | null
  /** Names of the cookies the sign-in sets (every other Set-Cookie is dropped). */
  cookies: readonly string[]
}

export interface CreateAuthOptions {
  auth: AuthConfig
  /** The dashboard's public origin (PUBLIC_URL's), required by oidc. */
  publicOrigin: string | null
  now: () => number
  onFailure: (reason: string) => void
}

/** How requests are identified under the configured AUTH_MODE. */
export function createAuth({
  auth,
  publicOrigin,
  now,
  onFailure,
}: CreateAuthOptions): AuthSetup {
  switch (auth.mode) {
    case 'none':
      return {
        identify: () => ({ principal: LOCAL_PRINCIPAL }),
        loginRedirect: false,
        routes: null,
        cookies: [],
      }
    case 'proxy':
      return {
        identify: proxyIdentify(auth.proxy, auth.roleGroups),
        loginRedirect: false,
        routes: null,
        cookies: [],
      }
    case 'oidc': {
      const { oidc, roleGroups } = auth
      const sessions = new UserSessionStore({
        idleMs: oidc.sessionIdleMs,
        maxMs: oidc.sessionMaxMs,
        now,
      })
      const origin = publicOrigin ?? new URL(oidc.redirectUri).origin
      const { routes, identify } = createOidcAuth({
        oidc,
        roleGroups,
        sessions,
        publicOrigin: origin,
        now,
        onFailure,
      })
      const { session, login } = authCookies(origin)
      return {
        identify,
        loginRedirect: true,
        routes,
        cookies: [session, login],
      }
    }
  }
}
