/**
 * The embedding contract shared by the dashboard server, the SPA and the demo
 * portal: who an embedded session is (role) and what it may see (scope).
 */

/** What a person may do; each role includes the ones before it. */
export const ROLES = ['viewer', 'operator', 'admin'] as const
export type Role = (typeof ROLES)[number]

/**
 * The fixed filters of an embedded session. Every field that is present
 * narrows what the session can read or change; an empty scope is the whole
 * workspace. Field names and value shapes are those of
 * `connected_accounts/list`.
 */
export interface EmbedScope {
  customer_key?: string
  customer_ids?: string[]
  user_identifier_key?: string
  custom_metadata_has?: Record<string, string | boolean>
}

/** The claims of an embed token (before its signature). */
export interface EmbedTokenClaims {
  /** Token format version. */
  v: 1
  /** Unique per token: a token is exchanged at most once. */
  jti: string
  /** Issued at, seconds since the epoch. */
  iat: number
  /** Expires at, seconds since the epoch. */
  exp: number
  role: Role
  scope: EmbedScope
  /** Who the portal says is using the frame, for display and logs. */
  sub?: string
  /** The portal origin the frame talks to; must be one of EMBED_ORIGINS. */
  origin?: string
}

/** `GET /api/embed/config`: what the SPA needs before it starts a session. */
export interface EmbedConfigResponse {
  protocol_version: 1
  /** The portal origins allowed to frame the dashboard and exchange messages with it. */
  origins: string[]
  /** True when EMBED_SECRET is set: a session needs a signed embed token. */
  token_required: boolean
  /** False when embedding cannot work here; `reason` says why. */
  available: boolean
  reason: string | null
}

/** `POST /api/embed/session`: the session an embed token (or, without EMBED_SECRET, a scope) was exchanged for. */
export interface EmbedSessionResponse {
  /** Sent back as `Authorization: Bearer <session_token>`; kept in memory only. */
  session_token: string
  /** ISO 8601. */
  expires_at: string
  role: Role
  scope: EmbedScope
  subject: string | null
  /** The portal origin bound to the token, if it named one. */
  origin: string | null
}
