export interface AllowedRoute {
  /** Seam path without the leading slash; the upstream URL is built from this, never from the request. */
  path: string
  /** Reads are retried on transient failures; writes never are. */
  kind: 'read' | 'write'
  /** Paged list routes: the page size a browser may ask for is capped. */
  paged?: boolean
  /** Only on the sandbox or on a Seam sandbox workspace. */
  sandboxOnly?: boolean
}

export const MAX_PAGE_SIZE = 200

const routes: AllowedRoute[] = [
  { path: 'connected_accounts/list', kind: 'read', paged: true },
  { path: 'connected_accounts/get', kind: 'read' },
  { path: 'connected_accounts/update', kind: 'write' },
  { path: 'connected_accounts/delete', kind: 'write' },
  { path: 'connected_accounts/sync', kind: 'write' },
  {
    path: 'connected_accounts/simulate/disconnect',
    kind: 'write',
    sandboxOnly: true,
  },
  { path: 'events/list', kind: 'read', paged: true },
  { path: 'devices/list', kind: 'read', paged: true },
  { path: 'connect_webviews/create', kind: 'write' },
]

/** Every forwarded route, for checks that each one is covered (roles, scopes). */
export const ALLOWED_ROUTES: readonly AllowedRoute[] = routes

const byPath = new Map(routes.map((route) => [route.path, route]))

/**
 * Looks up the raw request path (still percent-encoded, as the URL parser
 * left it). Only an exact match counts: `%2F`, `//`, a trailing slash or any
 * other spelling is not an allowlisted route.
 */
export function findAllowedRoute(rawPath: string): AllowedRoute | undefined {
  if (!rawPath.startsWith('/api/')) return undefined
  return byPath.get(rawPath.slice('/api/'.length))
}
