import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'

import type { EmbedScope, EmbedTokenClaims, Role } from './model'

/**
 * Embed tokens: `sace1.<payload>.<signature>`, where payload is the
 * base64url JSON of the claims and signature the base64url HMAC-SHA256 of
 * `sace1.<payload>` under EMBED_SECRET. A portal backend in any language can
 * mint one with a JSON encoder and an HMAC.
 */
export const EMBED_TOKEN_PREFIX = 'sace1'
/** Embed tokens are meant to be exchanged at once; a longer life is refused. */
export const MAX_EMBED_TOKEN_LIFETIME_S = 3_600
/** Clocks of the portal and the dashboard may disagree this much. */
export const CLOCK_SKEW_S = 30
export const DEFAULT_EMBED_TOKEN_TTL_S = 120

const base64url = (data: Buffer | string) =>
  Buffer.from(data).toString('base64url')

function sign(secret: string, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed).digest()
}

export interface MintEmbedTokenOptions {
  secret: string
  role: Role
  scope?: EmbedScope
  /** Seconds from now until the token expires (default 120). */
  ttlSeconds?: number
  subject?: string
  /** The portal origin the frame will talk to. */
  origin?: string
  /** Milliseconds since the epoch; tests pin it. */
  now?: number
}

/** Mints an embed token: what a portal backend does before it frames the dashboard. */
export function mintEmbedToken({
  secret,
  role,
  scope = {},
  ttlSeconds = DEFAULT_EMBED_TOKEN_TTL_S,
  subject,
  origin,
  now = Date.now(),
}: MintEmbedTokenOptions): string {
  const iat = Math.floor(now / 1_000)
  const claims: EmbedTokenClaims = {
    v: 1,
    jti: randomUUID(),
    iat,
    exp: iat + ttlSeconds,
    role,
    scope,
    ...(subject === undefined ? {} : { sub: subject }),
    ...(origin === undefined ? {} : { origin }),
  }
  const signed = `${EMBED_TOKEN_PREFIX}.${base64url(JSON.stringify(claims))}`
  return `${signed}.${base64url(sign(secret, signed))}`
}

export type EmbedTokenFailure =
  'malformed' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'too_long_lived'

export type VerifiedEmbedToken =
  { ok: true; payload: unknown } | { ok: false; reason: EmbedTokenFailure }

/**
 * Checks the signature and the times, and returns the still unvalidated
 * payload: the caller validates its fields (role, scope, origin) and its
 * one-time use.
 */
export function verifyEmbedToken(
  token: string,
  secret: string,
  now = Date.now(),
): VerifiedEmbedToken {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== EMBED_TOKEN_PREFIX) {
    return { ok: false, reason: 'malformed' }
  }
  const [, payload = '', signature = ''] = parts
  const expected = sign(secret, `${EMBED_TOKEN_PREFIX}.${payload}`)
  const given = Buffer.from(signature, 'base64url')
  if (
    given.length !== expected.length ||
    !timingSafeEqual(given, expected) ||
    base64url(given) !== signature
  ) {
    return { ok: false, reason: 'bad_signature' }
  }
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (claims === null || typeof claims !== 'object') {
    return { ok: false, reason: 'malformed' }
  }
  const { iat, exp } = claims as Partial<Record<string, unknown>>
  if (!Number.isInteger(iat) || !Number.isInteger(exp)) {
    return { ok: false, reason: 'malformed' }
  }
  const seconds = now / 1_000
  const issued = iat as number
  const expires = exp as number
  if (expires <= seconds) return { ok: false, reason: 'expired' }
  if (issued > seconds + CLOCK_SKEW_S) {
    return { ok: false, reason: 'not_yet_valid' }
  }
  if (expires - issued > MAX_EMBED_TOKEN_LIFETIME_S) {
    return { ok: false, reason: 'too_long_lived' }
  }
  return { ok: true, payload: claims }
}
