import { setTimeout as wait } from 'node:timers/promises'

import type { Hono } from 'hono'

import type { AppEnv } from '../app-env'
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
    (target) =>
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
        ...(countAccounts ? { countAccounts } : {}),
        ...tuning,
      }),
  )
  return {
    routes: triageRoutes({ triage: () => cache.for(upstream), publicOrigin }),
    onWrite: (route, body, status) => {
      const effect = writeEffectOf(route.path, body, status)
      if (effect) cache.for(upstream).noteWrite(effect)
    },
  }
}
