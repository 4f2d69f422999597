import type { Context } from 'hono'
import { Hono } from 'hono'
import { compress } from 'hono/compress'

import type { AppEnv } from '../app-env'
import { requireRole } from '../auth/require-role'
import { requestGuard } from '../proxy/request-guard'
import type { TriageView, WorkspaceTriage } from './workspace-triage'

const encoder = new TextEncoder()

/**
 * The state as JSON. The data's bytes, serialized once per change, are
 * streamed as they are rather than copied, so a read of a 100,000-account
 * workspace costs the server no more than the head.
 */
function toJson({ state, snapshot }: TriageView): ReadableStream<Uint8Array> {
  const head = JSON.stringify(state).slice(0, -1)
  const parts = snapshot
    ? [
        encoder.encode(`${head},"data":`),
        snapshot.toJson(),
        encoder.encode('}'),
      ]
    : [encoder.encode(`${head},"data":null}`)]
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part)
      controller.close()
    },
  })
}

export interface TriageRoutesOptions {
  /** The triage state a request sees: its session's scope, or the whole workspace. */
  triage: (c: Context<AppEnv>) => WorkspaceTriage
  publicOrigin: string | null
}

/**
 * `/api/dashboard/triage`: the state with its data (GET), and a manual
 * refresh (POST /refresh) that answers with the state alone.
 */
export function triageRoutes({
  triage,
  publicOrigin,
}: TriageRoutesOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const json = { 'content-type': 'application/json; charset=UTF-8' }

  // At 100,000 accounts the body is about 15 MB of repetitive JSON, and
  // about 2 MB gzipped.
  app.get('/', requireRole('dashboard/triage'), compress(), async (c) =>
    c.body(toJson(await triage(c).read()), 200, json),
  )

  // The data is left out: the page already holds it, and at 100,000
  // accounts it is megabytes.
  app.post(
    '/refresh',
    requireRole('dashboard/triage/refresh'),
    requestGuard({ publicOrigin }),
    (c) => c.json(triage(c).refresh().state, 202),
  )

  return app
}
