import type { MiddlewareHandler } from 'hono'

import type { AppEnv } from './app-env'
import { BOOT_SCRIPT_SOURCE } from './page-boot'

export interface SecurityOptions {
  /** The only origins that may frame the dashboard; empty means none may. */
  embedOrigins: readonly string[]
  /** Public URL when behind a TLS-terminating proxy; https turns on HSTS. */
  publicUrl: string | null
  /** The only cookies a response may set: the sign-in's own. */
  ownCookies?: readonly string[]
}

export function contentSecurityPolicy(embedOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    // The pages' one inline script, by its hash; nothing else inline runs.
    `script-src 'self' ${BOOT_SCRIPT_SOURCE}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // The dashboard never frames itself: only a portal listed in
    // EMBED_ORIGINS may, and with none listed no page may.
    `frame-ancestors ${embedOrigins.length > 0 ? embedOrigins.join(' ') : "'none'"}`,
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
  ownCookies = [],
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
    // frame-ancestors alone decides; without, older browsers refuse too.
    if (embedOrigins.length === 0) headers.set('X-Frame-Options', 'DENY')
    else headers.delete('X-Frame-Options')
    if (overHttpsByConfig || new URL(c.req.url).protocol === 'https:') {
      headers.set(
        'Strict-Transport-Security',
        'max-age=31536000; includeSubDomains',
      )
    }
    const cookies = headers.getSetCookie()
    headers.delete('Set-Cookie')
    for (const cookie of cookies) {
      const name = cookie.slice(0, cookie.indexOf('=')).trim()
      if (ownCookies.includes(name)) headers.append('Set-Cookie', cookie)
    }
  }
}
