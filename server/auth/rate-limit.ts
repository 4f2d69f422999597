import type { Context } from 'hono'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'

/** The API paths that destroy or break an account, limited per person. */
export const DESTRUCTIVE_PATHS: ReadonlySet<string> = new Set([
  'connected_accounts/delete',
  'connected_accounts/simulate/disconnect',
])

const WINDOW_MS = 60_000
/** People tracked at most; the one idle longest is forgotten first. */
const MAX_TRACKED = 10_000

export interface SlidingWindowLimiterOptions {
  /** Attempts allowed in any 60 s. */
  limit: number
  now?: () => number
  maxTracked?: number
}

/**
 * Counts attempts per key over a sliding 60-second window: an attempt is
 * allowed while fewer than `limit` were made in the 60 s before it.
 */
export class SlidingWindowLimiter {
  private readonly attempts = new Map<string, number[]>()
  private readonly limit: number
  private readonly now: () => number
  private readonly maxTracked: number

  constructor({
    limit,
    now = Date.now,
    maxTracked = MAX_TRACKED,
  }: SlidingWindowLimiterOptions) {
    this.limit = limit
    this.now = now
    this.maxTracked = maxTracked
  }

  /** Records an attempt, or says in how many ms the next one is allowed. */
  attempt(
    key: string,
  ): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const now = this.now()
    const recent = (this.attempts.get(key) ?? []).filter(
      (at) => now - at < WINDOW_MS,
    )
    // Re-inserted on every attempt, so Map order is least recently active first.
    this.attempts.delete(key)
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent)
      const oldest = recent[recent.length - this.limit] ?? now
      return { allowed: false, retryAfterMs: oldest + WINDOW_MS - now }
    }
    recent.push(now)
    this.attempts.set(key, recent)
    while (this.attempts.size > this.maxTracked) {
      const first = this.attempts.keys().next()
      if (first.done) break
      this.attempts.delete(first.value)
    }
    return { allowed: true }
  }
}

/**
 * The 429 for a destructive call beyond the per-person limit, or null when
 * it may go on (and then counts, whatever the upstream answers).
 */
export function createDestructiveRateLimit({
  perMinute,
  now,
}: {
  perMinute: number
  now?: () => number
}): (c: Context<AppEnv>, path: string) => Response | null {
  const limiter = new SlidingWindowLimiter({
    limit: perMinute,
    ...(now ? { now } : {}),
  })
  return (c, path) => {
    if (!DESTRUCTIVE_PATHS.has(path)) return null
    const principal = c.get('principal')
    const key = principal?.id ?? 'unknown'
    const result = limiter.attempt(key)
    if (result.allowed) return null
    const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1_000))
    return apiError(
      c,
      429,
      'rate_limited',
      `Deleting accounts and simulating disconnections is limited to ${perMinute} a minute per person: try again in ${seconds} s.`,
      { 'retry-after': String(seconds) },
    )
  }
}
