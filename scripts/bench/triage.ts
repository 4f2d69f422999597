/**
 * How the triage endpoint behaves on a large workspace: cold scan time,
 * refresh scan time (stale data served meanwhile), cached read time over
 * HTTP, and the memory the server holds for the result. Each size runs in a
 * child process (`triage-child.ts`) of its own, so the memory figures are
 * that server's alone.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { serve } from '@hono/node-server'
import type { Hono } from 'hono'

import { createApp } from '../../server/app'
import type { AppEnv } from '../../server/app-env'
import { loadConfig } from '../../server/config'
import { createSandbox } from '../../server/sandbox/create-sandbox'
import type { TriageState } from '../../server/triage/model'
import type { Memory } from './processes'
import { runBenchChild } from './processes'
import {
  formatCount,
  formatKiB,
  formatMiB,
  formatMs,
  formatSeconds,
  type Row,
} from './report'
import { seededDatabase, workingCopy } from './seeded-db'
import { settledMemory } from './servers/child-ipc'
import { median } from './stats'

export interface TriageResult {
  accounts: number
  summary: string
  coldScanMs: number
  /** Progress reads answered while the cold scan ran. */
  pollMs: { n: number; median: number; max: number }
  refreshScanMs: number
  gzipRead: { medianMs: number; bytes: number }
  identityRead: { medianMs: number; bytes: number }
  /** In-process, the body not read: the handler's own cost. */
  handlerMedianMs: number
  memory: {
    before: Memory
    holding: Memory
    afterReads: Memory
    afterRefresh: Memory
    peakRss: number
  }
}

const pause = (millis: number) =>
  new Promise((resolve) => setTimeout(resolve, millis))

/** One read over HTTP, as the page makes it, and its cost. */
async function read(url: string, encoding: 'gzip' | 'identity') {
  const t0 = performance.now()
  const res = await fetch(url, { headers: { 'accept-encoding': encoding } })
  const text = await res.text()
  const millis = performance.now() - t0
  // Only the head is kept: a parsed copy of the data would count as the
  // server's memory.
  const { status, progress, data } = JSON.parse(text) as TriageState
  return {
    millis,
    bytes: Buffer.byteLength(text),
    status,
    scanning: progress !== null,
    summary: data
      ? `${formatCount(data.totals.accounts_scanned)} scanned, ${formatCount(data.totals.accounts_with_problems)} with problems, ${data.salto_ks_sites.length} Salto KS sites`
      : '',
  }
}

/** Polls every 100 ms until no scan runs. */
async function untilScanned(url: string) {
  const started = performance.now()
  const polls: number[] = []
  let peakRss = process.memoryUsage().rss
  let last = await read(url, 'gzip')
  while (last.scanning || last.status !== 'ready') {
    await pause(100)
    last = await read(url, 'gzip')
    polls.push(last.millis)
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }
  return {
    millis: performance.now() - started,
    polls,
    peakRss,
    summary: last.summary,
  }
}

async function cachedReads(url: string, encoding: 'gzip' | 'identity') {
  const timings: number[] = []
  let bytes = 0
  for (let i = 0; i < 10; i++) {
    const result = await read(url, encoding)
    timings.push(result.millis)
    bytes = result.bytes
  }
  return { medianMs: median(timings), bytes }
}

async function handlerTime(app: Hono<AppEnv>) {
  const timings: number[] = []
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now()
    const res = await app.request('/api/dashboard/triage')
    timings.push(performance.now() - t0)
    await res.body?.cancel()
  }
  return median(timings)
}

/** Runs in the current process: the dashboard app on the sandbox in `dbFile`. */
export async function measureTriage(dbFile: string): Promise<TriageResult> {
  const distDir = mkdtempSync(join(tmpdir(), 'bench-triage-'))
  const sandbox = createSandbox({ db: dbFile, syncDelayMs: 0 })
  try {
    const app = createApp({
      config: loadConfig({}),
      sandbox,
      distDir,
      log: () => undefined,
    })
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    const { port } = server.address() as AddressInfo
    const url = `http://127.0.0.1:${port}/api/dashboard/triage`

    const before = await settledMemory()
    const cold = await untilScanned(url)
    const holding = await settledMemory()
    const gzipRead = await cachedReads(url, 'gzip')
    const identityRead = await cachedReads(url, 'identity')
    const handlerMedianMs = await handlerTime(app)
    const afterReads = await settledMemory()

    const refreshStarted = performance.now()
    await fetch(`${url}/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    })
    const refresh = await untilScanned(url)
    const refreshScanMs = performance.now() - refreshStarted
    const afterRefresh = await settledMemory()
    await new Promise((resolve) => server.close(resolve))

    return {
      accounts: sandbox.accountCount(),
      summary: cold.summary,
      coldScanMs: cold.millis,
      pollMs: {
        n: cold.polls.length,
        median: cold.polls.length > 0 ? median(cold.polls) : 0,
        max: Math.max(0, ...cold.polls),
      },
      refreshScanMs,
      gzipRead,
      identityRead,
      handlerMedianMs,
      memory: {
        before,
        holding,
        afterReads,
        afterRefresh,
        peakRss: Math.max(cold.peakRss, refresh.peakRss),
      },
    }
  } finally {
    sandbox.close()
    rmSync(distDir, { recursive: true, force: true })
  }
}

export function triageResultRows(result: TriageResult): Row[] {
  const measure = `Triage ${formatCount(result.accounts)}`
  const row = (name: string, figures: string): Row => ({
    measure,
    case: name,
    figures,
    target: '',
    verdict: null,
  })
  const { memory } = result
  const heldHeap = memory.holding.heapUsed - memory.before.heapUsed
  return [
    row(
      'cold scan (first read to data)',
      `${formatSeconds(result.coldScanMs)}; ${result.summary}; ${result.pollMs.n} progress read${result.pollMs.n === 1 ? '' : 's'} meanwhile, median ${formatMs(result.pollMs.median)}, max ${formatMs(result.pollMs.max)}`,
    ),
    row(
      'refresh scan (stale data served meanwhile)',
      formatSeconds(result.refreshScanMs),
    ),
    row(
      'cached read over HTTP',
      `gzip: median ${formatMs(result.gzipRead.medianMs)} (${formatKiB(result.gzipRead.bytes)} decoded); identity: median ${formatMs(result.identityRead.medianMs)}; handler alone ${formatMs(result.handlerMedianMs)}`,
    ),
    row(
      'server memory',
      `holding the data: heap +${formatMiB(heldHeap)}, RSS ${formatMiB(memory.holding.rss)}; after a refresh RSS ${formatMiB(memory.afterRefresh.rss)}; peak RSS while scanning ${formatMiB(memory.peakRss)} (before the first scan: RSS ${formatMiB(memory.before.rss)})`,
    ),
  ]
}

export async function triageRows(
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<Row[]> {
  const rows: Row[] = []
  for (const size of sizes) {
    const cached = seededDatabase(size, log)
    const dir = mkdtempSync(join(tmpdir(), 'bench-triage-db-'))
    try {
      const result = await runBenchChild<TriageResult>(
        'triage-child.ts',
        [workingCopy(cached, dir, 'sandbox')],
        log,
      )
      rows.push(...triageResultRows(result))
      log(
        `triage at ${formatCount(size)}: cold scan ${formatSeconds(result.coldScanMs)}`,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return rows
}
