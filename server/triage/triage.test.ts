import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

import type { ConnectedAccount } from '@seamapi/types/connect'
import type { Hono } from 'hono'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { createApp } from '../app'
import type { AppEnv } from '../app-env'
import { loadConfig } from '../config'
import type { SandboxOptions } from '../sandbox/create-sandbox'
import type { TestSandbox } from '../sandbox/test-sandbox'
import { startTestSandbox, TEST_NOW } from '../sandbox/test-sandbox'
import type { Upstream } from '../upstream'
import { sandboxUpstream } from '../upstream'
import type { TriageTuning } from './create-triage'
import type { TriageData, TriageState } from './model'

interface Harness {
  app: Hono<AppEnv>
  sandbox: TestSandbox
  /** Every upstream path the dashboard called, in order. */
  calls: string[]
  /** The request id of each of those calls. */
  callRequestIds: string[]
  /** While set, each `connected_accounts/list` call waits for `release()`. */
  holdPages: boolean
  waiting: (() => void)[]
  release(): void
  clock: { now: number }
}

const harnesses: Harness[] = []
const dirs: string[] = []

afterEach(() => {
  for (const h of harnesses.splice(0)) {
    h.holdPages = false
    h.release()
    h.sandbox.cleanup()
  }
  for (const dir of dirs.splice(0))
    rmSync(dir, { recursive: true, force: true })
})

function start(
  sandboxOptions: Partial<SandboxOptions> = {},
  tuning: TriageTuning = {},
  env: Record<string, string> = {},
): Harness {
  const sandbox = startTestSandbox({ accounts: 240, ...sandboxOptions })
  const distDir = mkdtempSync(join(tmpdir(), 'triage-dist-'))
  dirs.push(distDir)
  const inner = sandboxUpstream(sandbox.sandbox)
  const calls: string[] = []
  const callRequestIds: string[] = []
  const waiting: (() => void)[] = []
  const clock = { now: TEST_NOW.getTime() }
  const gate = { holdPages: false }
  // Counts the calls at the upstream boundary, and can hold a scan between
  // pages so a test sees it mid-walk.
  const upstream: Upstream = {
    ...inner,
    async post(path, body, init) {
      calls.push(path)
      callRequestIds.push(init.requestId)
      if (gate.holdPages && path === 'connected_accounts/list') {
        await new Promise<void>((resolve) => waiting.push(resolve))
      }
      return inner.post(path, body, init)
    },
  }
  const app = createApp({
    config: loadConfig(env),
    sandbox: sandbox.sandbox,
    upstream,
    distDir,
    log: () => undefined,
    triage: { now: () => clock.now, ...tuning },
  })
  const h: Harness = {
    app,
    sandbox,
    calls,
    callRequestIds,
    get holdPages() {
      return gate.holdPages
    },
    set holdPages(value) {
      gate.holdPages = value
    },
    waiting,
    release() {
      for (const resolve of waiting.splice(0)) resolve()
    },
    clock,
  }
  harnesses.push(h)
  return h
}

const listCalls = (h: Harness) =>
  h.calls.filter((path) => path === 'connected_accounts/list').length
/**
 * The triage's own reads of one account. The audit log also reads the
 * account just before an update, under the update's request id.
 */
function getCalls(h: Harness): number {
  const updates = new Set(
    h.callRequestIds.filter(
      (_, i) => h.calls[i] === 'connected_accounts/update',
    ),
  )
  return h.calls.filter(
    (path, i) =>
      path === 'connected_accounts/get' &&
      !updates.has(h.callRequestIds[i] ?? ''),
  ).length
}

async function read(h: Harness): Promise<TriageState> {
  const res = await h.app.request('/api/dashboard/triage')
  expect(res.status).toBe(200)
  expect(res.headers.get('cache-control')).toBe('no-store')
  return (await res.json()) as TriageState
}

/** Polls as the page does until no scan runs. */
async function settled(h: Harness): Promise<TriageState> {
  return vi.waitFor(
    async () => {
      const state = await read(h)
      if (state.progress !== null) throw new Error('still scanning')
      return state
    },
    { timeout: 15_000, interval: 5 },
  )
}

async function ready(h: Harness): Promise<TriageData> {
  const state = await settled(h)
  expect(state.status).toBe('ready')
  if (!state.data) throw new Error('no data')
  return state.data
}

function post(
  h: Harness,
  path: string,
  body: unknown = {},
  headers: Record<string, string> = {},
) {
  return h.app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: 'http://localhost',
      ...headers,
    },
    body: JSON.stringify(body),
  })
}

async function write(h: Harness, route: string, body: unknown) {
  const res = await post(h, `/api/${route}`, body)
  expect(res.status).toBe(200)
}

/** Every account of the sandbox, read straight from it, not through the dashboard. */
async function everyAccount(h: Harness): Promise<ConnectedAccount[]> {
  const { status, body } = await h.sandbox.call('/connected_accounts/list', {
    limit: 11_000,
  })
  expect(status).toBe(200)
  return body.connected_accounts as ConnectedAccount[]
}

type Problem =
  ConnectedAccount['errors'][number] | ConnectedAccount['warnings'][number]

const problemsOf = (a: ConnectedAccount): Problem[] => [
  ...a.errors,
  ...a.warnings,
]
const oldestProblem = (a: ConnectedAccount) =>
  Math.min(...problemsOf(a).map((p) => Date.parse(p.created_at)))
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The triage model worked out here from the raw accounts, to check the server's against. */
function expectedFrom(accounts: ConnectedAccount[]) {
  const problems = accounts.filter((a) => problemsOf(a).length > 0)
  const counts = new Map<string, number>()
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)
  for (const a of problems) {
    for (const code of new Set(a.errors.map((e) => e.error_code)))
      bump(`error ${code}`)
    for (const code of new Set(a.warnings.map((w) => w.warning_code)))
      bump(`warning ${code}`)
  }
  const queue = [...problems].sort(
    (a, b) =>
      Number(b.errors.length > 0) - Number(a.errors.length > 0) ||
      oldestProblem(a) - oldestProblem(b) ||
      byId(a.connected_account_id, b.connected_account_id),
  )
  const sites = new Map<string, Set<string>>()
  for (const a of problems) {
    for (const p of problemsOf(a)) {
      if (!('salto_ks_metadata' in p)) continue
      for (const s of p.salto_ks_metadata.sites) {
        const ids = sites.get(s.site_id) ?? new Set<string>()
        ids.add(a.connected_account_id)
        sites.set(s.site_id, ids)
      }
    }
  }
  return {
    totals: {
      accounts_scanned: accounts.length,
      accounts_healthy: accounts.length - problems.length,
      accounts_with_problems: problems.length,
      accounts_with_errors: problems.filter((a) => a.errors.length > 0).length,
    },
    counts,
    queue,
    sites,
  }
}

function expectMatches(data: TriageData, accounts: ConnectedAccount[]) {
  const expected = expectedFrom(accounts)
  expect(data.totals).toEqual(expected.totals)
  expect(
    new Map(
      data.problem_counts.map((c) => [`${c.kind} ${c.code}`, c.accounts]),
    ),
  ).toEqual(expected.counts)
  const kinds = data.problem_counts.map((c) => c.kind)
  expect(kinds).toEqual([...kinds].sort())

  expect(data.queue.map((a) => a.connected_account_id)).toEqual(
    expected.queue.map((a) => a.connected_account_id),
  )
  data.queue.forEach((entry, i) => {
    const source = expected.queue[i]
    if (!source) throw new Error('queue longer than expected')
    expect(entry).toMatchObject({
      display_name: source.display_name,
      account_type: source.account_type,
      account_type_display_name: source.account_type_display_name,
      customer_key: source.customer_key ?? null,
      custom_metadata: source.custom_metadata,
      severity: source.errors.length > 0 ? 'error' : 'warning',
      since: new Date(oldestProblem(source)).toISOString(),
    })
    expect(entry.errors.map((e) => [e.error_code, e.message])).toEqual(
      source.errors.map((e) => [e.error_code, e.message]),
    )
    expect(entry.warnings.map((w) => [w.warning_code, w.message])).toEqual(
      source.warnings.map((w) => [w.warning_code, w.message]),
    )
  })

  expect(
    new Map(
      data.salto_ks_sites.map((s) => [
        s.site_id,
        new Set(s.connected_account_ids),
      ]),
    ),
  ).toEqual(expected.sites)
  for (const site of data.salto_ks_sites) {
    expect(site.usage).toBeCloseTo(
      site.subscribed_site_user_count / site.site_user_subscription_limit,
    )
  }
  const usages = data.salto_ks_sites.map((s) => s.usage ?? -1)
  expect(usages).toEqual([...usages].sort((a, b) => b - a))
}

const queued = (data: TriageData, id: string) =>
  data.queue.find((a) => a.connected_account_id === id)

describe('GET /api/dashboard/triage', () => {
  it('counts, orders and lists sites exactly as the full account list says', async () => {
    const h = start()
    const data = await ready(h)
    expectMatches(data, await everyAccount(h))
    // The seed covers both halves of the page: errors and warnings, and
    // Salto KS sites over and under their limit.
    expect(data.queue.at(0)?.severity).toBe('error')
    expect(data.queue.at(-1)?.severity).toBe('warning')
    expect(data.salto_ks_sites.at(0)?.usage).toBeGreaterThanOrEqual(1)
    expect(data.salto_ks_sites.at(-1)?.usage).toBeLessThan(1)
  })

  it('reports progress page by page while the first scan runs', async () => {
    const h = start({}, { pageSize: 50 })
    h.holdPages = true
    const first = await read(h)
    expect(first).toMatchObject({
      ok: true,
      status: 'scanning',
      generated_at: null,
      stale: false,
      error: null,
      data: null,
      progress: {
        started_at: TEST_NOW.toISOString(),
        pages_scanned: 0,
        accounts_scanned: 0,
        has_next_page: true,
        estimated_total: 240,
      },
    })
    await vi.waitFor(() => {
      expect(h.waiting).toHaveLength(1)
    })
    h.release()
    await vi.waitFor(() => {
      expect(h.waiting).toHaveLength(1)
    })
    expect((await read(h)).progress).toMatchObject({
      pages_scanned: 1,
      accounts_scanned: 50,
      has_next_page: true,
    })
    h.holdPages = false
    h.release()
    const state = await settled(h)
    expect(state).toMatchObject({
      status: 'ready',
      generated_at: TEST_NOW.toISOString(),
      stale: false,
      progress: null,
    })
    expect(state.data?.totals.accounts_scanned).toBe(240)
    expect(listCalls(h)).toBe(5)
  })

  it('walks every page to the last one', async () => {
    const h = start({ accounts: 2_500 })
    const data = await ready(h)
    // 1000 per page: two full pages and one of 500.
    expect(listCalls(h)).toBe(3)
    expectMatches(data, await everyAccount(h))
  })

  it('gzips the state for a browser that accepts it', async () => {
    const h = start()
    const data = await ready(h)
    const res = await h.app.request('/api/dashboard/triage', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    const body = gunzipSync(Buffer.from(await res.arrayBuffer()))
    expect((JSON.parse(body.toString('utf8')) as TriageState).data).toEqual(
      data,
    )
  })

  it('serves from the cache while fresh, then serves stale data while it rescans', async () => {
    const h = start()
    const first = await settled(h)
    const walk = listCalls(h)

    h.clock.now += 29_999
    const cached = await read(h)
    expect(cached.stale).toBe(false)
    expect(cached.progress).toBeNull()
    expect(listCalls(h)).toBe(walk)

    h.clock.now += 1
    h.holdPages = true
    const stale = await read(h)
    expect(stale).toMatchObject({
      status: 'ready',
      stale: true,
      generated_at: first.generated_at,
    })
    expect(stale.data).toEqual(first.data)
    expect(stale.progress).toMatchObject({ estimated_total: 240 })

    h.holdPages = false
    h.release()
    const refreshed = await settled(h)
    expect(refreshed.stale).toBe(false)
    expect(refreshed.generated_at).toBe(new Date(h.clock.now).toISOString())
    expect(listCalls(h)).toBe(2 * walk)
  })
})

describe('POST /api/dashboard/triage/refresh', () => {
  it('rescans fresh data at once and answers 202 with the state', async () => {
    const h = start()
    await settled(h)
    h.clock.now += 1_000
    const res = await post(h, '/api/dashboard/triage/refresh')
    expect(res.status).toBe(202)
    const body = (await res.json()) as Partial<TriageState>
    expect(body).toMatchObject({ ok: true, status: 'ready' })
    expect(body.progress).not.toBeNull()
    expect(body).not.toHaveProperty('data')
    const state = await settled(h)
    expect(state.generated_at).toBe(new Date(h.clock.now).toISOString())
    expect(listCalls(h)).toBe(2)
  })

  it('never runs two scans at once: every trigger joins the running one', async () => {
    const h = start({}, { pageSize: 50 })
    h.holdPages = true
    const answers = await Promise.all([
      read(h),
      read(h),
      post(h, '/api/dashboard/triage/refresh'),
      read(h),
    ])
    expect(answers.slice(0, 2).map((s) => s.status)).toEqual([
      'scanning',
      'scanning',
    ])
    await vi.waitFor(() => {
      expect(h.waiting).toHaveLength(1)
    })
    h.release()
    await vi.waitFor(() => {
      expect(h.waiting).toHaveLength(1)
    })
    expect((await post(h, '/api/dashboard/triage/refresh')).status).toBe(202)
    expect(h.waiting).toHaveLength(1)
    h.holdPages = false
    h.release()
    await ready(h)
    // 240 accounts at 50 a page: one walk of 5 pages.
    expect(listCalls(h)).toBe(5)
  })

  it.each([
    [{ 'sec-fetch-site': 'cross-site' }, 403, 'cross_site_request'],
    [{ origin: 'https://evil.example' }, 403, 'cross_site_request'],
    [{ 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
    [
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'unsupported_media_type',
    ],
  ])(
    'refuses a request with %o like a proxied write',
    async (headers, status, type) => {
      const h = start()
      const res = await post(h, '/api/dashboard/triage/refresh', {}, headers)
      expect(res.status).toBe(status)
      const body = (await res.json()) as { error: { type: string } }
      expect(body.error.type).toBe(type)
      expect(h.calls).toEqual([])
    },
  )

  it('checks Origin against PUBLIC_URL behind a proxy', async () => {
    const h = start({}, {}, { PUBLIC_URL: 'https://accounts.example.com' })
    expect((await post(h, '/api/dashboard/triage/refresh')).status).toBe(403)
    expect(
      (
        await post(
          h,
          '/api/dashboard/triage/refresh',
          {},
          { origin: 'https://accounts.example.com' },
        )
      ).status,
    ).toBe(202)
  })

  it('is POST only, and the state is GET only', async () => {
    const h = start()
    expect((await h.app.request('/api/dashboard/triage/refresh')).status).toBe(
      404,
    )
    expect((await post(h, '/api/dashboard/triage')).status).toBe(404)
    expect(h.calls).toEqual([])
  })
})

describe('writes through /api', () => {
  /** An account of the given kind, and a problem-free one. */
  async function pick(h: Harness) {
    const accounts = await everyAccount(h)
    const withError = accounts.find((a) => a.errors.length > 0)
    const healthy = accounts.filter((a) => problemsOf(a).length === 0)
    if (!withError || healthy.length < 2) throw new Error('seed too small')
    return { withError, healthy }
  }

  it('shows an edit after reading just that account again', async () => {
    const h = start()
    await ready(h)
    const { withError } = await pick(h)
    const id = withError.connected_account_id
    await write(h, 'connected_accounts/update', {
      connected_account_id: id,
      display_name: 'Renamed by support',
      custom_metadata: { ticket: 'SUP-7' },
    })
    const data = await ready(h)
    expect(queued(data, id)).toMatchObject({
      display_name: 'Renamed by support',
      custom_metadata: { ticket: 'SUP-7' },
    })
    expect(listCalls(h)).toBe(1)
    expect(getCalls(h)).toBe(1)
    expectMatches(data, await everyAccount(h))
  })

  it('drops a deleted account and counts it out, with or without problems', async () => {
    const h = start()
    const before = await ready(h)
    const { withError, healthy } = await pick(h)
    const [gone] = healthy
    if (!gone) throw new Error('no healthy account')
    await write(h, 'connected_accounts/delete', {
      connected_account_id: withError.connected_account_id,
    })
    await write(h, 'connected_accounts/delete', {
      connected_account_id: gone.connected_account_id,
    })
    const data = await ready(h)
    expect(queued(data, withError.connected_account_id)).toBeUndefined()
    expect(data.totals).toEqual({
      accounts_scanned: before.totals.accounts_scanned - 2,
      accounts_healthy: before.totals.accounts_healthy - 1,
      accounts_with_problems: before.totals.accounts_with_problems - 1,
      accounts_with_errors: before.totals.accounts_with_errors - 1,
    })
    expectMatches(data, await everyAccount(h))
    expect(listCalls(h)).toBe(1)
  })

  it('adds an account that a simulated disconnect broke', async () => {
    const h = start()
    await ready(h)
    const { healthy } = await pick(h)
    const id = healthy[0]?.connected_account_id ?? ''
    await write(h, 'connected_accounts/simulate/disconnect', {
      connected_account_id: id,
    })
    const data = await ready(h)
    expect(queued(data, id)?.errors.map((e) => e.error_code)).toEqual([
      'account_disconnected',
    ])
    expectMatches(data, await everyAccount(h))
    expect(listCalls(h)).toBe(1)
  })

  it('shows what a sync cleared once the sandbox has applied it', async () => {
    const h = start({ syncDelayMs: 40 })
    await ready(h)
    const transient = (await everyAccount(h)).find(
      (a) =>
        (h.sandbox.sandbox.store.getAccount(a.connected_account_id)
          ?.transient_codes.length ?? 0) > 0,
    )
    if (!transient) throw new Error('the seed has no transient problem')
    const id = transient.connected_account_id
    await write(h, 'connected_accounts/sync', { connected_account_id: id })

    // Accepted, not applied yet: nothing to read so far.
    const early = await read(h)
    expect(early.accounts_pending_refresh).toBe(1)
    const shown = queued(early.data as TriageData, id)
    expect(shown?.errors.length).toBe(transient.errors.length)
    expect(shown?.warnings.length).toBe(transient.warnings.length)
    expect(getCalls(h)).toBe(0)

    await vi.waitFor(() => {
      expect(h.sandbox.sandbox.store.getAccount(id)?.transient_codes).toEqual(
        [],
      )
    })
    // The sandbox's delay plus a margin, on the triage clock.
    h.clock.now += 40 + 100
    const after = await read(h)
    expect(after.accounts_pending_refresh).toBe(0)
    expect(getCalls(h)).toBe(1)
    expectMatches(after.data as TriageData, await everyAccount(h))
  })

  it('reads an account written during a scan again once the scan ends', async () => {
    const h = start({}, { pageSize: 50 })
    h.holdPages = true
    await read(h)
    await vi.waitFor(() => {
      expect(h.waiting).toHaveLength(1)
    })
    h.release()
    // Page 1 (the newest 50 accounts) is read; page 2 waits.
    await vi.waitFor(() => {
      expect(h.waiting).toHaveLength(1)
    })
    const newest = (await everyAccount(h)).slice(0, 50)
    const withProblem = newest.find((a) => problemsOf(a).length > 0)
    const other = newest.find(
      (a) => a !== withProblem && problemsOf(a).length > 0,
    )
    if (!withProblem || !other) throw new Error('no problem on page 1')
    await write(h, 'connected_accounts/update', {
      connected_account_id: withProblem.connected_account_id,
      display_name: 'Edited mid-scan',
    })
    await write(h, 'connected_accounts/delete', {
      connected_account_id: other.connected_account_id,
    })
    h.holdPages = false
    h.release()
    const data = await ready(h)
    expect(queued(data, withProblem.connected_account_id)?.display_name).toBe(
      'Edited mid-scan',
    )
    expect(queued(data, other.connected_account_id)).toBeUndefined()
    expectMatches(data, await everyAccount(h))
  })

  it('rescans instead when more accounts changed than a scan has pages', async () => {
    const h = start()
    await ready(h)
    const ids = (await everyAccount(h))
      .slice(0, 9)
      .map((a) => a.connected_account_id)
    for (const id of ids) {
      await write(h, 'connected_accounts/update', {
        connected_account_id: id,
        custom_metadata: { batch: 'yes' },
      })
    }
    const state = await read(h)
    expect(state.stale).toBe(true)
    expect(state.progress).not.toBeNull()
    const data = await ready(h)
    expect(getCalls(h)).toBe(0)
    expect(listCalls(h)).toBe(2)
    expectMatches(data, await everyAccount(h))
  })

  it('ignores writes the upstream refused', async () => {
    const h = start()
    await ready(h)
    const { withError } = await pick(h)
    const res = await post(h, '/api/connected_accounts/update', {
      connected_account_id: withError.connected_account_id,
      display_name: '   ',
    })
    expect(res.status).toBe(400)
    const state = await read(h)
    expect(state.accounts_pending_refresh).toBe(0)
    expect(getCalls(h)).toBe(0)
  })
})
