import type { EmbedScope } from './model'

/**
 * A session's scope: parsing it from a token or a request, and keeping every
 * request of the session inside it.
 */

export const SCOPE_TEXT_MAX = 255
export const SCOPE_MAX_CUSTOMER_IDS = 100
export const SCOPE_MAX_METADATA_PAIRS = 50
export const SCOPE_METADATA_KEY_MAX = 40
export const SCOPE_METADATA_VALUE_MAX = 500

const SCOPE_FIELDS = [
  'customer_key',
  'customer_ids',
  'user_identifier_key',
  'custom_metadata_has',
] as const

type Fields = Record<string, unknown>
type MetadataValue = string | boolean

export type ScopeParseResult =
  | { ok: true; scope: EmbedScope }
  | { ok: false; field: string; message: string }

type Failure = { ok: false; field: string; message: string }
type Parsed<T> = { ok: true; value: T } | Failure

/**
 * Why a request leaves its scope (403 `out_of_scope`) or cannot be checked
 * against it (400 `invalid_input`). The message names the field.
 */
export interface ScopeRefusal {
  ok: false
  type: 'out_of_scope' | 'invalid_input'
  field: string
  message: string
}

/** The body to send upstream, or why it may not be sent. */
export type ScopedBody = { ok: true; body: Fields } | ScopeRefusal

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const isObject = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** Limits count characters as a person does (code points), not UTF-16 units. */
const characterCount = (value: string): number => Array.from(value).length

/** Empty once whitespace and invisible format characters are ignored. */
const isBlank = (value: string): boolean =>
  /^[\s\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]*$/u.test(value)

const show = (value: MetadataValue): string => JSON.stringify(value)

function parseText(field: string, value: unknown): Parsed<string> {
  if (
    typeof value !== 'string' ||
    isBlank(value) ||
    characterCount(value) > SCOPE_TEXT_MAX
  ) {
    return {
      ok: false,
      field,
      message: `${field} must be a non-blank string of at most ${SCOPE_TEXT_MAX} characters`,
    }
  }
  return { ok: true, value }
}

function parseCustomerIds(value: unknown): Parsed<string[]> {
  const field = 'customer_ids'
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.length > SCOPE_MAX_CUSTOMER_IDS
  ) {
    return {
      ok: false,
      field,
      message: `${field} must be a list of 1 to ${SCOPE_MAX_CUSTOMER_IDS} customer ids (UUIDs)`,
    }
  }
  const ids = new Set<string>()
  for (const [index, id] of value.entries()) {
    if (typeof id !== 'string' || !UUID.test(id)) {
      return {
        ok: false,
        field: `${field}[${index}]`,
        message: `${field}[${index}] must be a UUID`,
      }
    }
    // Seam ids are UUIDs and match in any letter case.
    ids.add(id.toLowerCase())
  }
  return { ok: true, value: [...ids] }
}

function parseMetadataHas(
  value: unknown,
): Parsed<Record<string, MetadataValue> | undefined> {
  const field = 'custom_metadata_has'
  if (!isObject(value)) {
    return {
      ok: false,
      field,
      message: `${field} must be an object of key: value pairs`,
    }
  }
  const entries = Object.entries(value)
  // A JSON `__proto__` key is an own property that an object literal would
  // turn into a prototype: refused by name.
  if (Object.hasOwn(value, '__proto__')) {
    return {
      ok: false,
      field: `${field}.__proto__`,
      message: `${field} cannot have the key __proto__`,
    }
  }
  if (entries.length > SCOPE_MAX_METADATA_PAIRS) {
    return {
      ok: false,
      field,
      message: `${field} may have at most ${SCOPE_MAX_METADATA_PAIRS} pairs`,
    }
  }
  // No pairs: no condition.
  if (entries.length === 0) return { ok: true, value: undefined }
  const pairs: Record<string, MetadataValue> = {}
  for (const [key, item] of entries) {
    const count = characterCount(key)
    if (count === 0 || count > SCOPE_METADATA_KEY_MAX) {
      return {
        ok: false,
        field,
        message: `${field} keys must be 1 to ${SCOPE_METADATA_KEY_MAX} characters (got ${JSON.stringify(key)})`,
      }
    }
    if (
      typeof item === 'boolean' ||
      (typeof item === 'string' &&
        characterCount(item) <= SCOPE_METADATA_VALUE_MAX)
    ) {
      pairs[key] = item
    } else {
      return {
        ok: false,
        field: `${field}.${key}`,
        message: `${field}.${key} must be a string of at most ${SCOPE_METADATA_VALUE_MAX} characters or a boolean`,
      }
    }
  }
  return { ok: true, value: pairs }
}

/**
 * A scope as a token or a request states it, checked field by field. Unknown
 * fields are refused by name: a misspelt filter must never widen a session
 * to the whole workspace.
 */
export function parseScope(value: unknown): ScopeParseResult {
  if (!isObject(value)) {
    return {
      ok: false,
      field: 'scope',
      message: 'scope must be an object (an empty one is the whole workspace)',
    }
  }
  for (const key of Object.keys(value)) {
    if (!(SCOPE_FIELDS as readonly string[]).includes(key)) {
      return {
        ok: false,
        field: key,
        message: `${key} is not a scope field: use ${SCOPE_FIELDS.join(', ')}`,
      }
    }
  }
  const scope: EmbedScope = {}
  for (const field of ['customer_key', 'user_identifier_key'] as const) {
    if (value[field] === undefined) continue
    const text = parseText(field, value[field])
    if (!text.ok) return text
    scope[field] = text.value
  }
  if (value.customer_ids !== undefined) {
    const ids = parseCustomerIds(value.customer_ids)
    if (!ids.ok) return ids
    scope.customer_ids = ids.value
  }
  if (value.custom_metadata_has !== undefined) {
    const pairs = parseMetadataHas(value.custom_metadata_has)
    if (!pairs.ok) return pairs
    if (pairs.value !== undefined) scope.custom_metadata_has = pairs.value
  }
  return { ok: true, scope }
}

export const isEmptyScope = (scope: EmbedScope): boolean =>
  SCOPE_FIELDS.every((field) => scope[field] === undefined)

/** The same string for the same scope however it was written: a cache key. */
export function scopeKey(scope: EmbedScope): string {
  const metadata = scope.custom_metadata_has
  return JSON.stringify([
    scope.customer_key ?? null,
    scope.customer_ids ? [...scope.customer_ids].sort() : null,
    scope.user_identifier_key ?? null,
    metadata
      ? Object.entries(metadata).sort(([a], [b]) => (a < b ? -1 : 1))
      : null,
  ])
}

/** The scope as `connected_accounts/list` filters. */
export function listFiltersOf(scope: EmbedScope): Record<string, unknown> {
  const filters: Record<string, unknown> = {}
  for (const field of SCOPE_FIELDS) {
    if (scope[field] !== undefined) filters[field] = scope[field]
  }
  return filters
}

/**
 * Whether membership needs a list call: customer ids and user identifier
 * keys are not on the account object, so only the upstream's own filter can
 * tell.
 */
export const needsListCheck = (scope: EmbedScope): boolean =>
  scope.customer_ids !== undefined || scope.user_identifier_key !== undefined

const fixedBy = (field: string, value: MetadataValue) =>
  `${field} is fixed to ${show(value)} by this session's scope.`

const outOfScope = (field: string, message: string): ScopeRefusal => ({
  ok: false,
  type: 'out_of_scope',
  field,
  message,
})

const invalid = (field: string, message: string): ScopeRefusal => ({
  ok: false,
  type: 'invalid_input',
  field,
  message: `Invalid input: ${message}`,
})

/**
 * The metadata pairs a request names in `field`, with the scope's fixed pairs
 * forced in. A pair that contradicts a fixed one is out of scope.
 */
function withFixedPairs(
  field: string,
  asked: unknown,
  fixed: Record<string, MetadataValue>,
): ScopedBody {
  if (asked !== undefined && !isObject(asked)) {
    return invalid(field, `${field} must be an object of key: value pairs.`)
  }
  const pairs: Fields = { ...asked }
  for (const [key, value] of Object.entries(fixed)) {
    if (
      asked !== undefined &&
      Object.hasOwn(asked, key) &&
      asked[key] !== value
    ) {
      return outOfScope(`${field}.${key}`, fixedBy(`${field}.${key}`, value))
    }
    pairs[key] = value
  }
  return { ok: true, body: pairs }
}

/**
 * `connected_accounts/list` within the scope: the body's own filters may
 * narrow it, never widen or contradict it. Returns the filters to send.
 */
export function scopeListBody(
  body: Readonly<Fields>,
  scope: EmbedScope,
): ScopedBody {
  const merged: Fields = { ...body }
  for (const field of ['customer_key', 'user_identifier_key'] as const) {
    const fixed = scope[field]
    if (fixed === undefined) continue
    if (body[field] !== undefined && body[field] !== fixed) {
      return outOfScope(field, fixedBy(field, fixed))
    }
    merged[field] = fixed
  }
  if (scope.customer_ids !== undefined) {
    const allowed = new Set(scope.customer_ids)
    const asked = body.customer_ids
    if (asked === undefined) {
      merged.customer_ids = scope.customer_ids
    } else if (
      !Array.isArray(asked) ||
      !asked.every((id): id is string => typeof id === 'string')
    ) {
      return invalid('customer_ids', 'customer_ids must be a list of UUIDs.')
    } else {
      const ids = asked.map((id) => id.toLowerCase())
      if (!ids.every((id) => allowed.has(id))) {
        return outOfScope(
          'customer_ids',
          "customer_ids may only list customers in this session's scope.",
        )
      }
      merged.customer_ids = ids
    }
  }
  if (scope.custom_metadata_has !== undefined) {
    const pairs = withFixedPairs(
      'custom_metadata_has',
      body.custom_metadata_has,
      scope.custom_metadata_has,
    )
    if (!pairs.ok) return pairs
    merged.custom_metadata_has = pairs.body
  }
  return { ok: true, body: merged }
}

/**
 * Whether an account object (as Seam returns it) fits the parts of the scope
 * it shows: its customer key and custom metadata.
 */
export function accountShowsScope(
  account: unknown,
  scope: EmbedScope,
): boolean {
  if (!isObject(account)) return false
  if (
    scope.customer_key !== undefined &&
    account.customer_key !== scope.customer_key
  ) {
    return false
  }
  const fixedPairs = scope.custom_metadata_has
  if (fixedPairs === undefined) return true
  const metadata = account.custom_metadata
  if (!isObject(metadata)) return false
  return Object.entries(fixedPairs).every(
    ([key, value]) => Object.hasOwn(metadata, key) && metadata[key] === value,
  )
}

/**
 * Metadata that keeps the scope's pairs. `custom_metadata` replaces the
 * account's whole object, so a scoped key left out or set to null removes
 * it: both are refused, as is another value.
 */
function checkMetadataKeepsScope(
  metadata: unknown,
  scope: EmbedScope,
): ScopeRefusal | undefined {
  const fixedPairs = scope.custom_metadata_has
  if (fixedPairs === undefined || metadata === undefined) return undefined
  if (!isObject(metadata)) {
    return invalid(
      'custom_metadata',
      'custom_metadata must be an object of key: value pairs.',
    )
  }
  for (const [key, value] of Object.entries(fixedPairs)) {
    if (!Object.hasOwn(metadata, key) || metadata[key] !== value) {
      return outOfScope(
        `custom_metadata.${key}`,
        fixedBy(`custom_metadata.${key}`, value),
      )
    }
  }
  return undefined
}

/** `connected_accounts/update` of an account in scope that would move it out. */
export function checkUpdateBody(
  body: Readonly<Fields>,
  scope: EmbedScope,
): ScopeRefusal | undefined {
  if (
    scope.customer_key !== undefined &&
    body.customer_key !== undefined &&
    body.customer_key !== scope.customer_key
  ) {
    return outOfScope(
      'customer_key',
      fixedBy('customer_key', scope.customer_key),
    )
  }
  return checkMetadataKeepsScope(body.custom_metadata, scope)
}

/**
 * `connect_webviews/create` within the scope: the account it connects gets
 * the scope's customer key and metadata pairs. Returns the body to send.
 */
export function scopeWebviewBody(
  body: Readonly<Fields>,
  scope: EmbedScope,
): ScopedBody {
  const merged: Fields = { ...body }
  if (scope.customer_key !== undefined) {
    if (
      body.customer_key !== undefined &&
      body.customer_key !== scope.customer_key
    ) {
      return outOfScope(
        'customer_key',
        fixedBy('customer_key', scope.customer_key),
      )
    }
    merged.customer_key = scope.customer_key
  }
  if (scope.custom_metadata_has !== undefined) {
    const metadata = withFixedPairs(
      'custom_metadata',
      body.custom_metadata,
      scope.custom_metadata_has,
    )
    if (!metadata.ok) return metadata
    merged.custom_metadata = metadata.body
  }
  return { ok: true, body: merged }
}
