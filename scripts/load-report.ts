/**
 * Options, figures and verdict of the load test, kept apart from the run so
 * they can be checked on their own.
 */
import { parseArgs } from 'node:util'

import { wholeNumber } from './bench/args'
import { percentile } from './bench/stats'

export interface LoadOptions {
  /** Seconds of load that is measured. */
  duration: number
  /** Seconds of the same load before it, not measured: the server's code warms up. */
  warmup: number
  connections: number
  /** Accounts seeded into the throwaway sandbox. */
  accounts: number
  /** Markdown file the table is written to. */
  out: string
}

const LIMITS = {
  duration: { min: 1, max: 600, default: 30 },
  warmup: { min: 0, max: 60, default: 3 },
  connections: { min: 1, max: 1000, default: 50 },
  accounts: { min: 100, max: 100_000, default: 2000 },
} as const

function flagValue(
  name: keyof typeof LIMITS,
  value: string | undefined,
): number {
  const { min, max, default: fallback } = LIMITS[name]
  if (value === undefined) return fallback
  return wholeNumber(`--${name}`, value, min, max)
}

export function parseLoadArgs(argv: readonly string[]): LoadOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      accounts: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  })
  if (values.out === '') throw new Error('--out must not be empty')
  return {
    duration: flagValue('duration', values.duration),
    warmup: flagValue('warmup', values.warmup),
    connections: flagValue('connections', values.connections),
    accounts: flagValue('accounts', values.accounts),
    out: values.out ?? 'test-results/load.md',
  }
}

export interface LatencyFigures {
  count: number
  p50: number
  p90: number
  p99: number
  max: number
}

/** Nearest-rank percentiles of latencies in milliseconds. */
export function latencyFigures(latencies: readonly number[]): LatencyFigures {
  if (latencies.length === 0) {
    const none = Number.NaN
    return { count: 0, p50: none, p90: none, p99: none, max: none }
  }
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  }
}

export interface KindFigures extends LatencyFigures {
  kind: string
  non2xx: number
}

export interface LoadSummary {
  durationS: number
  connections: number
  accounts: number
  /** Answers received, as autocannon counts them. */
  total: number
  /** Mean answers per second. */
  requestsPerSecond: number
  errors: number
  timeouts: number
  non2xx: number
  overall: LatencyFigures
  byKind: KindFigures[]
  /** CPU time the server spent per answer, in ms; null where it cannot be read. */
  serverCpuMsPerRequest: number | null
  machine: string
}

/**
 * CPU time (user + system, in clock ticks) from the text of `/proc/<pid>/stat`.
 * The process name may hold spaces and parentheses, so fields are counted
 * from the last `)`.
 */
export function cpuTicksFromStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // utime and stime are fields 14 and 15 of the line; the name is field 2.
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  if (!Number.isInteger(utime) || !Number.isInteger(stime))
    throw new Error('not a /proc/<pid>/stat line')
  return utime + stime
}

/** Everything that makes the run a failure; empty when it passed. */
export function loadFailures(summary: LoadSummary): string[] {
  const failures: string[] = []
  if (summary.total === 0) failures.push('no request was answered')
  if (summary.errors > 0)
    failures.push(
      `${summary.errors} request errors (${summary.timeouts} timeouts)`,
    )
  if (summary.non2xx > 0)
    failures.push(`${summary.non2xx} answers were not 2xx`)
  for (const kind of summary.byKind) {
    if (kind.count === 0) failures.push(`no ${kind.kind} call was answered`)
    if (kind.non2xx > 0)
      failures.push(`${kind.non2xx} ${kind.kind} answers were not 2xx`)
  }
  if (summary.overall.count !== summary.total) {
    failures.push(
      `latencies were recorded for ${summary.overall.count} answers, but ${summary.total} arrived`,
    )
  }
  return failures
}

const ms = (value: number): string =>
  Number.isNaN(value) ? '–' : value.toFixed(1)
const int = (value: number): string => Math.round(value).toLocaleString('en')

/** The run as a markdown table: overall first, then each kind of call. */
export function formatLoadTable(summary: LoadSummary): string {
  const rows = [
    '| Calls | Requests | Requests/s | p50 ms | p90 ms | p99 ms | Max ms | Non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| **All** | ${int(summary.total)} | ${int(summary.requestsPerSecond)} | ${ms(summary.overall.p50)} | ${ms(summary.overall.p90)} | ${ms(summary.overall.p99)} | ${ms(summary.overall.max)} | ${summary.non2xx} |`,
    ...summary.byKind.map(
      (k) =>
        `| ${k.kind} | ${int(k.count)} | ${int(k.count / summary.durationS)} | ${ms(k.p50)} | ${ms(k.p90)} | ${ms(k.p99)} | ${ms(k.max)} | ${k.non2xx} |`,
    ),
  ]
  return [
    `${summary.connections} connections for ${summary.durationS} s on a sandbox of ${int(summary.accounts)} accounts: ` +
      `${summary.errors} errors, ${summary.timeouts} timeouts, ${summary.non2xx} non-2xx.` +
      (summary.serverCpuMsPerRequest === null
        ? ''
        : ` The server spent ${summary.serverCpuMsPerRequest.toFixed(2)} ms of CPU per request.`),
    '',
    ...rows,
    '',
    `Machine: ${summary.machine}.`,
    '',
  ].join('\n')
}
