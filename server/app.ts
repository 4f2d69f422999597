import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as wait } from 'node:timers/promises'

import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type MiddlewareHandler } from 'hono'

import { ACCOUNT_PAGE_FILE, createAccountPage } from './account-page'
import { apiError } from './api-error'
import type { AppEnv } from './app-env'
import { createAuditLog } from './audit/create-audit-log'
import type { AuditStore } from './audit/store'
import { openAuditStore } from './audit/store'
import { createAuth } from './auth/create-auth'
import { me } from './auth/me'
import { createDestructiveRateLimit } from './auth/rate-limit'
import { roleRefusal } from './auth/require-role'
import { resolvePrincipal } from './auth/resolve-principal'
import type { Config } from './config'
import { secretsOf } from './config'
import { createEmbedEnforcement } from './embed/enforce'
import { embedRoutes } from './embed/routes'
import { isEmptyScope } from './embed/scope'
import { sessionAuth } from './embed/session-auth'
import { SessionStore, TokenReplayGuard } from './embed/sessions'
import { CLOCK_SKEW_S } from './embed/token'
import type { LogSink } from './logging'
import { createRedactor, createSecretFinder, requestLog } from './logging'
import { accountIdOf, pageFileFor } from './page-files'
import { createApiProxy } from './proxy/forward'
import { defaultRetryPolicy } from './proxy/retry'
import type { Sandbox } from './sandbox/create-sandbox'
import { securityHeaders } from './security'
import type { TriageTuning } from './triage/create-triage'
import { createTriage } from './triage/create-triage'
import type { Upstream } from './upstream'
import { createUpstream } from './upstream'
import { createWorkspaceProbe } from './workspace-probe'

export interface AppOptions {
  config: Config
  /** The in-process upstream in sandbox mode. */
  sandbox?: Sandbox
  /** Replaces the upstream the config describes (tests use stubs that fail on purpose). */
  upstream?: Upstream
  /** Folder holding the built SPA (`index.html` plus Vite's `assets/`). */
  distDir: string
  log?: LogSink
  version?: string
  /** Tests shorten the proxy's waits. */
  proxy?: Partial<
    Pick<Parameters<typeof createApiProxy>[0], 'retry' | 'breaker' | 'sleep'>
  >
  /** Tests shorten the triage scan's pages and control its clock. */
  triage?: TriageTuning
  /** Tests control the clock of embed tokens and sessions. */
  embed?: { now?: () => number }
  /** Tests control the clock of sign-in sessions and the rate limit. */
  auth?: { now?: () => number }
  /**
   * The audit log's database (`main()` opens AUDIT_DB), in memory when left
   * out; tests also control its clock.
   */
  audit?: { store?: AuditStore; now?: () => number }
}

export interface DashboardStatus {
  ok: true
  mode: 'sandbox' | 'seam'
  /** Known without a scan only on the sandbox. */
  connected_account_count: number | null
}

function cacheControl(path: string, res: Response): string | undefined {
  // Dashboard data changes under the user's feet; never let a proxy keep it.
  if (
    path.startsWith('/api/') ||
    path.startsWith('/auth/') ||
    path === '/healthz' ||
    path === '/readyz'
  ) {
    return 'no-store'
  }
  if (!res.ok) return undefined
  // A response that chose its own policy (a page drawn with data) keeps it.
  if (res.headers.has('Cache-Control')) return undefined
  // Vite puts a content hash in every file name under /assets.
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable'
  // index.html names the current hashed bundles, so it must be revalidated.
  if (res.headers.get('Content-Type')?.startsWith('text/html'))
    return 'no-cache'
  return 'public, max-age=3600'
}

const hasFileExtension = (path: string) => /\.[^/]+$/.test(path)

/**
 * How long an account's page waits for the account before it goes out as an
 * outline, which the app then fills in by itself.
 */
const ACCOUNT_PAGE_WAIT_MS = 300

/** A timer fires a little late under load; reading too early misses the sync. */
const SYNC_SETTLE_MARGIN_MS = 100

export function createApp({
  config,
  sandbox,
  upstream = createUpstream(config, sandbox),
  distDir,
  log = (line) => {
    console.log(line)
  },
  version = '0.0.0',
  proxy = {},
  triage: triageTuning = {},
  embed = {},
  auth: authOptions = {},
  audit: auditOptions = {},
}: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const secrets = secretsOf(config)
  const redact = createRedactor(secrets)
  const containsSecret = createSecretFinder(secrets)
  const workspace = createWorkspaceProbe(upstream)
  const publicOrigin = config.publicUrl
    ? new URL(config.publicUrl).origin
    : null
  const triage = createTriage({
    upstream,
    timeoutMs: config.upstreamTimeoutMs,
    publicOrigin,
    redact,
    ...(sandbox ? { countAccounts: () => sandbox.accountCount() } : {}),
    // The sandbox says when a sync lands; on Seam it shows whenever the
    // provider answers, so the account is read at once and the rest is left
    // to the next scan.
    syncSettleMs:
      sandbox && sandbox.syncDelayMs > 0
        ? sandbox.syncDelayMs + SYNC_SETTLE_MARGIN_MS
        : 0,
    onScanFailure: (failure) => {
      log(
        redact(
          JSON.stringify({
            time: new Date().toISOString(),
            level: 'error',
            event: 'triage_scan_failed',
            error_type: failure.type,
            message: failure.message,
          }),
        ),
      )
    },
    tuning: triageTuning,
  })

  const now = embed.now ?? Date.now
  const sessions = new SessionStore({ now })
  const replay = new TokenReplayGuard({ now, skewMs: CLOCK_SKEW_S * 1_000 })
  const enforce = createEmbedEnforcement({
    upstream,
    timeoutMs: config.upstreamTimeoutMs,
    retry: proxy.retry ?? defaultRetryPolicy,
    sleep: proxy.sleep ?? ((ms) => wait(ms)),
    random: Math.random,
    redact,
  })
  const audit = createAuditLog({
    store: auditOptions.store ?? openAuditStore(':memory:'),
    read: {
      upstream,
      timeoutMs: config.upstreamTimeoutMs,
      retry: proxy.retry ?? defaultRetryPolicy,
      sleep: proxy.sleep ?? ((ms) => wait(ms)),
      random: Math.random,
      redact,
    },
    log,
    ...(auditOptions.now ? { now: auditOptions.now } : {}),
  })

  const authNow = authOptions.now ?? Date.now
  const auth = createAuth({
    auth: config.auth,
    publicOrigin,
    now: authNow,
    onFailure: (reason) => {
      log(
        redact(
          JSON.stringify({
            time: new Date().toISOString(),
            level: 'warn',
            event: 'sign_in_failed',
            message: reason,
          }),
        ),
      )
    },
  })
  const destructiveLimit = createDestructiveRateLimit({
    perMinute: config.rateLimit.destructivePerMinute,
    now: authNow,
  })

  app.use(requestLog(log, redact))
  app.use(
    securityHeaders({
      embedOrigins: config.embed.origins,
      publicUrl: config.publicUrl,
      ownCookies: auth.cookies,
    }),
  )
  app.use(async (c, next) => {
    await next()
    const policy = cacheControl(c.req.path, c.res)
    if (policy) c.res.headers.set('Cache-Control', policy)
  })

  // Around every check that may refuse a call, so refusals are recorded too.
  app.use('/api/*', audit.middleware)

  app.get('/healthz', (c) => c.json({ ok: true }))

  app.get('/readyz', async (c) => {
    const probe = await workspace.check()
    return c.json(
      {
        ok: probe.reachable,
        mode: upstream.mode,
        version,
        upstream: probe,
      },
      probe.reachable ? 200 : 503,
    )
  })

  // Signing in and out needs no principal.
  if (auth.routes) app.route('/auth', auth.routes)
  app.all('/auth/*', (c) => c.text('Not found', 404))

  // Before the session check: a frame whose session expired must still be
  // able to start a new one.
  app.route(
    '/api/embed',
    embedRoutes({ config, sessions, replay, publicOrigin, now }),
  )

  app.use('/api/*', sessionAuth(sessions))
  // Every request from here on acts for someone, or the API answers 401.
  app.use(resolvePrincipal(auth))

  app.get('/api/auth/me', me)

  app.get('/api/dashboard/status', (c) => {
    const scope = c.get('session')?.scope
    // The sandbox's count is the whole workspace's: a scope has none.
    const scoped = scope !== undefined && !isEmptyScope(scope)
    return c.json<DashboardStatus>({
      ok: true,
      mode: upstream.mode,
      connected_account_count:
        sandbox && !scoped ? sandbox.accountCount() : null,
    })
  })

  // Before the proxy: these are the dashboard's own routes, not Seam's.
  app.route('/api/dashboard/triage', triage.routes)
  app.route('/api/audit', audit.routes)

  app.route(
    '/api',
    createApiProxy({
      upstream,
      timeoutMs: config.upstreamTimeoutMs,
      publicOrigin,
      isSandboxWorkspace: () => workspace.isSandbox(),
      redact,
      containsSecret,
      onWrite: triage.onWrite,
      // The role first, then the per-person limit (counted before the call
      // goes out, whatever it answers), then the embedded session's scope.
      beforeForward: async (c, route, body) =>
        roleRefusal(c, route.path) ??
        destructiveLimit(c, route.path) ??
        enforce(c, route, body),
      beforeUpstream: audit.beforeUpstream,
      ...proxy,
    }),
  )

  // Client-side routes such as /accounts/<id> have no file on disk; the SPA
  // router resolves them, from the page's own HTML (its outline drawn in)
  // when the build has one. Paths that look like files are left to the
  // static files, and stay 404 when missing so that a missing bundle fails
  // loudly instead of returning HTML.
  const pages = new Map<string, MiddlewareHandler<AppEnv>>()
  const servePage = (file: string) => {
    let serve = pages.get(file)
    if (!serve) {
      serve = serveStatic<AppEnv>({ root: distDir, path: file })
      pages.set(file, serve)
    }
    return serve
  }
  const drawAccountPage = createAccountPage({
    distDir,
    timeoutMs: ACCOUNT_PAGE_WAIT_MS,
  })
  app.get('*', async (c, next) => {
    if (hasFileExtension(c.req.path)) return next()
    const page = pageFileFor(c.req.path)
    // An account's page is drawn with the account, for whoever may read it.
    const connectedAccountId =
      page === ACCOUNT_PAGE_FILE ? accountIdOf(c.req.path) : null
    if (connectedAccountId !== null && c.get('principal')) {
      const drawn = await drawAccountPage({
        page: c.req.raw,
        connectedAccountId,
        callApi: async (request) => app.fetch(request, c.env),
      }).catch((error: unknown) => {
        // The outline still serves: the app reads the account by itself.
        log(
          redact(
            JSON.stringify({
              time: new Date().toISOString(),
              level: 'error',
              event: 'account_page_not_drawn',
              request_id: c.get('requestId'),
              message: error instanceof Error ? error.message : String(error),
            }),
          ),
        )
        return null
      })
      // It holds the reader's data: no cache may keep it.
      if (drawn !== null) {
        return c.html(drawn, 200, { 'Cache-Control': 'private, no-store' })
      }
    }
    const file = existsSync(join(distDir, page)) ? page : 'index.html'
    return servePage(file)(c, next)
  })

  app.use(serveStatic({ root: distDir }))

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? apiError(c, 404, 'not_found', `No API route ${c.req.path}`)
      : c.text('Not found', 404),
  )

  app.onError((error, c) => {
    log(
      redact(
        JSON.stringify({
          time: new Date().toISOString(),
          level: 'error',
          request_id: c.get('requestId'),
          message: error.message,
        }),
      ),
    )
    if (c.req.path.startsWith('/api/')) {
      return apiError(
        c,
        500,
        'internal_server_error',
        'The dashboard server hit an unexpected error.',
      )
    }
    return c.text('Internal Server Error', 500)
  })

  return app
}
