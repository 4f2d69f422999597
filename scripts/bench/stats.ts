/** Summary statistics of timing samples. */

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('No samples to summarise')
  if (values.some((value) => !Number.isFinite(value))) {
    throw new Error('Samples must be finite numbers')
  }
  return [...values].sort((a, b) => a - b)
}

/**
 * The nearest-rank percentile: the smallest sample such that at least `p`
 * percent of the samples are at or below it. Always one of the samples, so a
 * p99 of 100 samples is the second-largest, never an interpolated figure.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) {
    throw new Error(`Percentile must be above 0 and at most 100 (got ${p})`)
  }
  const ordered = sorted(values)
  const rank = Math.ceil((p / 100) * ordered.length)
  return ordered[rank - 1] as number
}

/** The middle sample, or the mean of the two middle ones. */
export function median(values: readonly number[]): number {
  const ordered = sorted(values)
  const middle = ordered.length / 2
  return Number.isInteger(middle)
    ? ((ordered[middle - 1] as number) + (ordered[middle] as number)) / 2
    : (ordered[Math.floor(middle)] as number)
}

export interface Summary {
  n: number
  min: number
  p50: number
  p95: number
  p99: number
  max: number
}

export function summarize(values: readonly number[]): Summary {
  const ordered = sorted(values)
  return {
    n: ordered.length,
    min: ordered[0] as number,
    p50: percentile(ordered, 50),
    p95: percentile(ordered, 95),
    p99: percentile(ordered, 99),
    max: ordered[ordered.length - 1] as number,
  }
}

export interface SampleOptions {
  /** Calls made first and not counted (connections, caches, JIT). */
  warmup: number
  /** At least this many timed calls... */
  min: number
  /** ...and at most this many, */
  max: number
  /** ...stopping once this much time has been spent past `min`. */
  budgetMs: number
}

/** Times `call` (its i-th run gets `i`) until the options say stop; wall clock in ms. */
export async function sample(
  call: (i: number) => Promise<unknown>,
  { warmup, min, max, budgetMs }: SampleOptions,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await call(i)
  const timings: number[] = []
  const started = performance.now()
  while (
    timings.length < min ||
    (timings.length < max && performance.now() - started < budgetMs)
  ) {
    const t0 = performance.now()
    await call(warmup + timings.length)
    timings.push(performance.now() - t0)
  }
  return timings
}
