import { createHash, randomBytes } from 'node:crypto'

import type { Principal } from './principal'

export const MAX_USER_SESSIONS = 10_000
/** How often a full sweep of ended sessions may run. */
const PRUNE_INTERVAL_MS = 60_000

export interface UserSession {
  principal: Principal
  /** Milliseconds since the epoch. */
  createdAt: number
  lastSeenAt: number
}

export type UserSessionLookup =
  | { kind: 'active'; session: UserSession }
  | { kind: 'expired' }
  | { kind: 'unknown' }

export interface UserSessionStoreOptions {
  /** A session ends after this long without a request (sliding). */
  idleMs: number
  /** And this long after sign-in, however active. */
  maxMs: number
  now?: () => number
  maxSessions?: number
}

/** Only a hash of the id is kept: a heap dump holds no usable session. */
const keyOf = (id: string): string =>
  createHash('sha256').update(id).digest('base64url')

/**
 * The signed-in people of the dashboard, in memory: a restart signs everyone
 * out, and the cookie of an ended session names nothing.
 */
export class UserSessionStore {
  private readonly sessions = new Map<string, UserSession>()
  private readonly idleMs: number
  private readonly maxMs: number
  private readonly now: () => number
  private readonly maxSessions: number
  private lastPrune = -Infinity

  constructor({
    idleMs,
    maxMs,
    now = Date.now,
    maxSessions = MAX_USER_SESSIONS,
  }: UserSessionStoreOptions) {
    this.idleMs = idleMs
    this.maxMs = maxMs
    this.now = now
    this.maxSessions = maxSessions
  }

  get size(): number {
    return this.sessions.size
  }

  /** When a session started now ends at the latest (for the cookie's Max-Age). */
  get maxAgeMs(): number {
    return this.maxMs
  }

  /** Starts a session and returns its id: the only time the id exists here. */
  create(principal: Principal): string {
    this.prune()
    // Full even after pruning: the oldest session goes (Map keeps insertion order).
    while (this.sessions.size >= this.maxSessions) {
      const oldest = this.sessions.keys().next()
      if (oldest.done) break
      this.sessions.delete(oldest.value)
    }
    const id = randomBytes(32).toString('base64url')
    const now = this.now()
    this.sessions.set(keyOf(id), { principal, createdAt: now, lastSeenAt: now })
    return id
  }

  /** Looks a session up and, when it is still active, counts this as activity. */
  touch(id: string): UserSessionLookup {
    const key = keyOf(id)
    const session = this.sessions.get(key)
    if (!session) return { kind: 'unknown' }
    const now = this.now()
    if (this.hasEnded(session, now)) {
      this.sessions.delete(key)
      return { kind: 'expired' }
    }
    session.lastSeenAt = now
    return { kind: 'active', session }
  }

  /** Ends a session at once; true when it existed. */
  end(id: string): boolean {
    return this.sessions.delete(keyOf(id))
  }

  private hasEnded(session: UserSession, now: number): boolean {
    return (
      now - session.lastSeenAt >= this.idleMs ||
      now - session.createdAt >= this.maxMs
    )
  }

  private prune(): void {
    const now = this.now()
    if (
      now - this.lastPrune < PRUNE_INTERVAL_MS &&
      this.sessions.size < this.maxSessions
    ) {
      return
    }
    this.lastPrune = now
    for (const [key, session] of this.sessions) {
      if (this.hasEnded(session, now)) this.sessions.delete(key)
    }
  }
}
