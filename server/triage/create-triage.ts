import { setTimeout as wait } from 'node:timers/promises'

import type { Hono } from 'hono'

import type { AppEnv } from '../app-env'
import { isEmptyScope, listFiltersOf } from '../embed/scope'
import type { ProxyOptions } from '../proxy/forward'
import { defaultRetryPolicy } from '../proxy/retry'
import type { Upstream } from '../upstream'
import type { TriageFailure } from './model'
import { triageRoutes } from './routes'
import { TriageCache } from './triage-cache'
import type { WorkspaceTriageOptions } from './workspace-triage'
import { WorkspaceTriage } from './workspace-triage'
import { writeEffectOf } from './write-effects'

/** What tests and benchmarks may change: page size, timing and the clock. */
export type TriageTuning = Partial<
  Pick<
    WorkspaceTriageOptions,
    'pageSize' | 'freshMs' | 'syncSettleMs' | 'now' | 'sleep' | 'retry'
  >
>

export interface TriageSetup {
  upstream: Upstream
  timeoutMs: number
  publicOrigin: string | null
  redact: (text: string) => string
  /** The upstream's account count when it can tell without a scan (the sandbox). */
  countAccounts?: () => number
  /** How long after an accepted sync its effect shows upstream. */
  syncSettleMs: number
  onScanFailure: (failure: TriageFailure) => void
  tuning?: TriageTuning
}

/** Upstream pages are read server-side only, so they can be large. */
export const TRIAGE_PAGE_SIZE = 1_000
/** Long enough that a page polling or several people looking share one scan. */
export const TRIAGE_FRESH_MS = 30_000

export function createTriage({
  upstream,
  timeoutMs,
  publicOrigin,
  redact,
  countAccounts,
  syncSettleMs,
  onScanFailure,
  tuning = {},
}: TriageSetup): {
  routes: Hono<AppEnv>
  onWrite: NonNullable<ProxyOptions['onWrite']>
} {
  const cache = new TriageCache(
    (target, scope) =>
      new WorkspaceTriage({
        upstream: target,
        timeoutMs,
        redact,
        retry: defaultRetryPolicy,
        sleep: (ms) => wait(ms),
        random: Math.random,
        pageSize: TRIAGE_PAGE_SIZE,
        freshMs: TRIAGE_FRESH_MS,
        syncSettleMs,
        now: Date.now,
        onScanFailure,
        // The upstream's count is the whole workspace's: a scope has none.
        ...(countAccounts && isEmptyScope(scope) ? { countAccounts } : {}),
        filters: listFiltersOf(scope),
        ...tuning,
      }),
  )
  return {
    routes: triageRoutes({
      triage: (c) => cache.for(upstream, c.get('session')?.scope ?? {}),
      publicOrigin,
    }),
    onWrite: (route, body, status, c) => {
      const effect = writeEffectOf(route.path, body, status)
      if (!effect) return
      // The account may be in any scope. It is known to be in the writer's
      // own: a scoped session writes only to accounts inside its scope.
      const writer = cache.peek(upstream, c.get('session')?.scope ?? {})
      for (const triage of cache.all()) {
        triage.noteWrite(effect, { inScope: triage === writer })
      }
    },
  }
}
