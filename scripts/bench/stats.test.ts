import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { median, percentile, sample, summarize } from './stats'

/** 1..n in a scrambled order, so nothing relies on sorted input. */
const scrambled = (n: number): number[] =>
  Array.from({ length: n }, (_, i) => ((i * 37) % n) + 1)

describe('percentile', () => {
  it('is the nearest-rank sample', () => {
    const values = scrambled(100)
    expect(percentile(values, 50)).toBe(50)
    expect(percentile(values, 95)).toBe(95)
    expect(percentile(values, 99)).toBe(99)
    expect(percentile(values, 100)).toBe(100)
    expect(percentile(values, 0.5)).toBe(1)
  })

  it('rounds the rank up on small sets', () => {
    // 95% of 20 samples is 19: the 19th smallest.
    expect(percentile(scrambled(20), 95)).toBe(19)
    // 95% of 10 samples is 9.5: the 10th smallest, the maximum.
    expect(percentile(scrambled(10), 95)).toBe(10)
    expect(percentile([7], 99)).toBe(7)
  })

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2]
    percentile(values, 50)
    expect(values).toEqual([3, 1, 2])
  })

  it('refuses empty sets, non-finite samples and percentiles out of range', () => {
    expect(() => percentile([], 50)).toThrow('No samples')
    expect(() => percentile([1, Number.NaN], 50)).toThrow('finite')
    expect(() => percentile([1], 0)).toThrow('above 0 and at most 100')
    expect(() => percentile([1], 101)).toThrow('above 0 and at most 100')
  })

  it('is a sample, at least as large as p percent of them, and grows with p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (values, p, q) => {
          const value = percentile(values, p)
          expect(values).toContain(value)
          const atOrBelow = values.filter((v) => v <= value).length
          expect(atOrBelow / values.length).toBeGreaterThanOrEqual(p / 100)
          const [low, high] = p <= q ? [p, q] : [q, p]
          expect(percentile(values, low)).toBeLessThanOrEqual(
            percentile(values, high),
          )
        },
      ),
    )
  })
})

describe('median', () => {
  it('is the middle sample of an odd count', () => {
    expect(median([5, 1, 9, 3, 7])).toBe(5)
  })

  it('is the mean of the two middle samples of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })
})

describe('summarize', () => {
  it('reports count, extremes and percentiles', () => {
    expect(summarize(scrambled(200))).toEqual({
      n: 200,
      min: 1,
      p50: 100,
      p95: 190,
      p99: 198,
      max: 200,
    })
  })
})

describe('sample', () => {
  it('runs the warm-up calls untimed, then at least `min` timed calls', async () => {
    const calls: number[] = []
    const timings = await sample(
      (i) => {
        calls.push(i)
        return Promise.resolve()
      },
      { warmup: 2, min: 5, max: 5, budgetMs: 10_000 },
    )
    expect(timings).toHaveLength(5)
    expect(calls).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('stops at `min` once the time budget is spent', async () => {
    const timings = await sample(
      () => new Promise((resolve) => setTimeout(resolve, 5)),
      { warmup: 0, min: 3, max: 1_000, budgetMs: 0 },
    )
    expect(timings).toHaveLength(3)
    for (const timing of timings) expect(timing).toBeGreaterThanOrEqual(4)
  })
})
