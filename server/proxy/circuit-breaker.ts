export interface CircuitBreakerOptions {
  /** Consecutive upstream failures that open the circuit. */
  failureThreshold?: number
  /** How long an open circuit fails fast before one trial request goes through. */
  cooldownMs?: number
  now?: () => number
}

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

  request(): BreakerDecision {
    const state = this.state
    if (state === 'closed') return { allowed: true }
    if (state === 'open') {
      return { allowed: false, retryAfterMs: this.openUntil - this.now() }
    }
    if (this.trialInFlight) return { allowed: false, retryAfterMs: 1_000 }
    this.trialInFlight = true
    return { allowed: true }
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
