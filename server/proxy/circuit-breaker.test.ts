import { describe, expect, it } from 'vitest'

import { CircuitBreaker } from './circuit-breaker'

function openBreaker() {
  let now = 0
  const breaker = new CircuitBreaker({
    failureThreshold: 2,
    cooldownMs: 1_000,
    now: () => now,
  })
  breaker.recordFailure()
  breaker.recordFailure()
  return {
    breaker,
    advance: (ms: number) => {
      now += ms
    },
  }
}

describe('CircuitBreaker.peek', () => {
  it('refuses while open, with the time left, like request()', () => {
    const { breaker, advance } = openBreaker()
    advance(400)
    expect(breaker.peek()).toEqual({ allowed: false, retryAfterMs: 600 })
    expect(breaker.request()).toEqual({ allowed: false, retryAfterMs: 600 })
  })

  it('never takes the half-open trial, so the call it lets on still can', () => {
    const { breaker, advance } = openBreaker()
    advance(1_000)
    expect(breaker.state).toBe('half-open')
    expect(breaker.peek()).toEqual({ allowed: true })
    expect(breaker.peek()).toEqual({ allowed: true })
    expect(breaker.request()).toEqual({ allowed: true })
    // The trial is out: everyone else waits for it.
    expect(breaker.peek()).toEqual({ allowed: false, retryAfterMs: 1_000 })
    expect(breaker.request()).toEqual({ allowed: false, retryAfterMs: 1_000 })
    breaker.recordSuccess()
    expect(breaker.state).toBe('closed')
    expect(breaker.peek()).toEqual({ allowed: true })
  })

  it('opens again for a full cool-down when the trial fails', () => {
    const { breaker, advance } = openBreaker()
    advance(1_000)
    expect(breaker.request()).toEqual({ allowed: true })
    breaker.recordFailure()
    expect(breaker.state).toBe('open')
    expect(breaker.peek()).toEqual({ allowed: false, retryAfterMs: 1_000 })
  })
})
