import { describe, expect, it } from 'vitest'

import { DEFAULT_RUNS, DEFAULT_SIZES, MEASURES, parseBenchArgs } from './args'

describe('parseBenchArgs', () => {
  it('runs everything at the default sizes without flags', () => {
    expect(parseBenchArgs([])).toEqual({
      measures: [...MEASURES],
      sizes: [...DEFAULT_SIZES],
      runs: DEFAULT_RUNS,
      out: 'test-results/bench.md',
      help: false,
    })
  })

  it('picks measures (in suite order) and sizes (sorted, once each)', () => {
    const options = parseBenchArgs([
      '--only',
      'sandbox, bundle',
      '--sizes=10000,1000,1000',
      '--runs',
      '7',
    ])
    expect(options.measures).toEqual(['bundle', 'sandbox'])
    expect(options.sizes).toEqual([1_000, 10_000])
    expect(options.runs).toBe(7)
  })

  it('names the flag and the bad value', () => {
    expect(() => parseBenchArgs(['--only', 'bundel'])).toThrow(
      '--only: unknown measure "bundel"',
    )
    expect(() => parseBenchArgs(['--sizes', '1000,200000'])).toThrow(
      '--sizes must be a whole number from 1 to 100000 (got "200000")',
    )
    expect(() => parseBenchArgs(['--sizes', '1e3'])).toThrow('(got "1e3")')
    expect(() => parseBenchArgs(['--runs', '0'])).toThrow(
      '--runs must be a whole number from 1 to 100 (got "0")',
    )
    expect(() => parseBenchArgs(['--only', ','])).toThrow(
      '--only needs at least one measure',
    )
    expect(() => parseBenchArgs(['--size', '1000'])).toThrow("'--size'")
  })
})
