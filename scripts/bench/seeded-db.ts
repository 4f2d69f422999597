/**
 * Seeded sandbox databases, cached: seeding 100,000 accounts takes a minute
 * or more, so each size is seeded once into `data/bench/` and every
 * measurement works on a copy. The file name holds a fingerprint of what the
 * seed writes (schema and a small workspace's rows), so a change to the
 * generated data gives a new file, and changes elsewhere keep the cache.
 */
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { join, resolve } from 'node:path'

import { createSandbox } from '../../server/sandbox/create-sandbox'
import { formatCount, formatSeconds } from './report'

export const ROOT_DIR = resolve(import.meta.dirname, '../..')
export const CACHE_DIR = join(ROOT_DIR, 'data', 'bench')

/** The moment every benchmark workspace is seeded at, so its data is the same each time. */
export const BENCH_NOW = new Date('2026-06-01T12:00:00.000Z')
export const BENCH_SEED = 1
const FINGERPRINT_ACCOUNTS = 300

const seedOptions = (accounts: number) => ({
  accounts,
  seed: BENCH_SEED,
  now: BENCH_NOW,
  syncDelayMs: 0,
})

let fingerprint: string | undefined

/** A digest of the schema and of every row a small seeded workspace holds. */
export function seedFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint
  const sandbox = createSandbox({
    db: ':memory:',
    ...seedOptions(FINGERPRINT_ACCOUNTS),
  })
  try {
    const { db } = sandbox.store
    const hash = createHash('sha256')
    const tables = db
      .prepare(
        'SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name',
      )
      .all() as { name: string; sql: string }[]
    for (const table of tables) {
      hash.update(table.sql)
      if (!table.sql.startsWith('CREATE TABLE')) continue
      // The cursor secret is random by design; everything else is seeded.
      const rows = db
        .prepare(
          table.name === 'meta'
            ? "SELECT * FROM meta WHERE key != 'cursor_secret' ORDER BY key"
            : `SELECT * FROM "${table.name}"`,
        )
        .raw()
        .all()
      for (const row of rows) hash.update(JSON.stringify(row))
    }
    fingerprint = hash.digest('hex').slice(0, 10)
    return fingerprint
  } finally {
    sandbox.close()
  }
}

const prefixOf = (accounts: number) => `sandbox-${accounts}-`

/** The cached database of `accounts` accounts, seeded first if need be. Never write to it. */
export function seededDatabase(
  accounts: number,
  log: (line: string) => void,
): string {
  mkdirSync(CACHE_DIR, { recursive: true })
  const name = `${prefixOf(accounts)}${seedFingerprint()}.db`
  const file = join(CACHE_DIR, name)
  if (existsSync(file)) return file

  // Files of other data are dropped; the new one is written under a
  // temporary name first, so an interrupted seed never looks complete.
  for (const old of readdirSync(CACHE_DIR)) {
    if (old.startsWith(prefixOf(accounts))) {
      rmSync(join(CACHE_DIR, old), { force: true })
    }
  }
  const partial = `${file}.partial`
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(partial + suffix, { force: true })
  }
  log(`seeding ${formatCount(accounts)} accounts into ${file}...`)
  const started = performance.now()
  const sandbox = createSandbox({ db: partial, ...seedOptions(accounts) })
  sandbox.store.db.pragma('wal_checkpoint(TRUNCATE)')
  sandbox.close()
  rmSync(`${partial}-wal`, { force: true })
  rmSync(`${partial}-shm`, { force: true })
  renameSync(partial, file)
  log(`seeded in ${formatSeconds(performance.now() - started)}`)
  return file
}

/** A private copy of a cached database, for a server that may write to it. */
export function workingCopy(cached: string, dir: string, name: string): string {
  const copy = join(dir, `${name}.db`)
  copyFileSync(cached, copy)
  return copy
}
