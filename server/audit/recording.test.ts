import { afterEach, describe, expect, it } from 'vitest'

import { LOCAL_PRINCIPAL } from '../auth/principal'
import type { StoredAccount } from '../sandbox/store'
import type { Upstream } from '../upstream'
import type { AuditRecord } from './model'
import type { AuditHarness, AuditHarnessOptions } from './test-harness'
import { onlyRecord, PORTAL, startAuditHarness } from './test-harness'

const harnesses: AuditHarness[] = []
afterEach(() => {
  for (const h of harnesses.splice(0)) h.cleanup()
})

function start(options?: AuditHarnessOptions): AuditHarness {
  const h = startAuditHarness(options)
  harnesses.push(h)
  return h
}

function firstAccount(h: AuditHarness): StoredAccount {
  const [account] = h.accounts()
  if (!account) throw new Error('the sandbox has no accounts')
  return account
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

/** The fields every record of the local user in AUTH_MODE=none has. */
const localActor = {
  actor: { id: 'local', email: null, name: LOCAL_PRINCIPAL.name },
  role: 'admin',
  via: 'dashboard',
  origin: null,
} satisfies Partial<AuditRecord>

describe('a record per state-changing call', () => {
  it.each([
    ['connected_accounts/sync'],
    ['connected_accounts/delete'],
    ['connected_accounts/simulate/disconnect'],
  ] as const)('%s: pending before, succeeded after', async (action) => {
    const h = start()
    const account = firstAccount(h)
    const res = await h.post(`/api/${action}`, {
      connected_account_id: account.connected_account_id,
    })
    expect(res.status).toBe(200)
    const record = onlyRecord(h)
    expect(record).toMatchObject({
      ...localActor,
      action,
      connected_account_id: account.connected_account_id,
      changes: null,
      outcome: 'succeeded',
      upstream_status: 200,
      error_type: null,
      request_id: res.headers.get('x-request-id'),
      created_at: new Date(h.clock.now).toISOString(),
      completed_at: new Date(h.clock.now).toISOString(),
      truncated: false,
    })
    expect(record.audit_id).toMatch(/^aud_[0-9A-Z]{26}$/)
  })

  it('connect_webviews/create: a reconnect link, without an account id', async () => {
    const h = start()
    const res = await h.post('/api/connect_webviews/create', {
      accepted_providers: ['august'],
    })
    expect(res.status).toBe(200)
    expect(onlyRecord(h)).toMatchObject({
      action: 'connect_webviews/create',
      connected_account_id: null,
      outcome: 'succeeded',
      upstream_status: 200,
    })
  })

  it('writes the record before the call goes upstream', async () => {
    let seenWhileForwarding: AuditRecord[] = []
    const h = start({
      upstream: (inner): Upstream => ({
        ...inner,
        post(path, body, init) {
          if (path === 'connected_accounts/sync')
            seenWhileForwarding = h.records()
          return inner.post(path, body, init)
        },
      }),
    })
    await h.post('/api/connected_accounts/sync', {
      connected_account_id: firstAccount(h).connected_account_id,
    })
    expect(seenWhileForwarding).toHaveLength(1)
    expect(seenWhileForwarding[0]).toMatchObject({
      outcome: 'pending',
      upstream_status: null,
      completed_at: null,
    })
    expect(onlyRecord(h).outcome).toBe('succeeded')
  })

  it('records each item of a bulk sync', async () => {
    const h = start()
    const ids = h
      .accounts()
      .slice(0, 4)
      .map((a) => a.connected_account_id)
    const statuses = await Promise.all(
      ids.map(async (id) => {
        const res = await h.post('/api/connected_accounts/sync', {
          connected_account_id: id,
        })
        return res.status
      }),
    )
    expect(statuses).toEqual([200, 200, 200, 200])
    const records = h.records()
    expect(records.map((r) => r.connected_account_id).sort()).toEqual(
      [...ids].sort(),
    )
    expect(new Set(records.map((r) => r.request_id)).size).toBe(4)
    expect(records.every((r) => r.outcome === 'succeeded')).toBe(true)
  })

  it('records nothing for reads', async () => {
    const h = start()
    await h.post('/api/connected_accounts/list', { limit: 2 })
    await h.post('/api/connected_accounts/get', {
      connected_account_id: firstAccount(h).connected_account_id,
    })
    expect(h.records()).toEqual([])
  })
})

describe('failed calls', () => {
  it('an update with invalid metadata: failed, 400 invalid_input', async () => {
    const h = start()
    const account = firstAccount(h)
    const res = await h.post('/api/connected_accounts/update', {
      connected_account_id: account.connected_account_id,
      custom_metadata: { nested: { not: 'allowed' } },
    })
    expect(res.status).toBe(400)
    expect(onlyRecord(h)).toMatchObject({
      action: 'connected_accounts/update',
      connected_account_id: account.connected_account_id,
      outcome: 'failed',
      upstream_status: 400,
      error_type: 'invalid_input',
      changes: {
        fields: {
          custom_metadata: {
            old: account.custom_metadata,
            new: { nested: { not: 'allowed' } },
          },
        },
      },
    })
  })

  it('a delete of an unknown account: failed, 404', async () => {
    const h = start()
    const res = await h.post('/api/connected_accounts/delete', {
      connected_account_id: UNKNOWN_ID,
    })
    expect(res.status).toBe(404)
    expect(onlyRecord(h)).toMatchObject({
      action: 'connected_accounts/delete',
      connected_account_id: UNKNOWN_ID,
      outcome: 'failed',
      upstream_status: 404,
      error_type: 'connected_account_not_found',
    })
  })

  it('an update of an unknown account: failed, and no change known', async () => {
    const h = start()
    const res = await h.post('/api/connected_accounts/update', {
      connected_account_id: UNKNOWN_ID,
      display_name: 'New name',
    })
    expect(res.status).toBe(404)
    expect(onlyRecord(h)).toMatchObject({
      outcome: 'failed',
      changes: null,
      error_type: 'connected_account_not_found',
    })
  })

  it('a sync the upstream never answers: failed, 504 upstream_timeout', async () => {
    const h = start({
      upstream: (inner): Upstream => ({
        ...inner,
        post(path, body, init) {
          if (path !== 'connected_accounts/sync') {
            return inner.post(path, body, init)
          }
          return new Promise((_, reject) => {
            init.signal.addEventListener('abort', () => {
              reject(init.signal.reason as Error)
            })
          })
        },
      }),
    })
    const res = await h.post('/api/connected_accounts/sync', {
      connected_account_id: firstAccount(h).connected_account_id,
    })
    expect(res.status).toBe(504)
    expect(onlyRecord(h)).toMatchObject({
      outcome: 'failed',
      upstream_status: 504,
      error_type: 'upstream_timeout',
    })
  })

  it('a body that is not JSON: refused before forwarding, recorded as failed', async () => {
    const h = start()
    const res = await h.post('/api/connected_accounts/delete', '{not json')
    expect(res.status).toBe(400)
    expect(onlyRecord(h)).toMatchObject({
      action: 'connected_accounts/delete',
      connected_account_id: null,
      outcome: 'failed',
      upstream_status: 400,
      error_type: 'invalid_input',
    })
  })

  it('a cross-site request: refused before its body is read, still names the account', async () => {
    const h = start()
    const id = firstAccount(h).connected_account_id
    const res = await h.post(
      '/api/connected_accounts/delete',
      { connected_account_id: id },
      { headers: { origin: 'https://evil.example' } },
    )
    expect(res.status).toBe(403)
    expect(onlyRecord(h)).toMatchObject({
      connected_account_id: id,
      outcome: 'failed',
      upstream_status: 403,
      error_type: 'cross_site_request',
    })
  })

  it('a delete over the rate limit: refused before forwarding, failed 429', async () => {
    const h = start({ env: { RATE_LIMIT_DESTRUCTIVE_PER_MINUTE: '1' } })
    const [first, second] = h.accounts()
    if (!first || !second) throw new Error('too few accounts')
    await h.post('/api/connected_accounts/delete', {
      connected_account_id: first.connected_account_id,
    })
    const res = await h.post('/api/connected_accounts/delete', {
      connected_account_id: second.connected_account_id,
    })
    expect(res.status).toBe(429)
    const { error } = (await res.json()) as { error: { type: string } }
    const [, refused] = h.records()
    expect(refused).toMatchObject({
      action: 'connected_accounts/delete',
      connected_account_id: second.connected_account_id,
      outcome: 'failed',
      upstream_status: 429,
      error_type: error.type,
      request_id: res.headers.get('x-request-id'),
    })
    expect(
      h.sandbox.sandbox.store.getAccount(second.connected_account_id),
    ).toBeDefined()
  })

  it('a body over the size limit: failed 413, without reading it all', async () => {
    const h = start()
    const res = await h.post('/api/connected_accounts/delete', {
      connected_account_id: firstAccount(h).connected_account_id,
      padding: 'x'.repeat(70 * 1024),
    })
    expect(res.status).toBe(413)
    expect(onlyRecord(h)).toMatchObject({
      connected_account_id: null,
      outcome: 'failed',
      upstream_status: 413,
      error_type: 'payload_too_large',
    })
  })

  it('a request whose session is unknown: 401, no one to record it for', async () => {
    const h = start()
    const res = await h.post(
      '/api/connected_accounts/delete',
      { connected_account_id: firstAccount(h).connected_account_id },
      { session: 'sacs_not-a-session' },
    )
    expect(res.status).toBe(401)
    expect(h.records()).toEqual([])
  })

  it('a call the audit log cannot record is not forwarded', async () => {
    const forwarded: string[] = []
    const h = start({
      upstream: (inner): Upstream => ({
        ...inner,
        post(path, body, init) {
          forwarded.push(path)
          return inner.post(path, body, init)
        },
      }),
    })
    h.store.db.exec(`CREATE TRIGGER refuse_all BEFORE INSERT ON audit_records
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    const account = firstAccount(h)
    const res = await h.post('/api/connected_accounts/delete', {
      connected_account_id: account.connected_account_id,
    })
    expect(res.status).toBe(503)
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe(
      'audit_unavailable',
    )
    expect(forwarded).not.toContain('connected_accounts/delete')
    expect(
      h.sandbox.sandbox.store.getAccount(account.connected_account_id),
    ).toBeDefined()
    expect(h.logs.some((line) => line.includes('audit_record_failed'))).toBe(
      true,
    )
  })
})

describe('what an update changed', () => {
  it('keeps the metadata diff and the other fields, old and new', async () => {
    const h = start()
    const account = firstAccount(h)
    const before = account.custom_metadata
    const keys = Object.keys(before).sort()
    const [kept, changed, removed] = keys
    if (!kept || !changed || !removed) throw new Error('too little metadata')
    const res = await h.post('/api/connected_accounts/update', {
      connected_account_id: account.connected_account_id,
      custom_metadata: {
        [kept]: before[kept],
        [changed]: 'a new value',
        [removed]: null,
        added_key: true,
      },
      display_name: 'Front door',
      automatically_manage_new_devices:
        !account.automatically_manage_new_devices,
      accepted_capabilities: account.accepted_capabilities,
    })
    expect(res.status).toBe(200)
    const dropped = keys.filter((key) => ![kept, changed].includes(key))
    expect(onlyRecord(h).changes).toEqual({
      custom_metadata: [
        { key: 'added_key', change: 'added', old: null, new: true },
        {
          key: changed,
          change: 'changed',
          old: before[changed],
          new: 'a new value',
        },
        ...dropped.map((key) => ({
          key,
          change: 'removed',
          old: before[key],
          new: null,
        })),
      ].sort((a, b) => (a.key < b.key ? -1 : 1)),
      fields: {
        display_name: { old: account.display_name, new: 'Front door' },
        automatically_manage_new_devices: {
          old: account.automatically_manage_new_devices,
          new: !account.automatically_manage_new_devices,
        },
      },
    })
    expect(onlyRecord(h).outcome).toBe('succeeded')
  })
})

describe('who and where from', () => {
  it("an embedded session's record says embed, its role and its portal", async () => {
    const h = start()
    const session = await h.session(
      'operator',
      {},
      {
        subject: 'pat@portal.example.com',
        origin: PORTAL,
      },
    )
    const id = firstAccount(h).connected_account_id
    const res = await h.post(
      '/api/connected_accounts/sync',
      { connected_account_id: id },
      { session },
    )
    expect(res.status).toBe(200)
    expect(onlyRecord(h)).toMatchObject({
      actor: { id: 'embed:pat@portal.example.com' },
      role: 'operator',
      via: 'embed',
      origin: PORTAL,
      connected_account_id: id,
      outcome: 'succeeded',
    })
  })

  it("an embedded session's call its role forbids: failed, 403 forbidden", async () => {
    const h = start()
    const session = await h.session('viewer', {}, { origin: PORTAL })
    const id = firstAccount(h).connected_account_id
    const res = await h.post(
      '/api/connected_accounts/delete',
      { connected_account_id: id },
      { session },
    )
    expect(res.status).toBe(403)
    expect(onlyRecord(h)).toMatchObject({
      role: 'viewer',
      via: 'embed',
      origin: PORTAL,
      action: 'connected_accounts/delete',
      connected_account_id: id,
      outcome: 'failed',
      upstream_status: 403,
      error_type: 'forbidden',
    })
    expect(h.sandbox.sandbox.store.getAccount(id)).toBeDefined()
  })

  it('sanitises what the caller controls', async () => {
    const h = start()
    const account = firstAccount(h)
    await h.post('/api/connected_accounts/update', {
      connected_account_id: account.connected_account_id,
      display_name: 'Lobby\u202e\u0007door',
    })
    expect(onlyRecord(h).changes?.fields?.display_name?.new).toBe(
      'Lobby\ufffd\ufffddoor',
    )
  })
})
