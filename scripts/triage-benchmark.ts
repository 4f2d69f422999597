/**
 * How the triage endpoint behaves on a large workspace: cold scan time,
 * cached read time, and the memory the server holds for the result. Seeds a
 * sandbox (about 40 s at 100,000 accounts) in a temporary file, or reuses
 * the database file given.
 *
 *   npx tsx --expose-gc scripts/triage-benchmark.ts [accounts] [db-file]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { serve } from '@hono/node-server'
import type { Hono } from 'hono'

import { createApp } from '../server/app'
import type { AppEnv } from '../server/app-env'
import { loadConfig } from '../server/config'
import { createSandbox } from '../server/sandbox/create-sandbox'
import type { TriageState } from '../server/triage/model'

const accounts = Number(process.argv[2] ?? '100000')
const dir = mkdtempSync(join(tmpdir(), 'triage-benchmark-'))
const dbFile = process.argv[3] ?? join(dir, 'sandbox.db')

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const ms = (value: number) => `${value.toFixed(1)} ms`
const pause = (millis: number) =>
  new Promise((resolve) => setTimeout(resolve, millis))

async function memory() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc?.()
    await new Promise((resolve) => setImmediate(resolve))
  }
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heapUsed }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** The head of one read over HTTP, as the page makes it, and its cost. */
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
      ? `accounts scanned: ${data.totals.accounts_scanned}, with problems: ${data.totals.accounts_with_problems}, Salto KS sites: ${data.salto_ks_sites.length}`
      : '',
  }
}

/** Polls every 100 ms until no scan runs; each step lives in its own frame. */
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
  return { median: median(timings), bytes }
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

async function main() {
  if (!globalThis.gc) {
    console.warn('Run with --expose-gc for stable memory figures.')
  }
  const seedStarted = performance.now()
  const sandbox = createSandbox({ db: dbFile, accounts, syncDelayMs: 0 })
  console.log(
    `${sandbox.seeded ? 'seeded' : 'opened'} ${sandbox.accountCount()} accounts in ${ms(performance.now() - seedStarted)}`,
  )
  const app = createApp({
    config: loadConfig({}),
    sandbox,
    distDir: dir,
    log: () => undefined,
  })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}/api/dashboard/triage`

  const before = await memory()
  const cold = await untilScanned(url)
  const held = await memory()
  const gzip = await cachedReads(url, 'gzip')
  const plain = await cachedReads(url, 'identity')
  const handler = await handlerTime(app)
  const afterReads = await memory()

  const refreshStarted = performance.now()
  await fetch(`${url}/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  })
  const refresh = await untilScanned(url)
  const refreshMs = performance.now() - refreshStarted
  const afterRefresh = await memory()

  const delta = (m: { heapUsed: number; rss: number }) =>
    `heap +${mb(m.heapUsed - before.heapUsed)}, rss ${mb(m.rss)}`
  console.log(
    [
      cold.summary,
      `cold scan: ${ms(cold.millis)}; ${cold.polls.length} progress polls answered in median ${ms(median(cold.polls))}, max ${ms(Math.max(...cold.polls))}`,
      `refresh scan (stale data served meanwhile): ${ms(refreshMs)}, ${refresh.polls.length} polls`,
      `cached read over HTTP, gzip (${mb(gzip.bytes)} decoded): median ${ms(gzip.median)}`,
      `cached read over HTTP, identity: median ${ms(plain.median)}`,
      `cached read, handler only (in-process, body not read): median ${ms(handler)}`,
      `before the first scan: heap ${mb(before.heapUsed)}, rss ${mb(before.rss)}`,
      `holding the data: ${delta(held)}`,
      `after the reads: ${delta(afterReads)}`,
      `after a refresh: ${delta(afterRefresh)}`,
      `peak rss while scanning: ${mb(Math.max(cold.peakRss, refresh.peakRss))}`,
    ].join('\n'),
  )
  await new Promise((resolve) => server.close(resolve))
  sandbox.close()
}

try {
  await main()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
