import type { MiddlewareHandler } from 'hono'

import type { AppEnv } from './app-env'

export interface SecurityOptions {
  /** Origins besides the dashboard's own that may frame it. */
  embedOrigins: readonly string[]
  /** Public URL when behind a TLS-terminating proxy; https turns on HSTS. */
  publicUrl: string | null
}

export function contentSecurityPolicy(embedOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${["'self'", ...embedOrigins].join(' ')}`,
  ].join('; ')
}

const permissionsPolicy = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'clipboard-write=(self)',
].join(', ')

/** Headers every response carries: HTML, assets, API answers and errors alike. */
export function securityHeaders({
  embedOrigins,
  publicUrl,
}: SecurityOptions): MiddlewareHandler<AppEnv> {
  const csp = contentSecurityPolicy(embedOrigins)
  const overHttpsByConfig = publicUrl?.startsWith('https://') ?? false
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    headers.set('Content-Security-Policy', csp)
    headers.set('X-Content-Type-Options', 'nosniff')
    headers.set('Referrer-Policy', 'no-referrer')
    headers.set('Permissions-Policy', permissionsPolicy)
    headers.set('Cross-Origin-Opener-Policy', 'same-origin')
    // X-Frame-Options cannot name other origins: with embed origins, CSP's
    // frame-ancestors alone decides.
    if (embedOrigins.length === 0) headers.set('X-Frame-Options', 'SAMEORIGIN')
    else headers.delete('X-Frame-Options')
    if (overHttpsByConfig || new URL(c.req.url).protocol === 'https:') {
      headers.set(
        'Strict-Transport-Security',
        'max-age=31536000; includeSubDomains',
      )
    }
    headers.delete('Set-Cookie')
  }
}
