import type { MiddlewareHandler } from 'hono'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'
import type { SessionStore } from './sessions'
import { SESSION_TOKEN_PREFIX } from './sessions'

const BEARER = /^Bearer\s+(\S+)\s*$/i

/** The session token in an `Authorization: Bearer sacs_…` header, if that is what it holds. */
export function sessionTokenOf(header: string | undefined): string | undefined {
  const token = header === undefined ? undefined : BEARER.exec(header)?.[1]
  return token?.startsWith(SESSION_TOKEN_PREFIX) ? token : undefined
}

/**
 * Puts the embedded session a request names on its context. A request
 * without a session token passes as it is; any other Authorization value is
 * ignored here and never forwarded.
 */
export function sessionAuth(store: SessionStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = sessionTokenOf(c.req.header('authorization'))
    if (token === undefined) {
      await next()
      return
    }
    const session = store.lookup(token)
    if (session === 'expired') {
      return apiError(
        c,
        401,
        'session_expired',
        'The embedded session has expired: start a new one with a fresh embed token.',
      )
    }
    if (session === undefined) {
      return apiError(
        c,
        401,
        'invalid_session',
        'The session token is not valid: it was ended, or the dashboard restarted. Start a new session.',
      )
    }
    c.set('session', session)
    await next()
    return
  }
}
