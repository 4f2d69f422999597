export interface CircuitBreakerOptions {
  /** Consecutive upstream failures that open the circuit. */
  failureThreshold?: number
  /** How long an open circuit fails fast before one trial request goes through. */
  cooldownMs?: number
  now?: () => number
}

/** What a call that arrives while the half-open trial is out is told to wait. */
const TRIAL_RETRY_AFTER_MS = 1_000

export type BreakerDecision =
  { allowed: true } | { allowed: false; retryAfterMs: number }

/**
 * After repeated upstream failures, answer at once for a short cool-down
 * instead of piling requests onto an upstream that is down. After the
 * cool-down one trial request goes through; its success closes the circuit.
 */
export class CircuitBreaker {
  private failures = 0
  private openUntil = 0
  private trialInFlight = false
  private readonly failureThreshold: number
  private readonly cooldownMs: number
  private readonly now: () => number

  constructor({
    failureThreshold = 5,
    cooldownMs = 5_000,
    now = Date.now,
  }: CircuitBreakerOptions = {}) {
    this.failureThreshold = failureThreshold
    this.cooldownMs = cooldownMs
    this.now = now
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.failureThreshold) return 'closed'
    return this.now() < this.openUntil ? 'open' : 'half-open'
  }

  /**
   * What `request()` would decide, without taking the half-open trial: lets a
   * call be refused before any work is done for it.
   */
  peek(): BreakerDecision {
    const state = this.state
    if (state === 'open') {
      return { allowed: false, retryAfterMs: this.openUntil - this.now() }
    }
    if (state === 'half-open' && this.trialInFlight) {
      return { allowed: false, retryAfterMs: TRIAL_RETRY_AFTER_MS }
    }
    return { allowed: true }
  }

  /** `peek()`, and a call let through while half-open becomes the trial. */
  request(): BreakerDecision {
    const decision = this.peek()
    if (decision.allowed && this.state === 'half-open')
      this.trialInFlight = true
    return decision
  }

  recordSuccess(): void {
    this.failures = 0
    this.trialInFlight = false
  }

  recordFailure(): void {
    this.trialInFlight = false
    this.failures += 1
    if (this.failures >= this.failureThreshold) {
      this.openUntil = this.now() + this.cooldownMs
    }
  }
}
