import { createHash, randomBytes } from 'node:crypto'

import type { EmbedScope, Role } from './model'

/** Session tokens start with this, so a bearer value says what it is. */
export const SESSION_TOKEN_PREFIX = 'sacs_'
export const MAX_SESSIONS = 10_000
/** An expired session is still known this long, so a late request hears "expired". */
export const EXPIRED_SESSION_RETENTION_MS = 60 * 60_000
/** Embed token ids kept against replay; exchanges beyond it wait for old ones to expire. */
export const MAX_REMEMBERED_TOKEN_IDS = 100_000

/** Who an embedded frame acts as, and what it may see. */
export interface EmbedSession {
  role: Role
  scope: EmbedScope
  /** Who the portal says is using the frame. */
  subject: string | null
  /** The portal origin bound to the token, if it named one. */
  origin: string | null
  /** Milliseconds since the epoch. */
  expiresAt: number
}

export type SessionLookup = EmbedSession | 'expired' | undefined

export interface SessionStoreOptions {
  now?: () => number
  maxSessions?: number
  expiredRetentionMs?: number
}

/** Only a hash is kept: a heap dump or a log of the keys holds no usable token. */
const keyOf = (token: string): string =>
  createHash('sha256').update(token).digest('base64url')

/**
 * Embedded sessions, in memory: a restart signs every frame out, and the
 * frame asks its portal for a new embed token.
 */
export class SessionStore {
  private readonly sessions = new Map<string, EmbedSession>()
  private readonly now: () => number
  private readonly maxSessions: number
  private readonly expiredRetentionMs: number
  private lastPrune = -Infinity

  constructor({
    now = Date.now,
    maxSessions = MAX_SESSIONS,
    expiredRetentionMs = EXPIRED_SESSION_RETENTION_MS,
  }: SessionStoreOptions = {}) {
    this.now = now
    this.maxSessions = maxSessions
    this.expiredRetentionMs = expiredRetentionMs
  }

  get size(): number {
    return this.sessions.size
  }

  /** Starts a session and returns its token: the only time the token exists here. */
  create(session: EmbedSession): string {
    this.prune()
    // Full even after pruning: the oldest session goes. Map order is
    // insertion order, so the first key is the oldest.
    while (this.sessions.size >= this.maxSessions) {
      const oldest = this.sessions.keys().next()
      if (oldest.done) break
      this.sessions.delete(oldest.value)
    }
    const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
    this.sessions.set(keyOf(token), session)
    return token
  }

  lookup(token: string): SessionLookup {
    const key = keyOf(token)
    const session = this.sessions.get(key)
    if (!session) return undefined
    const now = this.now()
    if (now < session.expiresAt) return session
    if (now >= session.expiresAt + this.expiredRetentionMs) {
      this.sessions.delete(key)
      return undefined
    }
    return 'expired'
  }

  /** Ends a session at once; true when it existed. */
  end(token: string): boolean {
    return this.sessions.delete(keyOf(token))
  }

  /** Forgets sessions expired longer than the retention; sweeps at most once a minute unless full. */
  prune(): void {
    const now = this.now()
    if (
      now - this.lastPrune < 60_000 &&
      this.sessions.size < this.maxSessions
    ) {
      return
    }
    this.lastPrune = now
    for (const [key, session] of this.sessions) {
      if (now >= session.expiresAt + this.expiredRetentionMs) {
        this.sessions.delete(key)
      }
    }
  }
}

export interface ReplayGuardOptions {
  now?: () => number
  /** How long past its expiry a token id is kept: the clock skew tokens are allowed. */
  skewMs?: number
  max?: number
}

/**
 * Remembers the ids of exchanged embed tokens until the tokens could no
 * longer be accepted, so each is exchanged at most once.
 */
export class TokenReplayGuard {
  private readonly seen = new Map<string, number>()
  private readonly now: () => number
  private readonly skewMs: number
  private readonly max: number

  constructor({
    now = Date.now,
    skewMs = 0,
    max = MAX_REMEMBERED_TOKEN_IDS,
  }: ReplayGuardOptions = {}) {
    this.now = now
    this.skewMs = skewMs
    this.max = max
  }

  get size(): number {
    return this.seen.size
  }

  /**
   * Records a token id. `replayed` when it was used before; `full` when too
   * many unexpired ids are held to remember another (forgetting one would
   * let its token be used twice).
   */
  use(jti: string, expiresAtMs: number): 'ok' | 'replayed' | 'full' {
    const now = this.now()
    const until = this.seen.get(jti)
    if (until !== undefined && now < until) return 'replayed'
    if (this.seen.size >= this.max) {
      for (const [id, at] of this.seen) {
        if (now >= at) this.seen.delete(id)
      }
      if (this.seen.size >= this.max) return 'full'
    }
    this.seen.set(jti, expiresAtMs + this.skewMs)
    return 'ok'
  }
}
