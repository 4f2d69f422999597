import type { Context, MiddlewareHandler } from 'hono'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'
import type { EmbedSession } from '../embed/sessions'
import type { Principal } from './principal'
import { MAX_RETURN_TO_LENGTH } from './return-to'

/** Who a request's credentials name, or why they name no one. */
export type Identification = { principal: Principal } | { reason: string }

/** Reads the request's credentials of the configured AUTH_MODE. */
export type Identify = (c: Context<AppEnv>) => Identification

/** An embedded frame's session, as the principal every check reads. */
export function embedPrincipal(session: EmbedSession): Principal {
  return {
    id: `embed:${session.subject ?? 'anonymous'}`,
    email: null,
    name: session.subject ?? 'Portal user',
    role: session.role,
    auth: 'embed',
    via: 'embed',
    origin: session.origin,
  }
}

const hasFileExtension = (path: string) => /\.[^/]+$/.test(path)

/**
 * A browser navigating to one of the app's pages (not an asset, the API, or
 * an embedded frame, which signs in with its portal's token instead).
 */
function isPageNavigation(c: Context<AppEnv>): boolean {
  const { method, path } = c.req
  if (method !== 'GET' && method !== 'HEAD') return false
  if (path === '/embed' || path.startsWith('/embed/')) return false
  if (path.startsWith('/auth/') || path.startsWith('/api/')) return false
  return !hasFileExtension(path)
}

export interface ResolvePrincipalOptions {
  identify: Identify
  /** Send people who are not signed in to /auth/login when they open a page (oidc). */
  loginRedirect: boolean
}

/**
 * Puts the request's principal on the context: the embedded session's when
 * there is one, else whoever the AUTH_MODE's credentials name. Without one,
 * the API answers 401 (except the embed routes, which start sessions), and
 * a page opened in the browser leads to sign-in when there is one to do.
 * Static files stay public: the app shell holds no data.
 */
export function resolvePrincipal({
  identify,
  loginRedirect,
}: ResolvePrincipalOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = c.get('session')
    const found: Identification = session
      ? { principal: embedPrincipal(session) }
      : identify(c)
    if ('principal' in found) {
      c.set('principal', found.principal)
      await next()
      return
    }
    const { path } = c.req
    if (path.startsWith('/api/')) {
      if (path.startsWith('/api/embed/')) {
        await next()
        return
      }
      return apiError(c, 401, 'unauthenticated', found.reason)
    }
    if (loginRedirect && isPageNavigation(c)) {
      const url = new URL(c.req.url)
      const page = `${url.pathname}${url.search}`
      // An address too long to come back to is left out: sign-in would not
      // follow it, and a Location of many kilobytes breaks proxies.
      return c.redirect(
        page.length > MAX_RETURN_TO_LENGTH
          ? '/auth/login'
          : `/auth/login?return_to=${encodeURIComponent(page)}`,
        302,
      )
    }
    await next()
    return
  }
}
