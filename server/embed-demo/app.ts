import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { Hono } from 'hono'

import { mintEmbedToken } from '../embed/token'
import { parseTokenRequest } from './token-request'

export interface EmbedDemoOptions {
  /** The dashboard the portal frames, such as `http://127.0.0.1:8080`. */
  dashboardOrigin: string
  /** The portal's own origin, bound into every token it mints. */
  ownOrigin: string
  /** EMBED_SECRET: with it the portal mints signed embed tokens. */
  secret: string | null
  /** Milliseconds since the epoch; tests pin it. */
  now?: () => number
}

/** `GET /config.json`: what the portal page needs before it frames anything. */
export interface EmbedDemoConfig {
  dashboard_origin: string
  token_mode: 'signed' | 'none'
}

/** Tokens are exchanged the moment the frame loads; two minutes is plenty. */
export const DEMO_TOKEN_TTL_S = 120

const publicDir = new URL('./public/', import.meta.url)

/** The page's files, by path. Nothing else in public/ is served. */
const PAGE_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/portal.js': { file: 'portal.js', type: 'text/javascript; charset=utf-8' },
  '/embed-url.js': {
    file: 'embed-url.js',
    type: 'text/javascript; charset=utf-8',
  },
  '/portal.css': { file: 'portal.css', type: 'text/css; charset=utf-8' },
  '/acme-logo.svg': { file: 'acme-logo.svg', type: 'image/svg+xml' },
}

export function embedDemoPolicy(dashboardOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `frame-src ${dashboardOrigin}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/**
 * The demo portal: a page that frames the dashboard the way a customer's
 * portal would, and `/token`, which stands in for the portal's backend.
 */
export function createEmbedDemo({
  dashboardOrigin,
  ownOrigin,
  secret,
  now = Date.now,
}: EmbedDemoOptions): Hono {
  const app = new Hono()
  const policy = embedDemoPolicy(dashboardOrigin)
  const files = new Map(
    Object.entries(PAGE_FILES).map(([path, { file, type }]) => [
      path,
      { body: readFileSync(fileURLToPath(new URL(file, publicDir))), type },
    ]),
  )

  app.use(async (c, next) => {
    await next()
    c.res.headers.set('Content-Security-Policy', policy)
    c.res.headers.set('X-Content-Type-Options', 'nosniff')
    c.res.headers.set('Referrer-Policy', 'no-referrer')
    c.res.headers.set('X-Frame-Options', 'DENY')
  })

  app.get('/config.json', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json<EmbedDemoConfig>({
      dashboard_origin: dashboardOrigin,
      token_mode: secret === null ? 'none' : 'signed',
    })
  })

  // A real portal's backend first checks who is signed in, then decides the
  // role and scope itself; this demo lets the page pick them.
  app.get('/token', (c) => {
    c.header('Cache-Control', 'no-store')
    if (secret === null) {
      return c.json(
        {
          error:
            'Signed embed tokens are off: the dashboard has no EMBED_SECRET, so the frame takes its scope from its address.',
        },
        404,
      )
    }
    const parsed = parseTokenRequest(new URL(c.req.url).searchParams)
    if (!parsed.ok) {
      return c.json({ error: parsed.message, param: parsed.param }, 400)
    }
    const { role, scope, subject } = parsed.request
    const token = mintEmbedToken({
      secret,
      role,
      scope,
      ttlSeconds: DEMO_TOKEN_TTL_S,
      origin: ownOrigin,
      now: now(),
      ...(subject === undefined ? {} : { subject }),
    })
    return c.json({ token })
  })

  app.get('*', (c, next) => {
    const page = files.get(c.req.path)
    if (!page) return next()
    return c.body(page.body, 200, {
      'Content-Type': page.type,
      'Cache-Control': 'no-cache',
    })
  })

  app.notFound((c) => c.json({ error: `No page at ${c.req.path}` }, 404))

  return app
}
