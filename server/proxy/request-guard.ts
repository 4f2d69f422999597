import type { MiddlewareHandler } from 'hono'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'

export interface RequestGuardOptions {
  /** The dashboard's own origin when requests cannot tell it (behind a proxy). */
  publicOrigin: string | null
  /** Whether the body must be JSON (default); off for calls that send none. */
  requireJson?: boolean
}

function isJsonContentType(value: string | undefined): boolean {
  const type = value?.split(';')[0]?.trim().toLowerCase()
  return type === 'application/json'
}

/**
 * The checks every state-changing API call passes before it runs: it comes
 * from the dashboard itself, and its body is JSON (which a plain HTML form
 * cannot send).
 */
export function requestGuard({
  publicOrigin,
  requireJson = true,
}: RequestGuardOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Cross-site request forgery: a browser marks cross-site requests, and
    // sends Origin on every POST; both must point at this dashboard.
    if (c.req.header('sec-fetch-site') === 'cross-site') {
      return apiError(
        c,
        403,
        'cross_site_request',
        'Cross-site requests to the dashboard API are refused.',
      )
    }
    const origin = c.req.header('origin')
    const ownOrigin = publicOrigin ?? new URL(c.req.url).origin
    if (origin !== undefined && origin !== ownOrigin) {
      return apiError(
        c,
        403,
        'cross_site_request',
        `Requests from ${origin} are refused.`,
      )
    }
    if (requireJson && !isJsonContentType(c.req.header('content-type'))) {
      return apiError(
        c,
        415,
        'unsupported_media_type',
        'Send the request body as application/json.',
      )
    }
    await next()
  }
}
