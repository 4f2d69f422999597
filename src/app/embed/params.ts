import { type EmbedScope, type Role, ROLES } from '../../../server/embed/model'
import type { ThemePreference } from '../../lib/theme'
import { parseAccent } from './accent'

/** How the portal asked the frame to look and, without signed tokens, what to show. */
export interface EmbedParams {
  theme: ThemePreference | null
  /** `#rrggbb`. */
  accent: string | null
  /** Only used without signed tokens (the sandbox): the scope to ask for. */
  scope: EmbedScope
  role: Role | null
}

export type Warn = (message: string) => void

const THEMES: readonly ThemePreference[] = ['light', 'dark', 'system']
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MAX_TEXT = 255
const MAX_IDS = 100
const MAX_PAIRS = 50
const MAX_KEY = 40
const MAX_VALUE = 500

const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value)

const isTheme = (value: string): value is ThemePreference =>
  (THEMES as readonly string[]).includes(value)

function parseText(value: string | null): string | undefined | false {
  if (value === null) return undefined
  const text = value.trim()
  return text !== '' && text.length <= MAX_TEXT ? text : false
}

function parseIds(value: string | null): string[] | undefined | false {
  if (value === null) return undefined
  const ids = [
    ...new Set(
      value
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ]
  if (ids.length === 0 || ids.length > MAX_IDS) return false
  return ids.every((id) => UUID.test(id)) ? ids : false
}

function parseMetadata(
  value: string | null,
): Record<string, string | boolean> | undefined | false {
  if (value === null) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return false
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return false
  const entries = Object.entries(parsed)
  if (entries.length === 0 || entries.length > MAX_PAIRS) return false
  const metadata: Record<string, string | boolean> = {}
  for (const [key, item] of entries) {
    if (key === '' || key.length > MAX_KEY) return false
    if (typeof item === 'boolean') metadata[key] = item
    else if (typeof item === 'string' && item.length <= MAX_VALUE)
      metadata[key] = item
    else return false
  }
  return metadata
}

/**
 * Reads the frame's launch parameters. A value that is not valid is left
 * out, with a warning that names the parameter, and the rest still apply.
 */
export function parseEmbedParams(
  params: URLSearchParams,
  warn: Warn = (message) => {
    console.warn(message)
  },
): EmbedParams {
  const ignored = (name: string, expected: string) => {
    warn(`Embed parameter "${name}" ignored: expected ${expected}.`)
  }

  const themeValue = params.get('theme')
  let theme: ThemePreference | null = null
  if (themeValue !== null) {
    if (isTheme(themeValue)) theme = themeValue
    else ignored('theme', 'light, dark or system')
  }

  const accentValue = params.get('accent')
  let accent: string | null = null
  if (accentValue !== null) {
    accent = parseAccent(accentValue)
    if (accent === null)
      ignored('accent', 'a hex colour such as 0a7 or #00aa77')
  }

  const roleValue = params.get('role')
  let role: Role | null = null
  if (roleValue !== null) {
    if (isRole(roleValue)) role = roleValue
    else ignored('role', ROLES.join(', '))
  }

  const scope: EmbedScope = {}
  const customerKey = parseText(params.get('customer_key'))
  if (customerKey === false) ignored('customer_key', 'a non-empty key')
  else if (customerKey !== undefined) scope.customer_key = customerKey

  const customerIds = parseIds(params.get('customer_ids'))
  if (customerIds === false)
    ignored('customer_ids', `up to ${MAX_IDS} comma-separated UUIDs`)
  else if (customerIds !== undefined) scope.customer_ids = customerIds

  const userIdentifierKey = parseText(params.get('user_identifier_key'))
  if (userIdentifierKey === false)
    ignored('user_identifier_key', 'a non-empty key')
  else if (userIdentifierKey !== undefined)
    scope.user_identifier_key = userIdentifierKey

  const metadata = parseMetadata(params.get('custom_metadata_has'))
  if (metadata === false)
    ignored('custom_metadata_has', 'a JSON object of string or boolean values')
  else if (metadata !== undefined) scope.custom_metadata_has = metadata

  return { theme, accent, scope, role }
}

/** Parameters only the portal sets when it opens the frame. */
const LAUNCH_ONLY_PARAMS = ['theme', 'accent', 'role'] as const

/**
 * The route as the portal should keep it: the page and its filters, without
 * the look and role the portal chose when it opened the frame (those are the
 * portal's settings, and a kept route must not override them later).
 */
export function routeForPortal(pathname: string, search: string): string {
  const params = new URLSearchParams(search)
  for (const name of LAUNCH_ONLY_PARAMS) params.delete(name)
  const query = params.toString()
  return query === '' ? pathname : `${pathname}?${query}`
}
