import type { EmbedScope, Role } from './model'
import { ROLES } from './model'
import { parseScope } from './scope'

export const MAX_JTI_LENGTH = 200
export const MAX_SUBJECT_LENGTH = 200

const CLAIMS = ['v', 'jti', 'iat', 'exp', 'role', 'scope', 'sub', 'origin']

/** The claims of a verified embed token, checked and normalized. */
export interface SessionClaims {
  jti: string
  /** Seconds since the epoch. */
  exp: number
  role: Role
  scope: EmbedScope
  subject: string | null
  origin: string | null
}

export type ClaimsResult =
  { ok: true; claims: SessionClaims } | { ok: false; message: string }

type Fields = Record<string, unknown>

const isObject = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value)

export const rolesText = ROLES.join(', ')

/** `scope.customer_key must be …`: a scope problem named from the top of the request. */
export function scopeProblem(field: string, message: string): string {
  return field === 'scope' ? message : `scope.${message}`
}

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' &&
  value.trim() !== '' &&
  Array.from(value).length <= max

/**
 * Checks the claims of an embed token whose signature and times are already
 * verified. Unknown claims are refused: a scope field put beside `scope`
 * by mistake must not leave the session unscoped.
 */
export function parseClaims(
  payload: unknown,
  allowedOrigins: readonly string[],
): ClaimsResult {
  const fail = (message: string): ClaimsResult => ({ ok: false, message })
  if (!isObject(payload)) return fail('the payload must be a JSON object')
  const unknown = Object.keys(payload).find((key) => !CLAIMS.includes(key))
  if (unknown !== undefined) {
    return fail(
      `${JSON.stringify(unknown)} is not an embed token claim (scope fields go inside scope)`,
    )
  }
  const { v, jti, exp, role, scope, sub, origin } = payload
  if (v !== 1) return fail('v must be 1')
  if (!isText(jti, MAX_JTI_LENGTH)) {
    return fail(`jti must be a string of 1 to ${MAX_JTI_LENGTH} characters`)
  }
  if (typeof exp !== 'number') return fail('exp must be a number')
  if (!isRole(role)) return fail(`role must be one of ${rolesText}`)
  if (scope === undefined) {
    return fail('scope is required (an empty object is the whole workspace)')
  }
  const parsed = parseScope(scope)
  if (!parsed.ok) return fail(scopeProblem(parsed.field, parsed.message))
  if (sub !== undefined && !isText(sub, MAX_SUBJECT_LENGTH)) {
    return fail(
      `sub must be a non-blank string of at most ${MAX_SUBJECT_LENGTH} characters`,
    )
  }
  if (origin !== undefined) {
    if (typeof origin !== 'string' || !allowedOrigins.includes(origin)) {
      return fail(
        `origin ${JSON.stringify(origin)} is not one of the origins in EMBED_ORIGINS`,
      )
    }
  }
  return {
    ok: true,
    claims: {
      jti,
      exp,
      role,
      scope: parsed.scope,
      subject: sub ?? null,
      origin: origin ?? null,
    },
  }
}
