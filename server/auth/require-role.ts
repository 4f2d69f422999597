import type { Context, MiddlewareHandler } from 'hono'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'
import { forbiddenMessage, hasRole, permissionFor } from './roles'

/**
 * The 403 for a request whose session lacks the role an API path needs, or
 * null when it may go on. A request without a session has no role to check
 * (AUTH_MODE=none).
 */
export function roleRefusal(c: Context<AppEnv>, path: string): Response | null {
  const session = c.get('session')
  if (!session) return null
  const permission = permissionFor(path)
  if (hasRole(session.role, permission.role)) return null
  return apiError(
    c,
    403,
    'forbidden',
    forbiddenMessage(permission, session.role),
  )
}

/** `roleRefusal` as a middleware for a route of the dashboard's own. */
export function requireRole(path: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const refused = roleRefusal(c, path)
    if (refused) return refused
    await next()
    return
  }
}
