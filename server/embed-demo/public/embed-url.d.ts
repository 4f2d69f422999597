// Types of embed-url.js, the plain-JavaScript module the portal page loads.

import type { EmbedScope, Role } from '../../embed/model'

export type { EmbedScope, Role }
export type View = 'accounts' | 'triage'
export type Theme = 'system' | 'light' | 'dark'

export const EMBED_PROTOCOL: 'seam-accounts-console'
export const EMBED_PROTOCOL_VERSION: 1
export const EMBED_ROUTE: RegExp
export const MAX_ROUTE_LENGTH: number
export const VIEWS: readonly View[]
export const ROLES: readonly Role[]
export const THEMES: readonly Theme[]
export const DEFAULT_ACCENT: string
export const MIN_FRAME_HEIGHT: number
export const MAX_FRAME_HEIGHT: number

/** What the portal frames, and how. */
export interface PortalSettings {
  view: View
  /** A dashboard route that replaces the view's own, such as a deep link. */
  route: string | null
  role: Role
  theme: Theme
  /** Six hex digits, without `#`. */
  accent: string
  scope: EmbedScope
}

export const DEFAULT_SETTINGS: Readonly<PortalSettings>

export function isEmbedRoute(value: unknown): value is string
export function viewOfRoute(route: string): View
export function parseAccent(value: string): string | undefined

export interface ScopeFields {
  customerKey?: string
  customerIds?: string
  userIdentifierKey?: string
  metadata?: string
}

export type ParsedScope =
  | { ok: true; scope: EmbedScope }
  | { ok: false; field: keyof ScopeFields; message: string }

export function parseScopeFields(fields: ScopeFields): ParsedScope
export function parseMetadataPair(
  text: string,
): Record<string, string | boolean> | string
export function metadataText(
  pairs: Record<string, string | boolean> | undefined,
): string

export interface PageAddress {
  settings: PortalSettings
  problems: string[]
  autoOpen: boolean
}

export function readPageAddress(search: string): PageAddress
export function scopeParams(scope: EmbedScope): URLSearchParams
export function embedUrl(options: {
  dashboardOrigin: string
  settings: PortalSettings
  token?: string | undefined
}): string
export function tokenRequestPath(
  settings: Pick<PortalSettings, 'role' | 'scope'>,
  subject: string,
): string
export function pageQuery(settings: PortalSettings): string

export interface MessageEventLike {
  origin: string
  source: unknown
  data: unknown
}

export function isDashboardMessage(
  event: MessageEventLike,
  options: { dashboardOrigin: string; frameWindow: unknown },
): boolean
export function portalMessage<M extends { type: string }>(
  message: M,
): M & { protocol: 'seam-accounts-console'; version: 1 }
export function messageFields(data: Record<string, unknown>): string
export function frameHeight(height: unknown): number | undefined
