import type { Context, MiddlewareHandler } from 'hono'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'
import type { Principal } from './principal'
import { forbiddenMessage, hasRole, permissionFor } from './roles'

/** How a refusal names whoever lacks the role. */
const holderOf = (principal: Principal): string =>
  principal.via === 'embed' ? 'this session' : 'you'

/**
 * The 403 for a request whose principal lacks the role an API path needs,
 * or null when it may go on. A request with no principal (which the
 * principal middleware answers with a 401 before it gets here) is refused.
 */
export function roleRefusal(c: Context<AppEnv>, path: string): Response | null {
  const principal = c.get('principal')
  if (!principal) {
    return apiError(c, 401, 'unauthenticated', 'Sign in to use the dashboard.')
  }
  const permission = permissionFor(path)
  if (hasRole(principal.role, permission.role)) return null
  return apiError(
    c,
    403,
    'forbidden',
    forbiddenMessage(permission, principal.role, holderOf(principal)),
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
