/**
 * The sandbox at 1,000 to 100,000 accounts, side by side with
 * `@seamapi/fake-seam-connect` holding the same accounts: the same calls over
 * one keep-alive connection each, in the same run, and the memory each server
 * process holds.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import Database from 'better-sqlite3'

import {
  SandboxStore,
  searchTextOf,
  type StoredAccount,
} from '../../server/sandbox/store'
import { JsonClient } from './http-client'
import { type BenchChild, startBenchChild } from './processes'
import {
  below,
  formatCount,
  formatMiB,
  formatMs,
  formatSeconds,
  type Row,
} from './report'
import { seededDatabase, workingCopy } from './seeded-db'
import { sample, type SampleOptions, summarize, type Summary } from './stats'

/** The largest page the dashboard asks for. */
export const PAGE_LIMIT = 100
/** Targets at 100,000 accounts. */
const TARGET_SIZE = 100_000
const TARGET_P95_MS = 20

interface ListBody {
  connected_accounts: { connected_account_id: string }[]
  pagination: { next_page_cursor: string | null }
}

const SAMPLING: SampleOptions = {
  warmup: 3,
  min: 20,
  max: 400,
  budgetMs: 3_000,
}

/** A deterministic choice of accounts, the same on both servers. */
function picker(seed: number) {
  let state = seed >>> 0
  return <T>(items: readonly T[]): T => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return items[state % items.length] as T
  }
}

/** Every account of the cached database, newest first, as the sandbox lists them. */
function readAccounts(file: string): StoredAccount[] {
  const db = new Database(file, { readonly: true })
  try {
    const store = new SandboxStore(db)
    return store.listAccounts({}, null, store.countAccounts())
  } finally {
    db.close()
  }
}

/** The sandbox's cursor to the account `offset` places from the newest, walking there. */
async function sandboxCursorAt(client: JsonClient, offset: number) {
  let cursor: string | null = null
  let remaining = offset
  while (remaining > 0) {
    const limit = Math.min(1_000, remaining)
    const body = (await client.ok('connected_accounts/list', {
      limit,
      ...(cursor === null ? {} : { page_cursor: cursor }),
    })) as ListBody
    cursor = body.pagination.next_page_cursor
    remaining -= limit
  }
  if (cursor === null) throw new Error(`no sandbox cursor at ${offset}`)
  return cursor
}

/**
 * The fake's cursor to an account. Walking there 100 at a time would take
 * minutes at 100,000 accounts on the fake, so the cursor is built the way the
 * fake builds it: base64 JSON of [query hash, position of the page's first
 * account], the hash taken from the fake's own first-page cursor.
 */
async function fakeCursorAt(client: JsonClient, account: StoredAccount) {
  const body = (await client.ok('connected_accounts/list', {
    limit: PAGE_LIMIT,
  })) as ListBody
  const first = body.pagination.next_page_cursor
  if (first === null) return null
  const decoded: unknown = JSON.parse(
    Buffer.from(first, 'base64').toString('utf8'),
  )
  if (!Array.isArray(decoded) || typeof decoded[0] !== 'string') {
    throw new Error(
      'fake-seam-connect changed its cursor format: update fakeCursorAt',
    )
  }
  return Buffer.from(
    JSON.stringify([
      decoded[0],
      {
        connected_account_id: account.connected_account_id,
        created_at: account.created_at,
      },
    ]),
  ).toString('base64')
}

interface Case {
  name: string
  /** Whether the 100,000-account p95 target applies. */
  targeted: boolean
  /** What the fake cannot do the same way, said next to its figure. */
  fakeNote?: string
  call: (
    client: JsonClient,
    side: 'sandbox' | 'fake',
    i: number,
  ) => Promise<unknown>
}

const ratio = (fake: number, sandbox: number) =>
  sandbox > 0
    ? `×${(fake / sandbox).toFixed(fake / sandbox < 10 ? 1 : 0)}`
    : '—'

const latency = (s: Summary) =>
  `p50 ${formatMs(s.p50)}, p95 ${formatMs(s.p95)} (n=${s.n})`

async function measureSize(
  accounts: number,
  log: (line: string) => void,
): Promise<Row[]> {
  const cached = seededDatabase(accounts, log)
  const dir = mkdtempSync(join(tmpdir(), 'bench-sandbox-'))
  const servers: BenchChild[] = []
  const clients: JsonClient[] = []
  try {
    const sandboxDb = workingCopy(cached, dir, 'sandbox')
    const fakeSource = workingCopy(cached, dir, 'fake-source')
    const all = readAccounts(fakeSource)
    if (all.length !== accounts) {
      throw new Error(
        `${cached} holds ${all.length} accounts, expected ${accounts}: delete it to seed it again`,
      )
    }
    let started = performance.now()
    const sandbox = await startBenchChild('servers/sandbox-child.ts', [
      sandboxDb,
    ])
    servers.push(sandbox)
    const sandboxReady = performance.now() - started
    started = performance.now()
    const fake = await startBenchChild('servers/fake-child.ts', [fakeSource])
    servers.push(fake)
    const fakeReady = performance.now() - started
    log(
      `${formatCount(accounts)} accounts: sandbox ready in ${formatSeconds(sandboxReady)}, fake in ${formatSeconds(fakeReady)}`,
    )

    const client = {
      sandbox: new JsonClient(sandbox.url, {
        authorization: `Bearer ${sandbox.apiKey}`,
      }),
      fake: new JsonClient(fake.url, {
        authorization: `Bearer ${fake.apiKey}`,
      }),
    }
    clients.push(client.sandbox, client.fake)

    // The middle of the list on each side: the sandbox lists newest first,
    // the fake oldest first.
    const middle = Math.floor(accounts / 2)
    const oldestFirst = [...all].reverse()
    const deep = {
      sandbox: await sandboxCursorAt(client.sandbox, middle),
      fake: await fakeCursorAt(
        client.fake,
        oldestFirst[middle] as StoredAccount,
      ),
    }
    const withEmail = all.filter((a) => a.user_identifier?.email)
    const rare =
      (withEmail[Math.floor(withEmail.length / 2)] ?? all[0])?.user_identifier
        ?.email ?? 'nobody@example.com'
    const common = all[0]?.account_type ?? 'august'
    // A surname: what support staff often type, matched by a few percent.
    const surname = /^[^.@_]+[._]([a-z]+)/.exec(rare)?.[1] ?? rare.slice(0, 6)
    const surnameMatches = all.filter((a) =>
      searchTextOf(a).includes(surname),
    ).length
    const pick = picker(accounts)

    const list = (c: JsonClient, body: Record<string, unknown>) =>
      c.ok('connected_accounts/list', { limit: PAGE_LIMIT, ...body })
    const ignoresSearch = 'fake ignores `search`: unfiltered page'
    const cases: Case[] = [
      {
        name: `list: first page of ${PAGE_LIMIT}`,
        targeted: true,
        call: (c) => list(c, {}),
      },
      {
        name: `list: deep page (${formatCount(middle)} in)`,
        targeted: true,
        call: (c, side) =>
          list(c, deep[side] === null ? {} : { page_cursor: deep[side] }),
      },
      {
        name: 'search: hit, one account (its email)',
        targeted: true,
        fakeNote: ignoresSearch,
        call: (c) => list(c, { search: rare }),
      },
      {
        name: `search: hit, a surname ("${surname}": ${formatCount(surnameMatches)} accounts)`,
        targeted: true,
        fakeNote: ignoresSearch,
        call: (c) => list(c, { search: surname }),
      },
      {
        name: `search: hit, common word ("${common}")`,
        targeted: true,
        fakeNote: ignoresSearch,
        call: (c) => list(c, { search: common }),
      },
      {
        name: 'search: miss',
        targeted: true,
        fakeNote: ignoresSearch,
        call: (c) => list(c, { search: 'no-such-account-qzx' }),
      },
      {
        name: 'get (random account)',
        targeted: false,
        call: (c) =>
          c.ok('connected_accounts/get', {
            connected_account_id: pick(all).connected_account_id,
          }),
      },
      {
        name: 'update custom_metadata (random account)',
        targeted: false,
        call: (c, _side, i) =>
          c.ok('connected_accounts/update', {
            connected_account_id: pick(all).connected_account_id,
            custom_metadata: { bench_run: String(i) },
          }),
      },
    ]

    // The answers are checked once, so a broken call is never timed.
    const miss = (await list(client.sandbox, {
      search: 'no-such-account-qzx',
    })) as ListBody
    const hit = (await list(client.sandbox, { search: rare })) as ListBody
    if (
      miss.connected_accounts.length !== 0 ||
      hit.connected_accounts.length === 0
    ) {
      throw new Error('the sandbox search answered wrongly: not timing it')
    }

    const rows: Row[] = []
    const measure = `Sandbox ${formatCount(accounts)}`
    for (const c of cases) {
      const sandboxTimes = summarize(
        await sample((i) => c.call(client.sandbox, 'sandbox', i), SAMPLING),
      )
      const fakeTimes = summarize(
        await sample((i) => c.call(client.fake, 'fake', i), SAMPLING),
      )
      const targeted = c.targeted && accounts === TARGET_SIZE
      rows.push({
        measure,
        case: c.name,
        figures: `${latency(sandboxTimes)}; fake ${latency(fakeTimes)}${c.fakeNote ? ` (${c.fakeNote})` : ''}; fake/sandbox p50 ${ratio(fakeTimes.p50, sandboxTimes.p50)}`,
        target: targeted ? `p95 < ${TARGET_P95_MS} ms` : '',
        verdict: targeted ? below(sandboxTimes.p95, TARGET_P95_MS) : null,
      })
      log(`${measure} ${c.name}: ${rows.at(-1)?.figures ?? ''}`)
    }

    const sandboxMemory = await sandbox.memory()
    const fakeMemory = await fake.memory()
    rows.push({
      measure,
      case: 'server memory after the calls',
      figures: `sandbox RSS ${formatMiB(sandboxMemory.rss)} (heap ${formatMiB(sandboxMemory.heapUsed)}); fake RSS ${formatMiB(fakeMemory.rss)} (heap ${formatMiB(fakeMemory.heapUsed)}); fake/sandbox RSS ${ratio(fakeMemory.rss, sandboxMemory.rss)}`,
      target: '',
      verdict: null,
    })
    rows.push({
      measure,
      case: 'start-up (process start to listening)',
      figures: `sandbox ${formatSeconds(sandboxReady)} (opens the file); fake ${formatSeconds(fakeReady)} (reads the same file, loads the accounts)`,
      target: '',
      verdict: null,
    })
    return rows
  } finally {
    for (const c of clients) c.close()
    await Promise.all(servers.map((server) => server.stop()))
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function sandboxScaleRows(
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<Row[]> {
  const rows: Row[] = []
  for (const size of sizes) rows.push(...(await measureSize(size, log)))
  return rows
}
