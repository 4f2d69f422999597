import { describe, expect, it } from 'vitest'

import type { LoadSummary } from './load-report'
import {
  cpuTicksFromStat,
  formatLoadTable,
  latencyFigures,
  loadFailures,
  parseLoadArgs,
} from './load-report'

describe('parseLoadArgs', () => {
  it('defaults to 50 connections for 30 s', () => {
    expect(parseLoadArgs([])).toEqual({
      duration: 30,
      connections: 50,
      accounts: 2000,
      warmup: 3,
      out: 'test-results/load.md',
    })
  })

  it('takes a shorter run for a local try', () => {
    expect(
      parseLoadArgs(['--duration', '5', '--warmup', '0', '--out', 'x.md']),
    ).toMatchObject({ duration: 5, warmup: 0, out: 'x.md' })
  })

  it('names the flag of a bad value', () => {
    expect(() => parseLoadArgs(['--duration', '0'])).toThrow(
      '--duration must be a whole number from 1 to 600 (got "0")',
    )
    expect(() => parseLoadArgs(['--connections', '5x'])).toThrow(
      '--connections must be a whole number from 1 to 1000 (got "5x")',
    )
    expect(() => parseLoadArgs(['--out', ''])).toThrow(
      '--out must not be empty',
    )
    expect(() => parseLoadArgs(['--rate', '5'])).toThrow(/--rate/)
  })
})

describe('latencyFigures', () => {
  it('takes nearest-rank percentiles', () => {
    const latencies = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(latencyFigures(latencies)).toEqual({
      count: 100,
      p50: 50,
      p90: 90,
      p99: 99,
      max: 100,
    })
    expect(latencyFigures([7])).toEqual({
      count: 1,
      p50: 7,
      p90: 7,
      p99: 7,
      max: 7,
    })
  })

  it('has no figures without latencies', () => {
    const figures = latencyFigures([])
    expect(figures.count).toBe(0)
    expect(figures.p50).toBeNaN()
    expect(figures.max).toBeNaN()
  })
})

const passing: LoadSummary = {
  durationS: 30,
  connections: 50,
  accounts: 2000,
  total: 4,
  requestsPerSecond: 1234.56,
  errors: 0,
  timeouts: 0,
  non2xx: 0,
  overall: latencyFigures([1, 2, 3, 40]),
  byKind: [
    { kind: 'list', ...latencyFigures([1, 3]), non2xx: 0 },
    { kind: 'get', ...latencyFigures([2, 40]), non2xx: 0 },
  ],
  serverCpuMsPerRequest: 0.456,
  machine: '2 cores (Test CPU), Node v20.0.0',
}

describe('loadFailures', () => {
  it('passes a run with only 2xx answers', () => {
    expect(loadFailures(passing)).toEqual([])
  })

  it('fails on errors, timeouts, non-2xx and silent kinds', () => {
    expect(
      loadFailures({
        ...passing,
        errors: 3,
        timeouts: 2,
        non2xx: 1,
        byKind: [
          { kind: 'list', ...latencyFigures([]), non2xx: 0 },
          { kind: 'get', ...latencyFigures([1]), non2xx: 1 },
        ],
      }),
    ).toEqual([
      '3 request errors (2 timeouts)',
      '1 answers were not 2xx',
      'no list call was answered',
      '1 get answers were not 2xx',
    ])
  })

  it('fails a run that answered nothing, or lost track of latencies', () => {
    expect(
      loadFailures({ ...passing, total: 0, overall: latencyFigures([]) }),
    ).toEqual(['no request was answered'])
    expect(loadFailures({ ...passing, total: 5 })).toEqual([
      'latencies were recorded for 4 answers, but 5 arrived',
    ])
  })
})

describe('formatLoadTable', () => {
  it('lists the overall figures, then each kind of call, and the machine', () => {
    expect(formatLoadTable(passing)).toBe(
      [
        '50 connections for 30 s on a sandbox of 2,000 accounts: 0 errors, 0 timeouts, 0 non-2xx. The server spent 0.46 ms of CPU per request.',
        '',
        '| Calls | Requests | Requests/s | p50 ms | p90 ms | p99 ms | Max ms | Non-2xx |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| **All** | 4 | 1,235 | 2.0 | 40.0 | 40.0 | 40.0 | 0 |',
        '| list | 2 | 0 | 1.0 | 3.0 | 3.0 | 3.0 | 0 |',
        '| get | 2 | 0 | 2.0 | 40.0 | 40.0 | 40.0 | 0 |',
        '',
        'Machine: 2 cores (Test CPU), Node v20.0.0.',
        '',
      ].join('\n'),
    )
  })
})

describe('cpuTicksFromStat', () => {
  it('adds user and system time, whatever the process is called', () => {
    const rest = 'S 1 2 3 0 -1 4194560 100 0 0 0 1234 56 0 0 20 0 1 0 99'
    expect(cpuTicksFromStat(`4242 (node) ${rest}`)).toBe(1290)
    expect(cpuTicksFromStat(`4242 (a (b) c) ${rest}`)).toBe(1290)
  })

  it('refuses text that is not a stat line', () => {
    expect(() => cpuTicksFromStat('nothing here')).toThrow(
      'not a /proc/<pid>/stat line',
    )
  })

  it('leaves the CPU figure out when it could not be read', () => {
    expect(
      formatLoadTable({ ...passing, serverCpuMsPerRequest: null }),
    ).not.toContain('of CPU per request')
  })
})
