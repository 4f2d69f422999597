import { isRole, MAX_SUBJECT_LENGTH, rolesText } from '../embed/claims'
import type { EmbedScope, Role } from '../embed/model'
import { parseScope } from '../embed/scope'

/** What the portal page asks its backend to put in an embed token. */
export interface TokenRequest {
  role: Role
  scope: EmbedScope
  subject?: string
}

export type ParsedTokenRequest =
  | { ok: true; request: TokenRequest }
  | { ok: false; param: string; message: string }

const PARAMS = [
  'role',
  'customer_key',
  'customer_ids',
  'user_identifier_key',
  'custom_metadata_has',
  'subject',
]

/** `customer_ids[2]` and `custom_metadata_has.region` are their parameter's. */
const paramOf = (field: string): string => field.split(/[.[]/, 1)[0] ?? field

const bad = (param: string, message: string): ParsedTokenRequest => ({
  ok: false,
  param,
  message,
})

/**
 * Reads `GET /token`'s query: the role (viewer when left out), the subject,
 * and the scope in the frame's own parameter shapes (`customer_ids`
 * comma-separated, `custom_metadata_has` as JSON). The scope is checked by
 * the dashboard's own rules, so a token this mints is one it accepts, and a
 * value that is present must be valid: a typo never widens the scope.
 */
export function parseTokenRequest(query: URLSearchParams): ParsedTokenRequest {
  const given = new Map<string, string>()
  for (const [name, value] of query) {
    if (!PARAMS.includes(name)) {
      return bad(
        name,
        `${name} is not a parameter of /token: use ${PARAMS.join(', ')}`,
      )
    }
    if (given.has(name)) return bad(name, `${name} is given more than once`)
    given.set(name, value)
  }

  // The least a person can do, when the portal does not say.
  const role = given.get('role') ?? 'viewer'
  if (!isRole(role)) return bad('role', `role must be one of ${rolesText}`)

  const subject = given.get('subject')
  if (
    subject !== undefined &&
    (subject.trim() === '' || Array.from(subject).length > MAX_SUBJECT_LENGTH)
  ) {
    return bad(
      'subject',
      `subject must be a non-blank string of at most ${MAX_SUBJECT_LENGTH} characters`,
    )
  }

  const raw: Record<string, unknown> = {}
  const customerKey = given.get('customer_key')
  if (customerKey !== undefined) raw.customer_key = customerKey
  const userKey = given.get('user_identifier_key')
  if (userKey !== undefined) raw.user_identifier_key = userKey
  const ids = given.get('customer_ids')
  if (ids !== undefined)
    raw.customer_ids = ids.split(',').map((id) => id.trim())
  const pairs = given.get('custom_metadata_has')
  if (pairs !== undefined) {
    try {
      raw.custom_metadata_has = JSON.parse(pairs)
    } catch {
      return bad(
        'custom_metadata_has',
        'custom_metadata_has must be a JSON object of key: value pairs',
      )
    }
  }
  const scope = parseScope(raw)
  if (!scope.ok) return bad(paramOf(scope.field), scope.message)

  return {
    ok: true,
    request: {
      role,
      scope: scope.scope,
      ...(subject === undefined ? {} : { subject }),
    },
  }
}
