import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

import Database from 'better-sqlite3'

import { ROLES } from '../embed/model'
import { createAuditIdFactory } from './audit-id'
import type {
  AuditAction,
  AuditChanges,
  AuditOutcome,
  AuditRecord,
} from './model'
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from './model'
import { createSanitizer, MAX_LENGTH } from './sanitize'

const SCHEMA_VERSION = 1

const list = (values: readonly string[]) =>
  values.map((value) => `'${value}'`).join(', ')

/**
 * Append-only, enforced by the database itself: a record cannot be deleted
 * (nor replaced, which is a delete), is always written pending, and its
 * outcome columns are filled in once. Whoever can write the file can still
 * drop the table; the triggers stop the application and its bugs, not root.
 */
const schema = `
CREATE TABLE IF NOT EXISTS audit_records (
  audit_id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_email TEXT,
  actor_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN (${list(ROLES)})),
  via TEXT NOT NULL CHECK (via IN ('dashboard', 'embed')),
  origin TEXT,
  action TEXT NOT NULL CHECK (action IN (${list(AUDIT_ACTIONS)})),
  connected_account_id TEXT,
  changes TEXT CHECK (changes IS NULL OR json_valid(changes)),
  request_id TEXT NOT NULL,
  truncated INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1)),
  outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN (${list(AUDIT_OUTCOMES)})),
  upstream_status INTEGER,
  error_type TEXT,
  completed_at TEXT
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS audit_records_account
  ON audit_records (connected_account_id, audit_id);
CREATE INDEX IF NOT EXISTS audit_records_actor
  ON audit_records (actor_id, audit_id);
CREATE INDEX IF NOT EXISTS audit_records_actor_email
  ON audit_records (actor_email COLLATE NOCASE, audit_id);
CREATE INDEX IF NOT EXISTS audit_records_action
  ON audit_records (action, audit_id);

CREATE TRIGGER IF NOT EXISTS audit_records_no_delete
BEFORE DELETE ON audit_records
BEGIN
  SELECT RAISE(ABORT, 'audit_records is append-only: records cannot be deleted');
END;

CREATE TRIGGER IF NOT EXISTS audit_records_insert_pending
BEFORE INSERT ON audit_records
WHEN NEW.outcome IS NOT 'pending'
  OR NEW.upstream_status IS NOT NULL
  OR NEW.error_type IS NOT NULL
  OR NEW.completed_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'audit_records: a new record starts pending, without an outcome');
END;

CREATE TRIGGER IF NOT EXISTS audit_records_complete_once
BEFORE UPDATE ON audit_records
WHEN OLD.outcome IS NOT 'pending'
  OR NEW.outcome NOT IN ('succeeded', 'failed')
  OR NEW.completed_at IS NULL
  OR NEW.audit_id IS NOT OLD.audit_id
  OR NEW.created_at IS NOT OLD.created_at
  OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.actor_email IS NOT OLD.actor_email
  OR NEW.actor_name IS NOT OLD.actor_name
  OR NEW.role IS NOT OLD.role
  OR NEW.via IS NOT OLD.via
  OR NEW.origin IS NOT OLD.origin
  OR NEW.action IS NOT OLD.action
  OR NEW.connected_account_id IS NOT OLD.connected_account_id
  OR NEW.changes IS NOT OLD.changes
  OR NEW.request_id IS NOT OLD.request_id
  OR NOT (NEW.truncated = OLD.truncated OR (OLD.truncated = 0 AND NEW.truncated = 1))
BEGIN
  SELECT RAISE(ABORT, 'audit_records is append-only: only the outcome of a pending record can be filled in, once');
END;
`

/** What is known of a call when it is recorded, before it is forwarded. */
export interface NewAuditRecord {
  /** When the call was received, in milliseconds since the epoch. */
  receivedAt: number
  actor: { id: string; email: string | null; name: string }
  role: AuditRecord['role']
  via: AuditRecord['via']
  origin: string | null
  action: AuditAction
  connectedAccountId: string | null
  changes: AuditChanges | null
  requestId: string
}

export interface AuditCompletion {
  outcome: Exclude<AuditOutcome, 'pending'>
  status: number | null
  errorType: string | null
  /** Milliseconds since the epoch. */
  completedAt: number
}

/** Filters of a listing; every one present must match. */
export interface AuditFilters {
  /** An actor id, or an email (any case). */
  actor?: string
  connected_account_id?: string
  action?: AuditAction
  outcome?: AuditOutcome
  /** ISO times, both inclusive. */
  from?: string
  to?: string
}

export interface AuditPage {
  records: AuditRecord[]
  /** The id of the last record when more follow, else null. */
  lastId: string | null
}

interface Row {
  audit_id: string
  created_at: string
  actor_id: string
  actor_email: string | null
  actor_name: string
  role: AuditRecord['role']
  via: AuditRecord['via']
  origin: string | null
  action: AuditAction
  connected_account_id: string | null
  changes: string | null
  request_id: string
  truncated: 0 | 1
  outcome: AuditOutcome
  upstream_status: number | null
  error_type: string | null
  completed_at: string | null
}

const toRecord = (row: Row): AuditRecord => ({
  audit_id: row.audit_id,
  created_at: row.created_at,
  actor: { id: row.actor_id, email: row.actor_email, name: row.actor_name },
  role: row.role,
  via: row.via,
  origin: row.origin,
  action: row.action,
  connected_account_id: row.connected_account_id,
  changes:
    row.changes === null ? null : (JSON.parse(row.changes) as AuditChanges),
  outcome: row.outcome,
  upstream_status: row.upstream_status,
  error_type: row.error_type,
  request_id: row.request_id,
  completed_at: row.completed_at,
  truncated: row.truncated === 1,
})

const iso = (ms: number) => new Date(ms).toISOString()

/** The audit log's SQLite database: records are added and completed, never changed. */
export class AuditStore {
  private readonly nextId = createAuditIdFactory()
  private readonly insert: Database.Statement
  private readonly completeStatement: Database.Statement
  private readonly byId: Database.Statement<[string], Row>

  constructor(readonly db: Database.Database) {
    this.insert = db.prepare(`
      INSERT INTO audit_records (
        audit_id, created_at, actor_id, actor_email, actor_name, role, via,
        origin, action, connected_account_id, changes, request_id, truncated
      ) VALUES (
        @audit_id, @created_at, @actor_id, @actor_email, @actor_name, @role,
        @via, @origin, @action, @connected_account_id, @changes, @request_id,
        @truncated
      )`)
    this.completeStatement = db.prepare(`
      UPDATE audit_records
      SET outcome = @outcome, upstream_status = @upstream_status,
        error_type = @error_type, completed_at = @completed_at,
        truncated = MAX(truncated, @truncated)
      WHERE audit_id = @audit_id AND outcome = 'pending'`)
    this.byId = db.prepare<[string], Row>(
      'SELECT * FROM audit_records WHERE audit_id = ?',
    )
  }

  /** Writes a pending record and returns its id. */
  begin(record: NewAuditRecord): string {
    const clean = createSanitizer()
    const optional = (value: string | null, max?: number) =>
      value === null ? null : clean.text(value, max)
    const row = {
      audit_id: this.nextId(record.receivedAt),
      created_at: iso(record.receivedAt),
      actor_id: clean.text(record.actor.id, MAX_LENGTH.id),
      actor_email: optional(record.actor.email, MAX_LENGTH.id),
      actor_name: clean.text(record.actor.name, MAX_LENGTH.id),
      role: record.role,
      via: record.via,
      origin: optional(record.origin, MAX_LENGTH.id),
      action: record.action,
      connected_account_id: optional(record.connectedAccountId, MAX_LENGTH.id),
      changes:
        record.changes === null
          ? null
          : JSON.stringify(clean.value(record.changes)),
      request_id: clean.text(record.requestId, MAX_LENGTH.id),
    }
    this.insert.run({ ...row, truncated: clean.truncated ? 1 : 0 })
    return row.audit_id
  }

  /** Fills in the outcome of a pending record; false when it was not pending. */
  complete(auditId: string, completion: AuditCompletion): boolean {
    const clean = createSanitizer()
    const errorType =
      completion.errorType === null
        ? null
        : clean.text(completion.errorType, MAX_LENGTH.type)
    const result = this.completeStatement.run({
      audit_id: auditId,
      outcome: completion.outcome,
      upstream_status: completion.status,
      error_type: errorType,
      completed_at: iso(completion.completedAt),
      truncated: clean.truncated ? 1 : 0,
    })
    return result.changes === 1
  }

  /** A call that ended before it was forwarded: written and completed at once. */
  record(record: NewAuditRecord, completion: AuditCompletion): string {
    return this.db.transaction(() => {
      const auditId = this.begin(record)
      this.complete(auditId, completion)
      return auditId
    })()
  }

  get(auditId: string): AuditRecord | undefined {
    const row = this.byId.get(auditId)
    return row && toRecord(row)
  }

  /** Newest first, from just before `before` (an audit id) when given. */
  list(filters: AuditFilters, limit: number, before?: string): AuditPage {
    const where: string[] = []
    const params: Record<string, string | number> = { limit: limit + 1 }
    if (filters.actor !== undefined) {
      where.push('(actor_id = @actor OR actor_email = @actor COLLATE NOCASE)')
      params.actor = filters.actor
    }
    for (const column of [
      'connected_account_id',
      'action',
      'outcome',
    ] as const) {
      const value = filters[column]
      if (value === undefined) continue
      where.push(`${column} = @${column}`)
      params[column] = value
    }
    if (filters.from !== undefined) {
      where.push('created_at >= @from')
      params.from = filters.from
    }
    if (filters.to !== undefined) {
      where.push('created_at <= @to')
      params.to = filters.to
    }
    if (before !== undefined) {
      where.push('audit_id < @before')
      params.before = before
    }
    const rows = this.db
      .prepare<Record<string, string | number>, Row>(
        `SELECT * FROM audit_records
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY audit_id DESC LIMIT @limit`,
      )
      .all(params)
    const records = rows.slice(0, limit).map(toRecord)
    return {
      records,
      lastId:
        rows.length > limit
          ? (records[records.length - 1]?.audit_id ?? null)
          : null,
    }
  }

  close(): void {
    this.db.close()
  }
}

/**
 * Opens (and creates) the audit database at `path`, or in memory for
 * `:memory:`. WAL lets the log be read while calls are recorded.
 */
export function openAuditStore(path: string): AuditStore {
  if (path !== ':memory:') {
    mkdirSync(dirname(resolve(path)), { recursive: true })
  }
  const db = new Database(path)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('busy_timeout = 5000')
    // REPLACE deletes the row it replaces; only with recursive triggers
    // does that delete meet the trigger that forbids it.
    db.pragma('recursive_triggers = ON')
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `${path} holds audit schema version ${version}; this server knows ${SCHEMA_VERSION}`,
      )
    }
    db.exec(schema)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  } catch (error) {
    db.close()
    throw error
  }
  return new AuditStore(db)
}
