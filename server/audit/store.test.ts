import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { createAuditIdFactory } from './audit-id'
import type { AuditStore, NewAuditRecord } from './store'
import { openAuditStore } from './store'

const stores: AuditStore[] = []
const dirs: string[] = []
afterEach(() => {
  for (const store of stores.splice(0)) if (store.db.open) store.close()
  for (const dir of dirs.splice(0))
    rmSync(dir, { recursive: true, force: true })
})

function open(path = ':memory:'): AuditStore {
  const store = openAuditStore(path)
  stores.push(store)
  return store
}

const T0 = Date.parse('2026-11-01T12:00:00.000Z')

const entry = (overrides: Partial<NewAuditRecord> = {}): NewAuditRecord => ({
  receivedAt: T0,
  actor: { id: 'u1', email: 'ada@example.com', name: 'Ada' },
  role: 'admin',
  via: 'dashboard',
  origin: null,
  action: 'connected_accounts/delete',
  connectedAccountId: 'acct-1',
  changes: null,
  requestId: 'req-1',
  ...overrides,
})

const done = {
  outcome: 'succeeded',
  status: 200,
  errorType: null,
  completedAt: T0 + 5,
} as const

describe('openAuditStore', () => {
  it('creates the folder, uses WAL, and keeps records across a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-store-'))
    dirs.push(dir)
    const path = join(dir, 'nested', 'audit.db')
    const store = open(path)
    expect(existsSync(path)).toBe(true)
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    const id = store.begin(entry())
    store.complete(id, done)
    store.close()

    const again = open(path)
    expect(again.get(id)).toMatchObject({ audit_id: id, outcome: 'succeeded' })
  })

  it('refuses a database of a newer schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-store-'))
    dirs.push(dir)
    const path = join(dir, 'audit.db')
    const store = open(path)
    store.db.pragma('user_version = 99')
    store.close()
    expect(() => openAuditStore(path)).toThrow(/schema version 99/)
  })
})

describe('append-only, in the database', () => {
  it('refuses DELETE', () => {
    const store = open()
    const id = store.begin(entry())
    expect(() =>
      store.db.prepare('DELETE FROM audit_records WHERE audit_id = ?').run(id),
    ).toThrow(/append-only: records cannot be deleted/)
    expect(() => store.db.exec('DELETE FROM audit_records')).toThrow(
      /append-only/,
    )
    expect(store.get(id)).toBeDefined()
  })

  it('refuses INSERT OR REPLACE over a record (a delete in disguise)', () => {
    const store = open()
    const id = store.begin(entry())
    expect(() =>
      store.db
        .prepare(
          `INSERT OR REPLACE INTO audit_records
            (audit_id, created_at, actor_id, actor_name, role, via, action, request_id)
          VALUES (?, '2000-01-01T00:00:00.000Z', 'x', 'x', 'admin', 'dashboard', 'connected_accounts/sync', 'r')`,
        )
        .run(id),
    ).toThrow(/append-only/)
    expect(store.get(id)?.actor.id).toBe('u1')
  })

  it('refuses a record that starts with an outcome', () => {
    const store = open()
    expect(() =>
      store.db.exec(`INSERT INTO audit_records
        (audit_id, created_at, actor_id, actor_name, role, via, action, request_id, outcome, completed_at)
        VALUES ('aud_x', '2026', 'x', 'x', 'admin', 'dashboard', 'connected_accounts/sync', 'r', 'succeeded', '2026')`),
    ).toThrow(/starts pending/)
  })

  it.each([
    ['actor_id', "'someone else'"],
    ['connected_account_id', "'acct-2'"],
    ['changes', `'{"fields":{}}'`],
    ['created_at', "'2000-01-01T00:00:00.000Z'"],
    ['request_id', "'req-2'"],
  ])('refuses an UPDATE of %s, even with the outcome', (column, value) => {
    const store = open()
    const id = store.begin(entry())
    expect(() =>
      store.db.exec(
        `UPDATE audit_records SET ${column} = ${value} WHERE audit_id = '${id}'`,
      ),
    ).toThrow(/append-only/)
    expect(() =>
      store.db.exec(
        `UPDATE audit_records SET ${column} = ${value}, outcome = 'failed',
          completed_at = '2026-11-01T12:00:01.000Z' WHERE audit_id = '${id}'`,
      ),
    ).toThrow(/append-only/)
    expect(store.get(id)?.outcome).toBe('pending')
  })

  it('fills in the outcome once, and refuses a second time', () => {
    const store = open()
    const id = store.begin(entry())
    expect(store.complete(id, done)).toBe(true)
    expect(
      store.complete(id, { ...done, outcome: 'failed', status: 500 }),
    ).toBe(false)
    expect(() =>
      store.db.exec(
        `UPDATE audit_records SET outcome = 'failed', upstream_status = 500 WHERE audit_id = '${id}'`,
      ),
    ).toThrow(/append-only/)
    expect(store.get(id)).toMatchObject({
      outcome: 'succeeded',
      upstream_status: 200,
      completed_at: new Date(T0 + 5).toISOString(),
    })
  })

  it('refuses an outcome without a completion time, or back to pending', () => {
    const store = open()
    const id = store.begin(entry())
    expect(() =>
      store.db.exec(
        `UPDATE audit_records SET outcome = 'failed' WHERE audit_id = '${id}'`,
      ),
    ).toThrow(/append-only/)
    expect(() =>
      store.db.exec(
        `UPDATE audit_records SET error_type = 'x' WHERE audit_id = '${id}'`,
      ),
    ).toThrow(/append-only/)
  })
})

describe('sanitising', () => {
  it('replaces controls and bidi marks with U+FFFD in every stored string', () => {
    const store = open()
    const nasty = 'a\u0000b\tc\nd\re\u001bf\u0085g\u202eh\u2066i\u200fj\ud800k'
    const id = store.begin(
      entry({
        actor: { id: nasty, email: nasty, name: nasty },
        origin: nasty,
        connectedAccountId: nasty,
        requestId: nasty,
        changes: {
          custom_metadata: [
            { key: nasty, change: 'added', old: null, new: nasty },
          ],
          fields: { display_name: { old: nasty, new: [nasty] } },
        },
      }),
    )
    store.complete(id, { ...done, outcome: 'failed', errorType: nasty })
    const clean =
      'a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg\ufffdh\ufffdi\ufffdj\ufffdk'
    expect(store.get(id)).toMatchObject({
      actor: { id: clean, email: clean, name: clean },
      origin: clean,
      connected_account_id: clean,
      request_id: clean,
      error_type: clean,
      changes: {
        custom_metadata: [
          { key: clean, change: 'added', old: null, new: clean },
        ],
        fields: { display_name: { old: clean, new: [clean] } },
      },
      truncated: false,
    })
  })

  it('keeps ordinary text, emoji and other scripts as they are', () => {
    const store = open()
    const text = 'Café 🔑 عربى 東京 "quoted", =x'
    const id = store.begin(
      entry({ actor: { id: 'u', email: null, name: text } }),
    )
    expect(store.get(id)?.actor.name).toBe(text)
  })

  it('cuts an over-long value, says so in the value, and marks the record', () => {
    const store = open()
    const long = '🔑'.repeat(1_500)
    const id = store.begin(
      entry({
        changes: { fields: { display_name: { old: 'x', new: long } } },
      }),
    )
    const record = store.get(id)
    const value = record?.changes?.fields?.display_name?.new
    expect(value).toBe(`${'🔑'.repeat(1_024)}…[+476 characters]`)
    expect(record?.truncated).toBe(true)
    expect(store.get(store.begin(entry()))?.truncated).toBe(false)
  })

  it('marks a record whose error type was cut when it completed', () => {
    const store = open()
    const id = store.begin(entry())
    store.complete(id, {
      ...done,
      outcome: 'failed',
      errorType: 'e'.repeat(300),
    })
    expect(store.get(id)).toMatchObject({
      truncated: true,
      error_type: `${'e'.repeat(128)}…[+172 characters]`,
    })
  })
})

describe('audit ids', () => {
  it('sort by time, and in order within one millisecond', () => {
    const next = createAuditIdFactory()
    const ids = [
      next(T0),
      next(T0),
      next(T0),
      next(T0 + 1),
      next(T0 + 1_000),
      next(T0 + 86_400_000),
    ]
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^aud_[0-9A-HJKMNP-TV-Z]{26}$/)
  })
})
