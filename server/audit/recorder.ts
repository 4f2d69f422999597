import type { Context, MiddlewareHandler } from 'hono'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'
import type { AllowedRoute } from '../proxy/allowlist'
import { findAllowedRoute } from '../proxy/allowlist'
import { API_BODY_LIMIT } from '../proxy/forward'
import type { UpstreamReadOptions } from '../triage/upstream-read'
import { readUpstream, UpstreamFailure } from '../triage/upstream-read'
import { actorOf } from './actor'
import { updateChanges } from './diff'
import type { AuditAction, AuditChanges } from './model'
import { AUDIT_ACTIONS } from './model'
import type { AuditCompletion, AuditStore, NewAuditRecord } from './store'

type Fields = Record<string, unknown>

export interface AuditRecorderOptions {
  store: AuditStore
  /** How the account is read before an update, as the proxy reads. */
  read: UpstreamReadOptions
  now: () => number
  /** Told when a record could not be written or completed. */
  onError: (event: string, error: unknown, c: Context<AppEnv>) => void
}

export interface AuditRecorder {
  /**
   * Wraps every `/api` request: completes the record of a forwarded call
   * with what the browser was answered, and records a call refused before
   * it was forwarded (403, 429, 400…) as failed.
   */
  middleware: MiddlewareHandler<AppEnv>
  /** The proxy's last step before the upstream: writes the pending record. */
  beforeUpstream: (
    c: Context<AppEnv>,
    route: AllowedRoute,
    body: Readonly<Fields>,
  ) => Promise<Response | undefined>
}

interface CallState {
  action: AuditAction
  receivedAt: number
  auditId?: string
}

const isObject = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

function actionOf(path: string): AuditAction | undefined {
  return AUDIT_ACTIONS.find((action) => action === path)
}

const accountIdOf = (body: Readonly<Fields> | null): string | null => {
  const id = body?.connected_account_id
  return typeof id === 'string' && id !== '' ? id : null
}

/** The `error.type` of a JSON error answer. */
async function errorTypeOf(res: Response): Promise<string | null> {
  if (!res.headers.get('content-type')?.includes('json')) return null
  try {
    const body: unknown = await res.clone().json()
    const type = isObject(body) && isObject(body.error) ? body.error.type : null
    return typeof type === 'string' ? type : null
  } catch {
    return null
  }
}

/** The request's JSON body, read at most API_BODY_LIMIT bytes far. */
async function bodyOf(c: Context<AppEnv>): Promise<Fields | null> {
  let text: string | null = null
  try {
    if (Object.keys(c.req.bodyCache).length > 0) {
      text = await c.req.text()
    } else if (c.req.raw.body && !c.req.raw.bodyUsed) {
      text = await readCapped(c.req.raw.body, API_BODY_LIMIT)
    }
    const body: unknown = text === null ? null : JSON.parse(text)
    return isObject(body) ? body : null
  } catch {
    return null
  }
}

async function readCapped(
  stream: ReadableStream<Uint8Array>,
  max: number,
): Promise<string | null> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function createAuditRecorder({
  store,
  read,
  now,
  onError,
}: AuditRecorderOptions): AuditRecorder {
  // Per request, shared by the middleware and the proxy hook.
  const calls = new WeakMap<Context<AppEnv>, CallState>()

  /** The account as it is before the update, to tell what the update changes. */
  async function changesOf(
    c: Context<AppEnv>,
    body: Readonly<Fields>,
  ): Promise<AuditChanges | null> {
    const id = accountIdOf(body)
    if (id === null) return null
    try {
      const answer = await readUpstream(
        read,
        'connected_accounts/get',
        { connected_account_id: id },
        c.get('requestId'),
      )
      const account = isObject(answer.body)
        ? answer.body.connected_account
        : null
      if (answer.status !== 200 || !isObject(account)) return null
      return updateChanges(account, body)
    } catch (error) {
      // The update goes on: its record says the change was not known.
      if (error instanceof UpstreamFailure) return null
      throw error
    }
  }

  function entryOf(
    c: Context<AppEnv>,
    state: CallState,
    body: Readonly<Fields> | null,
    changes: AuditChanges | null,
  ): NewAuditRecord {
    const actor = actorOf(c)
    return {
      receivedAt: state.receivedAt,
      actor: { id: actor.id, email: actor.email, name: actor.name },
      role: actor.role,
      via: actor.via,
      origin: actor.origin,
      action: state.action,
      connectedAccountId: accountIdOf(body),
      changes,
      requestId: c.get('requestId'),
    }
  }

  async function completionOf(res: Response): Promise<AuditCompletion> {
    const ok = res.status >= 200 && res.status < 300
    return {
      outcome: ok ? 'succeeded' : 'failed',
      status: res.status,
      errorType: ok ? null : await errorTypeOf(res),
      completedAt: now(),
    }
  }

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const route =
      c.req.method === 'POST'
        ? findAllowedRoute(new URL(c.req.url).pathname)
        : undefined
    const action = route && actionOf(route.path)
    if (!action) {
      await next()
      return
    }
    const state: CallState = { action, receivedAt: now() }
    calls.set(c, state)
    await next()

    const { auditId } = state
    try {
      if (auditId !== undefined) {
        store.complete(auditId, await completionOf(c.res))
        return
      }
      // Refused before it was forwarded. A 401 has no one to record it for.
      if (c.res.status < 400 || c.res.status === 401) return
      const completion = await completionOf(c.res)
      const body = await bodyOf(c)
      store.record(entryOf(c, state, body, null), completion)
    } catch (error) {
      // The browser still hears what the upstream answered; the log says
      // which record is left pending or missing.
      onError(
        auditId === undefined ? 'audit_record_failed' : 'audit_complete_failed',
        error,
        c,
      )
    }
  }

  async function beforeUpstream(
    c: Context<AppEnv>,
    route: AllowedRoute,
    body: Readonly<Fields>,
  ): Promise<Response | undefined> {
    const action = actionOf(route.path)
    if (!action) return undefined
    let state = calls.get(c)
    if (!state) {
      state = { action, receivedAt: now() }
      calls.set(c, state)
    }
    try {
      const changes =
        action === 'connected_accounts/update' ? await changesOf(c, body) : null
      state.auditId = store.begin(entryOf(c, state, body, changes))
      return undefined
    } catch (error) {
      onError('audit_record_failed', error, c)
      // No record, no change: the call is not forwarded.
      return apiError(
        c,
        503,
        'audit_unavailable',
        'The change was not made: the audit log could not record it.',
      )
    }
  }

  return { middleware, beforeUpstream }
}
