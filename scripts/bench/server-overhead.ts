/**
 * What the dashboard server adds to a call: the same list call straight to
 * the sandbox, through `/api` of a dashboard running the sandbox in-process
 * (the default), and through `/api` of a dashboard forwarding over HTTP to
 * that sandbox (as it forwards to Seam). One keep-alive connection per path;
 * the paths take turns so load on the machine falls on all three alike.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { JsonClient } from './http-client'
import {
  type RunningServer,
  startBenchChild,
  startDashboard,
} from './processes'
import { below, formatCount, formatMs, type Row } from './report'
import { seededDatabase, workingCopy } from './seeded-db'
import { summarize } from './stats'

const TARGET_ADDED_P50_MS = 2
const ROUNDS = 10
const PER_ROUND = 100
const WARMUP = 50

interface Path {
  name: string
  client: JsonClient
  timings: number[]
}

export async function serverOverheadRows(
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<Row[]> {
  const accounts = Math.min(...sizes)
  const cached = seededDatabase(accounts, log)
  const dir = mkdtempSync(join(tmpdir(), 'bench-overhead-'))
  const servers: RunningServer[] = []
  const clients: JsonClient[] = []
  try {
    const sandbox = await startBenchChild('servers/sandbox-child.ts', [
      workingCopy(cached, dir, 'alone'),
    ])
    servers.push(sandbox)
    const embedded = await startDashboard({
      SANDBOX_DB: workingCopy(cached, dir, 'embedded'),
      SANDBOX_SYNC_DELAY_MS: '0',
    })
    servers.push(embedded)
    const forwarding = await startDashboard({
      SEAM_API_KEY: sandbox.apiKey,
      SEAM_ENDPOINT: sandbox.url,
      // The portal demo runs beside the sandbox only.
      EMBED_DEMO_PORT: undefined,
    })
    servers.push(forwarding)

    const paths: Path[] = [
      {
        name: 'straight to the sandbox',
        client: new JsonClient(sandbox.url, {
          authorization: `Bearer ${sandbox.apiKey}`,
        }),
        timings: [],
      },
      {
        name: '/api, sandbox in-process (default)',
        client: new JsonClient(`${embedded.url}/api`),
        timings: [],
      },
      {
        name: '/api, forwarding over HTTP (as to Seam)',
        client: new JsonClient(`${forwarding.url}/api`),
        timings: [],
      },
    ]
    clients.push(...paths.map((path) => path.client))

    const rows: Row[] = []
    for (const limit of [25, 100]) {
      const body = { limit }
      for (const path of paths) {
        path.timings = []
        for (let i = 0; i < WARMUP; i++) {
          await path.client.ok('connected_accounts/list', body)
        }
      }
      for (let round = 0; round < ROUNDS; round++) {
        for (const path of paths) {
          for (let i = 0; i < PER_ROUND; i++) {
            const t0 = performance.now()
            await path.client.ok('connected_accounts/list', body)
            path.timings.push(performance.now() - t0)
          }
        }
      }
      const [direct, ...through] = paths.map((path) => ({
        path,
        summary: summarize(path.timings),
      }))
      if (!direct) continue
      const measure = `Server overhead (${formatCount(accounts)} accounts)`
      rows.push({
        measure,
        case: `list ${limit}: ${direct.path.name}`,
        figures: `p50 ${formatMs(direct.summary.p50)}, p99 ${formatMs(direct.summary.p99)} (n=${direct.summary.n})`,
        target: '',
        verdict: null,
      })
      for (const { path, summary } of through) {
        const added = summary.p50 - direct.summary.p50
        rows.push({
          measure,
          case: `list ${limit}: ${path.name}`,
          figures: `p50 ${formatMs(summary.p50)}, p99 ${formatMs(summary.p99)} (n=${summary.n}); added p50 ${formatMs(added)}, p99 ${formatMs(summary.p99 - direct.summary.p99)}`,
          target: `< ${TARGET_ADDED_P50_MS} ms added at p50`,
          verdict: below(added, TARGET_ADDED_P50_MS),
        })
        log(
          `overhead, list ${limit}, ${path.name}: added p50 ${formatMs(added)}`,
        )
      }
    }
    return rows
  } finally {
    for (const client of clients) client.close()
    await Promise.all(servers.map((server) => server.stop()))
    rmSync(dir, { recursive: true, force: true })
  }
}
