import type { Context } from 'hono'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'
import type { MeResponse } from './principal'

/** `GET /api/auth/me`: who the request acts for, in every AUTH_MODE and in a frame. */
export function me(c: Context<AppEnv>): Response {
  const principal = c.get('principal')
  if (!principal) {
    return apiError(c, 401, 'unauthenticated', 'Sign in to use the dashboard.')
  }
  return c.json<MeResponse>({
    ok: true,
    user: { id: principal.id, email: principal.email, name: principal.name },
    role: principal.role,
    auth: principal.auth,
    via: principal.via,
    // Only a dashboard session of our own has something to end; a proxy
    // signs out at the proxy, a frame through its portal.
    can_sign_out: principal.auth === 'oidc',
  })
}
