import { serveStatic } from '@hono/node-server/serve-static'
import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import type { Config } from './config'
import type { Sandbox } from './sandbox/create-sandbox'

export interface AppOptions {
  config: Config
  sandbox: Sandbox
  /** Folder holding the built SPA (`index.html` plus Vite's `assets/`). */
  distDir: string
}

export interface DashboardStatus {
  ok: true
  mode: 'sandbox'
  connected_account_count: number
}

function apiError(
  c: Context,
  status: ContentfulStatusCode,
  type: string,
  message: string,
) {
  return c.json({ error: { type, message }, ok: false }, status)
}

function cacheControl(path: string, res: Response): string | undefined {
  // Dashboard data changes under the user's feet; never let a proxy keep it.
  if (path.startsWith('/api/')) return 'no-store'
  if (!res.ok) return undefined
  // Vite puts a content hash in every file name under /assets.
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable'
  // index.html names the current hashed bundles, so it must be revalidated.
  if (res.headers.get('Content-Type')?.startsWith('text/html'))
    return 'no-cache'
  return 'public, max-age=3600'
}

const hasFileExtension = (path: string) => /\.[^/]+$/.test(path)

export function createApp({ sandbox, distDir }: AppOptions): Hono {
  const app = new Hono()

  app.use(async (c, next) => {
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
    const policy = cacheControl(c.req.path, c.res)
    if (policy) c.header('Cache-Control', policy)
  })

  app.get('/api/dashboard/status', (c) =>
    c.json<DashboardStatus>({
      ok: true,
      mode: 'sandbox',
      connected_account_count: sandbox.accountCount(),
    }),
  )

  app.all('/api/*', (c) =>
    apiError(
      c,
      404,
      'not_found',
      `No API route for ${c.req.method} ${c.req.path}`,
    ),
  )

  app.use(serveStatic({ root: distDir }))

  // Client-side routes such as /connected-accounts/ca_123 have no file on
  // disk; the SPA router resolves them. Paths that look like files stay 404
  // so a missing bundle fails loudly instead of returning HTML.
  const spaIndex = serveStatic({ root: distDir, path: 'index.html' })
  app.get('*', (c, next) =>
    hasFileExtension(c.req.path) ? next() : spaIndex(c, next),
  )

  app.onError((error, c) => {
    console.error(error)
    if (c.req.path.startsWith('/api/')) {
      return apiError(
        c,
        500,
        'internal_server_error',
        'The dashboard server hit an unexpected error',
      )
    }
    return c.text('Internal Server Error', 500)
  })

  return app
}
