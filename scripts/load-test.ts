/**
 * A bounded load test of the dashboard server on a throwaway sandbox, over
 * loopback: many connections page, search, open and edit accounts at once
 * for a fixed time. Any error, timeout or non-2xx answer fails the run. The
 * figures are printed and written as a markdown table.
 *
 *   npx tsx scripts/load-test.ts [--duration 30] [--warmup 3]
 *     [--connections 50] [--accounts 2000] [--out test-results/load.md]
 */
import { execFileSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { ConnectedAccount, Pagination } from '@seamapi/types/connect'
import autocannon from 'autocannon'

import { DEFAULT_PAGE_SIZE } from '../src/features/connected-accounts/lib/url-state'
import { describeMachine } from './bench/machine'
import { startDashboard } from './bench/processes'
import type { LoadOptions, LoadSummary } from './load-report'
import {
  cpuTicksFromStat,
  formatLoadTable,
  latencyFigures,
  loadFailures,
  parseLoadArgs,
} from './load-report'
import type { LoadFixture } from './load-workload'
import { LatencyByKind, loadRequests, rotationFrom } from './load-workload'

const rootDir = fileURLToPath(new URL('..', import.meta.url))
/** Pages after the first that `list-deep` calls take turns on. */
const DEEP_PAGES = 8
const SEARCH_MISS = 'zq-no-such-account-7x'

async function post<T>(base: string, route: string, body: unknown): Promise<T> {
  const response = await fetch(`${base}/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok)
    throw new Error(`${route} answered ${response.status}: ${text}`)
  return JSON.parse(text) as T
}

interface ListBody {
  connected_accounts: ConnectedAccount[]
  pagination: Pagination
}

/** Ids, cursors and search terms read from the server before the run. */
async function readFixture(base: string): Promise<LoadFixture> {
  const limit = DEFAULT_PAGE_SIZE
  const accountIds: string[] = []
  const cursors: string[] = []
  let page = await post<ListBody>(base, 'connected_accounts/list', { limit })
  const first = page.connected_accounts
  for (let i = 0; i < DEEP_PAGES; i++) {
    accountIds.push(
      ...page.connected_accounts.map((a) => a.connected_account_id),
    )
    const cursor = page.pagination.next_page_cursor
    if (!cursor) break
    cursors.push(cursor)
    page = await post<ListBody>(base, 'connected_accounts/list', {
      limit,
      page_cursor: cursor,
    })
  }
  // A word of a display name on the first page: a search people would type.
  const words = first.flatMap((a) => a.display_name.split(/\s+/))
  const searchHit = words.find((word) => /^[A-Za-z]{4,}$/.test(word))
  if (!searchHit) throw new Error('no display name has a word to search for')
  const hit = await post<ListBody>(base, 'connected_accounts/list', {
    limit,
    search: searchHit,
  })
  const miss = await post<ListBody>(base, 'connected_accounts/list', {
    limit,
    search: SEARCH_MISS,
  })
  if (hit.connected_accounts.length === 0 || miss.connected_accounts.length > 0)
    throw new Error(`the search terms do not hit and miss as planned`)
  return { limit, accountIds, cursors, searchHit, searchMiss: SEARCH_MISS }
}

function runLoad(
  base: string,
  fixture: LoadFixture,
  load: Pick<LoadOptions, 'connections' | 'duration'>,
  latency: LatencyByKind,
): Promise<autocannon.Result> {
  const requests = loadRequests(
    fixture,
    {
      'content-type': 'application/json',
      origin: base,
      'sec-fetch-site': 'same-origin',
    },
    latency,
  )
  let connections = 0
  return new Promise((resolveRun, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: load.connections,
        duration: load.duration,
        timeout: 10,
        requests,
        setupClient: (client) => {
          client.setRequests(
            rotationFrom(requests, connections++).map((step) => ({ ...step })),
          )
        },
      },
      (error, result) => {
        if (error instanceof Error) reject(error)
        else resolveRun(result)
      },
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latency.record(responseTime)
    })
  })
}

/** Proves the edits went through: an account edited during the run shows it. */
async function checkEdits(base: string, fixture: LoadFixture): Promise<void> {
  for (const id of fixture.accountIds) {
    const { connected_account } = await post<{
      connected_account: ConnectedAccount
    }>(base, 'connected_accounts/get', { connected_account_id: id })
    if ('load_test_edit' in connected_account.custom_metadata) return
  }
  throw new Error('no account shows an edit made during the run')
}

/** CPU time a process has used so far, in ms; null off Linux. */
function cpuMsOf(pid: number): number | null {
  try {
    const ticksPerSecond = Number(
      execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(),
    )
    const ticks = cpuTicksFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
    return (ticks * 1000) / ticksPerSecond
  } catch {
    return null
  }
}

/** Warms up, measures and reports; the number is the exit code. */
async function measure(
  base: string,
  serverPid: number,
  options: LoadOptions,
): Promise<number> {
  const machine = describeMachine()
  const fixture = await readFixture(base)
  console.log(
    `Load: ${options.connections} connections for ${options.duration} s after a ${options.warmup} s warm-up, against ${base} (${options.accounts} accounts)...`,
  )
  const warmup =
    options.warmup > 0
      ? await runLoad(
          base,
          fixture,
          { connections: options.connections, duration: options.warmup },
          new LatencyByKind(),
        )
      : undefined
  const latency = new LatencyByKind()
  const cpuBefore = cpuMsOf(serverPid)
  const result = await runLoad(base, fixture, options, latency)
  const cpuAfter = cpuMsOf(serverPid)
  await checkEdits(base, fixture)
  const summary: LoadSummary = {
    durationS: options.duration,
    connections: options.connections,
    accounts: options.accounts,
    total: result.requests.total,
    requestsPerSecond: result.requests.average,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    overall: latencyFigures(latency.latencies()),
    byKind: latency.kinds().map((kind) => ({
      kind,
      ...latencyFigures(latency.latencies(kind)),
      non2xx: latency.non2xx(kind),
    })),
    serverCpuMsPerRequest:
      cpuBefore === null || cpuAfter === null || result.requests.total === 0
        ? null
        : (cpuAfter - cpuBefore) / result.requests.total,
    machine,
  }
  const table = formatLoadTable(summary)
  console.log(`\n${table}`)
  const out = resolve(rootDir, options.out)
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `# Load test\n\n${table}`)
  const failures = loadFailures(summary)
  if (warmup && (warmup.errors > 0 || warmup.non2xx > 0))
    failures.push(
      `the warm-up had ${warmup.errors} errors and ${warmup.non2xx} non-2xx answers`,
    )
  for (const failure of failures) console.error(`load test failed: ${failure}`)
  return failures.length === 0 ? 0 : 1
}

async function main(): Promise<number> {
  const options = parseLoadArgs(process.argv.slice(2))
  const dir = mkdtempSync(join(tmpdir(), 'load-test-'))
  try {
    // Files, as in production: every edit is written to both databases.
    const server = await startDashboard({
      SANDBOX_DB: join(dir, 'sandbox.db'),
      AUDIT_DB: join(dir, 'audit.db'),
      SANDBOX_ACCOUNTS: String(options.accounts),
    })
    try {
      return await measure(server.url, server.pid, options)
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

try {
  process.exitCode = await main()
} catch (error) {
  console.error(
    `load test failed: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exitCode = 1
}
