import type { Role } from '../embed/model'

/** How the person behind a request was identified. */
export type AuthSource = 'none' | 'oidc' | 'proxy' | 'embed'

/**
 * Who a request acts for: the signed-in person of the dashboard, or the
 * embedded frame's session. Every role check, rate limit and audit record
 * reads this.
 */
export interface Principal {
  /** Stable id: the OIDC `sub`, the proxy's user, `embed:<subject>`, or `local`. */
  id: string
  email: string | null
  /** What the UI shows: a name, else the email, else the id. */
  name: string
  role: Role
  auth: AuthSource
  /** Where the request came from: the dashboard itself, or a portal's frame. */
  via: 'dashboard' | 'embed'
  /** The portal origin of an embedded session. */
  origin: string | null
}

/** `GET /api/auth/me`: who is signed in, and how. */
export interface MeResponse {
  ok: true
  user: {
    id: string
    email: string | null
    name: string
  }
  role: Role
  auth: AuthSource
  via: 'dashboard' | 'embed'
  /** Whether a sign-out ends anything (false with AUTH_MODE=none or proxy). */
  can_sign_out: boolean
}

/** AUTH_MODE=none on loopback: one local operator of the machine, with every right. */
export const LOCAL_PRINCIPAL: Principal = {
  id: 'local',
  email: null,
  name: 'Local user',
  role: 'admin',
  auth: 'none',
  via: 'dashboard',
  origin: null,
}
