import type { Hono, MiddlewareHandler } from 'hono'

import type { AppEnv } from '../app-env'
import type { LogSink } from '../logging'
import type { UpstreamReadOptions } from '../triage/upstream-read'
import type { AuditRecorder } from './recorder'
import { createAuditRecorder } from './recorder'
import { auditRoutes } from './routes'
import type { AuditStore } from './store'

export interface AuditLogOptions {
  store: AuditStore
  /** The upstream as the proxy reads it: accounts are read before an update. */
  read: UpstreamReadOptions
  log: LogSink
  now?: () => number
}

export interface AuditLog {
  store: AuditStore
  /** `app.use('/api/*', …)`, before any middleware that may refuse a call. */
  middleware: MiddlewareHandler<AppEnv>
  /** The proxy's `beforeUpstream` hook. */
  beforeUpstream: AuditRecorder['beforeUpstream']
  /** Mounted at `/api/audit`. */
  routes: Hono<AppEnv>
}

/** The audit log: what records every state-changing call, and the API that reads it. */
export function createAuditLog({
  store,
  read,
  log,
  now = Date.now,
}: AuditLogOptions): AuditLog {
  const recorder = createAuditRecorder({
    store,
    read,
    now,
    onError: (event, error, c) => {
      log(
        read.redact(
          JSON.stringify({
            time: new Date().toISOString(),
            level: 'error',
            event,
            request_id: c.get('requestId'),
            message: error instanceof Error ? error.message : String(error),
          }),
        ),
      )
    },
  })
  return {
    store,
    middleware: recorder.middleware,
    beforeUpstream: recorder.beforeUpstream,
    routes: auditRoutes({ store, read, now }),
  }
}
