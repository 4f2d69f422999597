import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { ConnectedAccount } from '@seamapi/types/connect'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'

import type { Connection, ObservedAccount } from './crash-ledger'
import { WriteLedger } from './crash-ledger'

/**
 * The sandbox CLI as a real process on one SQLite file, killed with SIGKILL
 * while several clients stream writes to it, then started again on the same
 * file: every write it acknowledged must still be there.
 */

const KILLS = 20
const CLIENTS = 4
const ACCOUNTS = 400
const API_KEY = 'crash_safety_key'
/** Acknowledged writes a round waits for before it picks its moment to kill. */
const ACKS_BEFORE_KILL = 3 * CLIENTS
const MAX_KILL_DELAY_MS = 150
const START_TIMEOUT_MS = 30_000

const rootDir = fileURLToPath(new URL('../..', import.meta.url))
const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url))

interface RunningCli {
  child: ChildProcess
  url: string
  /** The account count the CLI printed on start. */
  accountCount: number
  seeded: boolean
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output: () => string
}

const running = new Set<ChildProcess>()
const dir = mkdtempSync(join(tmpdir(), 'sandbox-crash-'))
const dbPath = join(dir, 'sandbox.db')
const copyPath = join(dir, 'check.db')

afterAll(() => {
  for (const child of running) child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

/** The start-up lines: the URL, then the database with its account count and whether it was just seeded. */
const BANNER =
  /Seam sandbox on (http:\/\/\S+)\n.*\n {2}database {2}.* \((\d+) connected accounts([^)\n]*)\)/

/** Starts `server/sandbox/cli.ts` on the test database and waits for its banner. */
function startCli(): Promise<RunningCli> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cliPath,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--db',
      dbPath,
      '--accounts',
      String(ACCOUNTS),
      '--seed',
      '5',
      // A sync takes effect before it is acknowledged, so it is a write too.
      '--sync-delay-ms',
      '0',
    ],
    {
      cwd: rootDir,
      env: { ...process.env, SANDBOX_API_KEY: API_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  running.add(child)
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<{
    code: number | null
    signal: NodeJS.Signals | null
  }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child)
      resolve({ code, signal })
    }),
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the sandbox did not start in time:\n${output}`))
    }, START_TIMEOUT_MS)
    const check = () => {
      const match = BANNER.exec(output)
      if (!match?.[1] || !match[2]) return
      clearTimeout(timer)
      child.stdout.off('data', check)
      resolve({
        child,
        url: match[1],
        accountCount: Number(match[2]),
        seeded: /seeded in/.test(match[3] ?? ''),
        exited,
        output: () => output,
      })
    }
    child.stdout.on('data', check)
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(
        new Error(
          `the sandbox exited (${String(code ?? signal)}) before it started:\n${output}`,
        ),
      )
    })
  })
}

/** A 2xx, or a non-2xx from a live server (a test failure), or no answer (the server died). */
type CallOutcome = { ok: true } | { ok: false; status: number; body: string }

async function call(
  url: string,
  path: string,
  body: unknown,
): Promise<CallOutcome> {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  return response.ok
    ? { ok: true }
    : { ok: false, status: response.status, body: text }
}

async function listAll(url: string): Promise<ConnectedAccount[]> {
  const response = await fetch(`${url}/connected_accounts/list`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ limit: ACCOUNTS + 1 }),
  })
  expect(response.status).toBe(200)
  const body = (await response.json()) as {
    connected_accounts: ConnectedAccount[]
  }
  return body.connected_accounts
}

const connectionOf = (account: ConnectedAccount): Connection =>
  account.errors.some((error) => error.error_code === 'account_disconnected')
    ? 'disconnected'
    : 'connected'

function observe(
  accounts: readonly ConnectedAccount[],
): Map<string, ObservedAccount> {
  return new Map(
    accounts.map((account) => {
      const seq = account.custom_metadata.seq
      return [
        account.connected_account_id,
        {
          seq: typeof seq === 'string' ? Number(seq) : undefined,
          connection: connectionOf(account),
        },
      ]
    }),
  )
}

/** The accounts one client writes to; no two clients share one. */
interface ClientPlan {
  name: string
  metadataIds: string[]
  toggleId: string
  deletePool: string[]
}

function planClients(accounts: readonly ConnectedAccount[]): ClientPlan[] {
  const connected = accounts.filter((a) => connectionOf(a) === 'connected')
  const toggles = connected.slice(0, CLIENTS)
  const rest = accounts.filter((a) => !toggles.includes(a))
  return Array.from({ length: CLIENTS }, (_, i) => {
    const toggle = toggles[i]
    if (!toggle) throw new Error('not enough connected accounts')
    const mine = rest.filter((_, index) => index % CLIENTS === i)
    return {
      name: `client-${i + 1}`,
      metadataIds: mine.slice(0, 2).map((a) => a.connected_account_id),
      toggleId: toggle.connected_account_id,
      deletePool: mine.slice(2).map((a) => a.connected_account_id),
    }
  })
}

interface Stream {
  acks: number
  /** Non-2xx answers from a live server: each one fails the test. */
  failures: string[]
}

/**
 * Writes one at a time until the server stops answering: mostly custom
 * metadata updates with a rising counter, then connection flips (simulated
 * disconnect, sync) and now and then a delete.
 */
async function streamWrites(
  url: string,
  plan: ClientPlan,
  ledger: WriteLedger,
  stream: Stream,
): Promise<void> {
  for (let op = 0; ; op++) {
    let outcome: CallOutcome
    let acknowledge: () => void
    const deleteId = op % 10 === 5 ? plan.deletePool.pop() : undefined
    try {
      if (deleteId !== undefined) {
        ledger.sendDelete(deleteId)
        acknowledge = () => {
          ledger.ackDelete(deleteId)
        }
        outcome = await call(url, '/connected_accounts/delete', {
          connected_account_id: deleteId,
        })
      } else if (op % 4 === 3) {
        const id = plan.toggleId
        const target =
          ledger.connectionOf(id) === 'connected' ? 'disconnected' : 'connected'
        ledger.sendConnection(id, target)
        acknowledge = () => {
          ledger.ackConnection(id, target)
        }
        outcome = await call(
          url,
          target === 'disconnected'
            ? '/connected_accounts/simulate/disconnect'
            : '/connected_accounts/sync',
          { connected_account_id: id },
        )
      } else {
        const id = plan.metadataIds[op % plan.metadataIds.length] ?? ''
        const seq = ledger.nextSeq(id)
        acknowledge = () => {
          ledger.ackSeq(id, seq)
        }
        outcome = await call(url, '/connected_accounts/update', {
          connected_account_id: id,
          custom_metadata: { writer: plan.name, seq: String(seq) },
          // The display name feeds the search index: its trigger runs too.
          display_name: `Crash ${plan.name} write ${seq}`,
        })
      }
    } catch {
      return // killed: no answer
    }
    if (!outcome.ok) {
      stream.failures.push(`${outcome.status} ${outcome.body}`)
      return
    }
    acknowledge()
    stream.acks += 1
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function untilAcks(streams: readonly Stream[], count: number) {
  const deadline = Date.now() + START_TIMEOUT_MS
  while (streams.reduce((sum, s) => sum + s.acks, 0) < count) {
    if (streams.some((s) => s.failures.length > 0)) return
    if (Date.now() > deadline) throw new Error('the writes did not start')
    await pause(2)
  }
}

/**
 * SQLite's own checks on the files the kill left, opened read-only so they
 * reach the restart untouched; the search index is checked on a copy, as its
 * check is written as an INSERT.
 */
function checkIntegrity(): void {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
  } finally {
    db.close()
  }
  for (const suffix of ['', '-wal']) {
    if (existsSync(dbPath + suffix))
      copyFileSync(dbPath + suffix, copyPath + suffix)
  }
  const copy = new Database(copyPath, { fileMustExist: true })
  try {
    // Throws SQLITE_CORRUPT_VTAB when the index and the accounts disagree.
    copy
      .prepare(
        "INSERT INTO connected_accounts_search (connected_accounts_search, rank) VALUES ('integrity-check', 1)",
      )
      .run()
  } finally {
    copy.close()
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(copyPath + suffix, { force: true })
  }
}

describe('crash safety', () => {
  it(
    `keeps every acknowledged write across ${KILLS} SIGKILLs mid-stream`,
    async () => {
      const started = performance.now()
      let cli = await startCli()
      expect(cli.seeded).toBe(true)
      const ledger = new WriteLedger()
      const first = await listAll(cli.url)
      expect(first).toHaveLength(ACCOUNTS)
      const plans = planClients(first)
      for (const plan of plans)
        ledger.trackConnection(plan.toggleId, 'connected')

      let startMs = 0
      let inFlightLanded = 0
      let inFlightLost = 0
      let ackedChecked = 0
      for (let kill = 1; kill <= KILLS; kill++) {
        const streams = plans.map(() => ({ acks: 0, failures: [] as string[] }))
        const writers = plans.map((plan, i) =>
          streamWrites(
            cli.url,
            plan,
            ledger,
            streams[i] ?? { acks: 0, failures: [] },
          ),
        )
        await untilAcks(streams, ACKS_BEFORE_KILL)
        await pause(Math.random() * MAX_KILL_DELAY_MS)
        cli.child.kill('SIGKILL')
        expect(await cli.exited).toEqual({ code: null, signal: 'SIGKILL' })
        await Promise.all(writers)
        expect(streams.flatMap((s) => s.failures)).toEqual([])

        checkIntegrity()

        const t0 = performance.now()
        cli = await startCli()
        startMs += performance.now() - t0
        expect(cli.seeded, cli.output()).toBe(false)
        const result = ledger.reconcile(observe(await listAll(cli.url)))
        expect(result.violations, `after kill ${kill}`).toEqual([])
        expect(cli.accountCount).toBe(ACCOUNTS - ledger.deletedCount)
        ackedChecked += result.ackedChecked
        inFlightLanded += result.inFlightLanded
        inFlightLost += result.inFlightLost
      }
      cli.child.kill('SIGTERM')
      expect((await cli.exited).code).toBe(0)
      checkIntegrity()

      expect(ackedChecked).toBe(ledger.acknowledged)
      expect(ackedChecked).toBeGreaterThan(KILLS * ACKS_BEFORE_KILL - 1)
      console.log(
        `crash safety: ${KILLS} SIGKILLs in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
          `${ackedChecked} acknowledged writes checked after restarts ` +
          `(${ledger.deletedCount} accounts deleted), all present; ` +
          `${inFlightLanded + inFlightLost} writes in flight at a kill (${inFlightLanded} landed, ${inFlightLost} did not); ` +
          `integrity_check and search index check ok after every kill; restarts took ${(startMs / 1000).toFixed(1)} s`,
      )
    },
    // Most of the time goes to restarting the CLI, 1.2-1.6 s a start on a
    // two-core machine; the margin is for a machine busy with other work.
    300_000,
  )
})
