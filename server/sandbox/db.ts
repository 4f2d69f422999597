import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'

import Database from 'better-sqlite3'

export type Db = Database.Database

const SCHEMA_VERSION = '2'
/** 64 MiB (negative: KiB, as SQLite reads it). */
const SEED_CACHE_SIZE = -65_536

/**
 * Accounts keep their JSON columns as Seam returns them; the extra columns
 * (`seq`, `user_identifier_key`, `transient_codes`, `search_text`) exist only
 * to filter, order, search and simulate syncs.
 */
const schema = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE customers (
  customer_id TEXT PRIMARY KEY,
  customer_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE connected_accounts (
  seq INTEGER PRIMARY KEY,
  connected_account_id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  account_type TEXT NOT NULL,
  account_type_display_name TEXT NOT NULL,
  display_name TEXT NOT NULL,
  customer_key TEXT,
  user_identifier_key TEXT,
  user_identifier TEXT,
  email TEXT,
  custom_metadata TEXT NOT NULL,
  errors TEXT NOT NULL,
  warnings TEXT NOT NULL,
  transient_codes TEXT NOT NULL,
  automatically_manage_new_devices INTEGER NOT NULL,
  accepted_capabilities TEXT NOT NULL,
  search_text TEXT NOT NULL
);
CREATE INDEX connected_accounts_order
  ON connected_accounts (created_at DESC, connected_account_id DESC);
CREATE INDEX connected_accounts_customer
  ON connected_accounts (customer_key, created_at DESC, connected_account_id DESC);
CREATE INDEX connected_accounts_user
  ON connected_accounts (user_identifier_key, created_at DESC, connected_account_id DESC);
CREATE INDEX connected_accounts_email ON connected_accounts (email);

-- One row per metadata pair, so custom_metadata_has is an index lookup.
-- Values are stored JSON-encoded: the string "true" and the boolean true differ.
CREATE TABLE account_metadata (
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  seq INTEGER NOT NULL REFERENCES connected_accounts (seq) ON DELETE CASCADE,
  PRIMARY KEY (key, value, seq)
) WITHOUT ROWID;
CREATE INDEX account_metadata_seq ON account_metadata (seq);

-- Trigram index: partial, case-insensitive search without scanning every row.
CREATE VIRTUAL TABLE connected_accounts_search USING fts5 (
  search_text,
  content = 'connected_accounts',
  content_rowid = 'seq',
  tokenize = 'trigram'
);
CREATE TRIGGER connected_accounts_search_insert AFTER INSERT ON connected_accounts BEGIN
  INSERT INTO connected_accounts_search (rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER connected_accounts_search_delete AFTER DELETE ON connected_accounts BEGIN
  INSERT INTO connected_accounts_search (connected_accounts_search, rowid, search_text)
    VALUES ('delete', old.seq, old.search_text);
END;
CREATE TRIGGER connected_accounts_search_update AFTER UPDATE OF search_text ON connected_accounts BEGIN
  INSERT INTO connected_accounts_search (connected_accounts_search, rowid, search_text)
    VALUES ('delete', old.seq, old.search_text);
  INSERT INTO connected_accounts_search (rowid, search_text) VALUES (new.seq, new.search_text);
END;

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  event_type TEXT NOT NULL,
  connected_account_id TEXT,
  connect_webview_id TEXT,
  customer_key TEXT,
  created_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX events_order ON events (created_at DESC, seq DESC);
CREATE INDEX events_account ON events (connected_account_id, created_at DESC, seq DESC);

-- Devices keep Seam's own fields; what depends on the model or the account
-- (capabilities, provider, the account's errors) is added when read.
CREATE TABLE devices (
  seq INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL UNIQUE,
  connected_account_id TEXT NOT NULL
    REFERENCES connected_accounts (connected_account_id) ON DELETE CASCADE,
  device_type TEXT NOT NULL,
  display_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  properties TEXT NOT NULL,
  location TEXT,
  errors TEXT NOT NULL,
  warnings TEXT NOT NULL,
  custom_metadata TEXT NOT NULL
);
CREATE INDEX devices_order ON devices (created_at DESC, device_id DESC);
CREATE INDEX devices_account ON devices (connected_account_id);

-- The url is built when read, from the base URL the client reached the sandbox at.
CREATE TABLE connect_webviews (
  seq INTEGER PRIMARY KEY,
  connect_webview_id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  auth_token TEXT NOT NULL,
  body TEXT NOT NULL
);
`

export interface OpenedDatabase {
  db: Db
  /** True when the schema was just created: the caller seeds it. */
  isNew: boolean
}

export interface OpenDatabaseOptions {
  reset?: boolean
  /** Runs in the same transaction as the schema, so a new database is never left half-seeded. */
  initialize?: (db: Db) => void
}

export function openDatabase(
  path: string,
  { reset = false, initialize }: OpenDatabaseOptions = {},
): OpenedDatabase {
  const inMemory = path === ':memory:'
  if (!inMemory) {
    if (reset) {
      for (const suffix of ['', '-wal', '-shm'])
        rmSync(path + suffix, { force: true })
    }
    mkdirSync(dirname(path), { recursive: true })
  }
  const db = new Database(path)
  if (!inMemory) db.pragma('journal_mode = WAL')
  // NORMAL in WAL mode: a committed write survives the process being killed.
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')

  const hasSchema =
    db
      .prepare(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
      )
      .get() !== undefined
  if (hasSchema) {
    const version = db
      .prepare("SELECT value FROM meta WHERE key = 'schema_version'")
      .pluck()
      .get()
    if (version !== SCHEMA_VERSION) {
      db.close()
      throw new Error(
        `The sandbox database ${path} has schema version ${String(version)}, expected ${SCHEMA_VERSION}: start with --reset to recreate it.`,
      )
    }
    return { db, isNew: false }
  }
  // Seeding inserts into indexes keyed by random ids: with better-sqlite3's
  // default 16 MB page cache, 100,000 accounts spend a fifth of the seed
  // re-reading index pages. The default comes back once the seed is written.
  const cacheSize: unknown = db.pragma('cache_size', { simple: true })
  db.pragma(`cache_size = ${SEED_CACHE_SIZE}`)
  db.transaction(() => {
    db.exec(schema)
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
    setMeta.run('schema_version', SCHEMA_VERSION)
    setMeta.run('cursor_secret', randomBytes(32).toString('hex'))
    initialize?.(db)
  })()
  db.pragma(`cache_size = ${Number(cacheSize)}`)
  return { db, isNew: true }
}

export function getMeta(db: Db, key: string): string | undefined {
  const value: unknown = db
    .prepare('SELECT value FROM meta WHERE key = ?')
    .pluck()
    .get(key)
  return typeof value === 'string' ? value : undefined
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value)
}
