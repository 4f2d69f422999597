import { parseArgs } from 'node:util'

export const MEASURES = [
  'bundle',
  'page-load',
  'large-pages',
  'sandbox',
  'overhead',
  'triage',
] as const
export type Measure = (typeof MEASURES)[number]

export const DEFAULT_SIZES = [1_000, 10_000, 100_000] as const
export const MAX_SIZE = 100_000
export const DEFAULT_RUNS = 5

export interface BenchOptions {
  measures: Measure[]
  /** Account counts the sandbox and triage measures run at. */
  sizes: number[]
  /** Page loads per case; the median is reported. */
  runs: number
  /** Where the table is written. */
  out: string
  help: boolean
}

export const USAGE = `Usage: npm run bench -- [--only ${MEASURES.join(',')}] [--sizes 1000,10000,100000] [--runs 5] [--out test-results/bench.md]

  --only    measures to run, comma-separated (default: all)
  --sizes   account counts for sandbox and triage; overhead takes the smallest (1-${MAX_SIZE}, default ${DEFAULT_SIZES.join(',')})
  --runs    page loads per browser case, median reported (default ${DEFAULT_RUNS})
  --out     markdown file the table is written to`

const isMeasure = (value: string): value is Measure =>
  (MEASURES as readonly string[]).includes(value)

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** A flag's value as a whole number in [min, max]; else one line naming it. */
export function wholeNumber(
  flag: string,
  text: string,
  min: number,
  max: number,
): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new Error(
      `${flag} must be a whole number from ${min} to ${max} (got ${JSON.stringify(text)})`,
    )
  }
  return value
}

/** Flags to options; a bad flag throws one line naming it. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      only: { type: 'string' },
      sizes: { type: 'string' },
      runs: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  })

  const only = list(values.only)
  if (only?.length === 0) throw new Error('--only needs at least one measure')
  const measures = only ?? [...MEASURES]
  const unknown = measures.filter((name) => !isMeasure(name))
  if (unknown.length > 0) {
    throw new Error(
      `--only: unknown measure ${unknown.map((name) => `"${name}"`).join(', ')} (choose from ${MEASURES.join(', ')})`,
    )
  }

  const sizeList = list(values.sizes)
  if (sizeList?.length === 0) throw new Error('--sizes needs at least one size')
  const sizes = sizeList
    ? sizeList.map((text) => wholeNumber('--sizes', text, 1, MAX_SIZE))
    : [...DEFAULT_SIZES]

  return {
    measures: MEASURES.filter((name) => measures.includes(name)),
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    runs:
      values.runs === undefined
        ? DEFAULT_RUNS
        : wholeNumber('--runs', values.runs, 1, 100),
    out: values.out ?? 'test-results/bench.md',
    help: values.help ?? false,
  }
}
