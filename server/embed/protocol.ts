/**
 * The postMessage contract between the embedded dashboard (the frame) and
 * the portal that embeds it. Version 1.
 *
 * Every message, both ways, is a plain object
 * `{ protocol: 'seam-accounts-console', version: 1, type, ...fields }`.
 * The frame sends only to the exact portal origin (never `'*'`) and accepts
 * a message only from its parent window, from an allowed origin, and in one
 * of the shapes below; anything else is ignored.
 */

import type { EmbedScope } from './model'

export const EMBED_PROTOCOL = 'seam-accounts-console'
export const EMBED_PROTOCOL_VERSION = 1

/** Why the frame asks the portal for a fresh embed token. */
export type TokenRequestReason = 'missing' | 'expiring' | 'expired' | 'refused'

/** Messages the frame posts to the portal. */
export type FrameMessage =
  | { type: 'ready'; route: string; token_required: boolean }
  | { type: 'resize'; height: number }
  | { type: 'navigate'; route: string }
  | {
      type: 'account.selected'
      connected_account_id: string
      display_name: string
      customer_key: string | null
    }
  | { type: 'account.updated'; connected_account_id: string; fields: string[] }
  | { type: 'account.deleted'; connected_account_id: string }
  | { type: 'session.token-request'; reason: TokenRequestReason }
  | { type: 'session.expired' }

/** Filters the portal may set; the fixed scope of the session still applies. */
export interface PortalFilters {
  search?: string
  customer_key?: string
  customer_ids?: string[]
  user_identifier_key?: string
  custom_metadata_has?: Record<string, string | boolean>
}

/** Messages the portal may post to the frame. */
export type PortalMessage =
  | { type: 'navigate'; route: string }
  | { type: 'set-filters'; filters: PortalFilters }
  | { type: 'session.token'; token: string }

export type Envelope<M> = M & {
  protocol: typeof EMBED_PROTOCOL
  version: typeof EMBED_PROTOCOL_VERSION
}

export function envelope<M extends FrameMessage | PortalMessage>(
  message: M,
): Envelope<M> {
  return {
    protocol: EMBED_PROTOCOL,
    version: EMBED_PROTOCOL_VERSION,
    ...message,
  }
}

/** The embed routes a `navigate` may lead to. */
export const EMBED_ROUTE = /^\/embed\/(accounts(\/[^/?#]+)?|triage)(\?[^#]*)?$/

export const MAX_ROUTE_LENGTH = 2_000
export const MAX_TOKEN_LENGTH = 8_000
const MAX_FILTER_TEXT = 255
const MAX_FILTER_IDS = 100
const MAX_FILTER_PAIRS = 50

type Fields = Record<string, unknown>

const isObject = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max

function onlyKeys(value: Fields, allowed: readonly string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key))
}

function parseFilters(value: unknown): PortalFilters | undefined {
  if (!isObject(value)) return undefined
  const keys = [
    'search',
    'customer_key',
    'customer_ids',
    'user_identifier_key',
    'custom_metadata_has',
  ]
  if (!onlyKeys(value, keys)) return undefined
  const filters: PortalFilters = {}
  const { search, customer_key, customer_ids, user_identifier_key } = value
  if (search !== undefined) {
    if (typeof search !== 'string' || search.length > MAX_FILTER_TEXT)
      return undefined
    filters.search = search
  }
  if (customer_key !== undefined) {
    if (!isText(customer_key, MAX_FILTER_TEXT)) return undefined
    filters.customer_key = customer_key
  }
  if (user_identifier_key !== undefined) {
    if (!isText(user_identifier_key, MAX_FILTER_TEXT)) return undefined
    filters.user_identifier_key = user_identifier_key
  }
  if (customer_ids !== undefined) {
    if (
      !Array.isArray(customer_ids) ||
      customer_ids.length > MAX_FILTER_IDS ||
      !customer_ids.every((id) => isText(id, 64))
    )
      return undefined
    filters.customer_ids = customer_ids
  }
  const pairs = value.custom_metadata_has
  if (pairs !== undefined) {
    if (!isObject(pairs)) return undefined
    const entries = Object.entries(pairs)
    if (entries.length > MAX_FILTER_PAIRS) return undefined
    const metadata: Record<string, string | boolean> = {}
    for (const [key, item] of entries) {
      if (key.length === 0 || key.length > 40) return undefined
      if (typeof item === 'boolean') metadata[key] = item
      else if (typeof item === 'string' && item.length <= 500)
        metadata[key] = item
      else return undefined
    }
    filters.custom_metadata_has = metadata
  }
  return filters
}

/**
 * A portal message in one of the shapes of this protocol version, or
 * undefined. Origin and source are the caller's to check: this only reads
 * the data.
 */
export function parsePortalMessage(data: unknown): PortalMessage | undefined {
  if (!isObject(data)) return undefined
  if (data.protocol !== EMBED_PROTOCOL) return undefined
  if (data.version !== EMBED_PROTOCOL_VERSION) return undefined
  const common = ['protocol', 'version', 'type']
  switch (data.type) {
    case 'navigate': {
      const { route } = data
      if (!onlyKeys(data, [...common, 'route'])) return undefined
      if (!isText(route, MAX_ROUTE_LENGTH) || !EMBED_ROUTE.test(route))
        return undefined
      return { type: 'navigate', route }
    }
    case 'set-filters': {
      if (!onlyKeys(data, [...common, 'filters'])) return undefined
      const filters = parseFilters(data.filters)
      return filters ? { type: 'set-filters', filters } : undefined
    }
    case 'session.token': {
      const { token } = data
      if (!onlyKeys(data, [...common, 'token'])) return undefined
      if (!isText(token, MAX_TOKEN_LENGTH)) return undefined
      return { type: 'session.token', token }
    }
    default:
      return undefined
  }
}

/** Scope fields a portal filter may not change. */
export function scopedFields(scope: EmbedScope): (keyof PortalFilters)[] {
  return (
    [
      'customer_key',
      'customer_ids',
      'user_identifier_key',
      'custom_metadata_has',
    ] as const
  ).filter((field) => scope[field] !== undefined)
}
