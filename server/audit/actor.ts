import type { Context } from 'hono'

import type { AppEnv } from '../app-env'
import type { Principal } from '../auth/principal'
import { LOCAL_PRINCIPAL } from '../auth/principal'
import { embedPrincipal } from '../auth/resolve-principal'

/**
 * Who a call acts for: the principal sign-in put on the request; else the
 * embedded session's person; else the local user of AUTH_MODE=none.
 */
export function actorOf(c: Context<AppEnv>): Principal {
  const principal = c.get('principal')
  if (principal) return principal
  const session = c.get('session')
  return session ? embedPrincipal(session) : LOCAL_PRINCIPAL
}
