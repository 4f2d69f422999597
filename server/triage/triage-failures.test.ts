import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createFake } from '@seamapi/fake-seam-connect'
import type { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { createApp } from '../app'
import type { AppEnv } from '../app-env'
import { loadConfig } from '../config'
import type { StubReply, StubRequest, StubUpstream } from '../test-upstream'
import { startStubUpstream } from '../test-upstream'
import type { TriageState } from './model'

const KEY = 'seam_test_key_triage_0123'
const START = Date.parse('2026-11-01T12:00:00.000Z')

let stub: StubUpstream
let dir: string
let clock: number
let sleeps: number[]
let logs: string[]

beforeEach(async () => {
  stub = await startStubUpstream()
  dir = mkdtempSync(join(tmpdir(), 'triage-failures-'))
  clock = START
  sleeps = []
  logs = []
})

afterEach(async () => {
  await stub.close()
  rmSync(dir, { recursive: true, force: true })
})

function makeApp(endpoint = stub.url, apiKey = KEY): Hono<AppEnv> {
  return createApp({
    config: loadConfig({
      SEAM_API_KEY: apiKey,
      SEAM_ENDPOINT: endpoint,
      UPSTREAM_TIMEOUT_MS: '300',
    }),
    distDir: dir,
    log: (line) => logs.push(line),
    triage: {
      now: () => clock,
      pageSize: 2,
      sleep: (ms) => {
        sleeps.push(ms)
        return Promise.resolve()
      },
    },
  })
}

/** Five accounts, the 2nd and 4th with problems. */
const accounts = Array.from({ length: 5 }, (_, i) => ({
  connected_account_id: `00000000-0000-4000-8000-00000000000${i}`,
  created_at: '2026-01-01T00:00:00.000Z',
  account_type: 'august',
  account_type_display_name: 'August',
  display_name: `Account ${i}`,
  custom_metadata: {},
  errors:
    i === 1
      ? [
          {
            error_code: 'account_disconnected',
            message: 'Disconnected',
            created_at: '2026-10-01T00:00:00.000Z',
          },
        ]
      : [],
  warnings:
    i === 3
      ? [
          {
            warning_code: 'a_code_from_the_future',
            message: 'New',
            created_at: '2026-09-01T00:00:00.000Z',
          },
        ]
      : [],
}))

/** Seam's cursor pagination over `accounts`; the cursor is the next index. */
function listPage(request: StubRequest): StubReply {
  const params = JSON.parse(request.body) as {
    limit: number
    page_cursor?: string
  }
  const from = Number(params.page_cursor ?? '0')
  const to = Math.min(from + params.limit, accounts.length)
  const next = to < accounts.length ? String(to) : null
  return {
    status: 200,
    body: {
      connected_accounts: accounts.slice(from, to),
      pagination: {
        has_next_page: next !== null,
        next_page_cursor: next,
        next_page_url: null,
      },
      ok: true,
    },
  }
}

const serverError: StubReply = {
  status: 500,
  body: {
    error: { type: 'internal_server_error', message: 'Something broke' },
    ok: false,
  },
}

async function read(app: Hono<AppEnv>): Promise<TriageState> {
  const res = await app.request('/api/dashboard/triage')
  expect(res.status).toBe(200)
  return (await res.json()) as TriageState
}

async function settled(app: Hono<AppEnv>): Promise<TriageState> {
  return vi.waitFor(
    async () => {
      const state = await read(app)
      if (state.progress !== null) throw new Error('still scanning')
      return state
    },
    { timeout: 10_000, interval: 5 },
  )
}

const listRequests = () =>
  stub.requests.filter((r) => r.path === '/connected_accounts/list')

describe('a scan against a Seam-compatible server', () => {
  it('follows the cursor to the last page and keeps unknown codes', async () => {
    stub.reply(listPage)
    const app = makeApp()
    const state = await settled(app)
    expect(state.status).toBe('ready')
    expect(
      listRequests().map(
        (r) => (JSON.parse(r.body) as { page_cursor?: string }).page_cursor,
      ),
    ).toEqual([undefined, '2', '4'])
    expect(listRequests()[0]?.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(state.data?.totals).toEqual({
      accounts_scanned: 5,
      accounts_healthy: 3,
      accounts_with_problems: 2,
      accounts_with_errors: 1,
    })
    expect(state.data?.problem_counts).toEqual([
      { kind: 'error', code: 'account_disconnected', accounts: 1 },
      { kind: 'warning', code: 'a_code_from_the_future', accounts: 1 },
    ])
    // Seam has no count: a first scan cannot estimate its total.
    const other = makeApp()
    expect((await read(other)).progress).toMatchObject({
      estimated_total: null,
    })
    await settled(other)
  })

  it('works against @seamapi/fake-seam-connect', async () => {
    const fake = await createFake()
    const seed = await fake.seed()
    const server = await fake.startServer()
    try {
      const app = makeApp(server.serverUrl, seed.seam_apikey1_token)
      const state = await settled(app)
      expect(state.status).toBe('ready')
      const res = await fetch(`${server.serverUrl}/connected_accounts/list`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${seed.seam_apikey1_token}`,
          'content-type': 'application/json',
        },
        body: '{}',
      })
      const body = (await res.json()) as { connected_accounts: unknown[] }
      expect(body.connected_accounts.length).toBeGreaterThan(0)
      expect(state.data?.totals.accounts_scanned).toBe(
        body.connected_accounts.length,
      )
    } finally {
      await fake.stopServer()
    }
  })
})

describe('upstream failures', () => {
  it('reports a first scan that fails on page 2, and waits before trying again', async () => {
    stub.reply(listPage, serverError)
    const app = makeApp()
    const state = await settled(app)
    expect(state).toMatchObject({
      ok: true,
      status: 'error',
      generated_at: null,
      data: null,
      error: {
        type: 'internal_server_error',
        message:
          'The scan stopped at page 2 of connected_accounts/list: Something broke',
      },
    })
    expect(listRequests()).toHaveLength(2)
    expect(logs.some((line) => line.includes('triage_scan_failed'))).toBe(true)

    // The page keeps polling: the broken upstream is not asked again at once.
    await read(app)
    expect(listRequests()).toHaveLength(2)

    clock += 30_000
    stub.reply(listPage)
    const retry = await read(app)
    expect(retry.status).toBe('scanning')
    expect(retry.error?.type).toBe('internal_server_error')
    const recovered = await settled(app)
    expect(recovered).toMatchObject({ status: 'ready', error: null })
  })

  it('keeps the previous data, marked stale, when a refresh fails mid-scan', async () => {
    stub.reply(listPage)
    const app = makeApp()
    const first = await settled(app)

    clock += 30_000
    stub.reply(listPage, serverError)
    const failed = await settled(app)
    expect(failed).toMatchObject({
      status: 'ready',
      stale: true,
      generated_at: first.generated_at,
      error: {
        type: 'internal_server_error',
        message:
          'The scan stopped at page 2 of connected_accounts/list: Something broke',
      },
    })
    expect(failed.data).toEqual(first.data)

    // A manual refresh does not wait; its success clears the error.
    stub.reply(listPage)
    const res = await app.request('/api/dashboard/triage/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(202)
    expect(await settled(app)).toMatchObject({
      status: 'ready',
      stale: false,
      error: null,
    })
  })

  it('retries a transient failure on one page instead of failing the scan', async () => {
    stub.reply(
      listPage,
      { status: 503, headers: { 'retry-after': '1' } },
      listPage,
    )
    const app = makeApp()
    const state = await settled(app)
    expect(state.status).toBe('ready')
    expect(state.data?.totals.accounts_scanned).toBe(5)
    expect(listRequests()).toHaveLength(4)
    expect(sleeps).toEqual([1_000])
  })

  it.each([
    [
      'hang',
      'upstream_timeout',
      'The scan stopped at page 1 of connected_accounts/list: The Seam API did not answer within 300 ms.',
    ],
    [
      'drop',
      'upstream_unreachable',
      'The scan stopped at page 1 of connected_accounts/list: The Seam API could not be reached.',
    ],
    [
      { status: 200, body: { ok: true } },
      'upstream_invalid_response',
      'The scan stopped at page 1 of connected_accounts/list: the Seam API answered without a list of connected accounts and a next page cursor.',
    ],
    [
      { status: 502, body: '<html>Bad gateway</html>' },
      'upstream_error',
      'The scan stopped at page 1 of connected_accounts/list: The Seam API answered with status 502.',
    ],
  ] as const)(
    'names the failure when page 1 gets %o',
    async (reply, type, message) => {
      stub.reply(reply)
      const app = makeApp()
      expect((await settled(app)).error).toEqual({ type, message })
    },
  )

  it('stops when the upstream hands back a cursor it already gave', async () => {
    stub.reply({
      status: 200,
      body: {
        connected_accounts: accounts.slice(0, 2),
        pagination: {
          has_next_page: true,
          next_page_cursor: 'same',
          next_page_url: null,
        },
        ok: true,
      },
    })
    const app = makeApp()
    const state = await settled(app)
    expect(state.error?.type).toBe('upstream_invalid_response')
    expect(listRequests()).toHaveLength(2)
  })

  it('never passes a secret on in an error message', async () => {
    stub.reply({
      status: 401,
      body: {
        error: { type: 'unauthorized', message: `API key ${KEY} is not valid` },
        ok: false,
      },
    })
    const app = makeApp()
    const state = await settled(app)
    expect(state.error).toEqual({
      type: 'unauthorized',
      message:
        'The scan stopped at page 1 of connected_accounts/list: API key [redacted] is not valid',
    })
    expect(logs.join('\n')).not.toContain(KEY)
  })
})
