import { randomUUID } from 'node:crypto'

import type { MiddlewareHandler } from 'hono'

import type { AppEnv } from './app-env'

export type LogSink = (line: string) => void

/** Replaces every configured secret in a line before it is written anywhere. */
export function createRedactor(
  secrets: readonly string[],
): (text: string) => string {
  const needles = secrets
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length)
  return (text) =>
    needles.reduce(
      (out, secret) =>
        out.includes(secret) ? out.split(secret).join('[redacted]') : out,
      text,
    )
}

/**
 * Whether bytes hold any of the secrets: a check of the raw bytes, cheaper
 * than decoding them for the redactor, which then runs only when it must.
 */
export function createSecretFinder(
  secrets: readonly string[],
): (bytes: Buffer) => boolean {
  const needles = secrets
    .filter((s) => s.length > 0)
    .map((secret) => Buffer.from(secret, 'utf8'))
  return (bytes) => needles.some((needle) => bytes.includes(needle))
}

/** Where a request went, without ids or query strings, so log lines group well. */
function routeOf(path: string): string {
  if (path.startsWith('/api/')) return path
  if (path.startsWith('/assets/')) return '/assets/*'
  return path === '/healthz' || path === '/readyz' ? path : 'spa'
}

/**
 * One JSON line per request: method, route, status, duration and request id.
 * Never bodies, query strings, headers or secrets.
 */
export function requestLog(
  sink: LogSink,
  redact: (text: string) => string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    const requestId = randomUUID()
    c.set('requestId', requestId)
    c.set('upstreamAttempts', 0)
    await next()
    c.res.headers.set('X-Request-Id', requestId)
    const attempts = c.get('upstreamAttempts')
    // Who acted, never with what: the session token stays out of logs.
    const session = c.get('session')
    sink(
      redact(
        JSON.stringify({
          time: new Date().toISOString(),
          level: c.res.status >= 500 ? 'error' : 'info',
          request_id: requestId,
          method: c.req.method,
          route: routeOf(c.req.path),
          status: c.res.status,
          duration_ms: Math.round((performance.now() - started) * 10) / 10,
          ...(attempts > 0 ? { upstream_attempts: attempts } : {}),
          ...(session
            ? { session_role: session.role, session_subject: session.subject }
            : {}),
        }),
      ),
    )
  }
}
