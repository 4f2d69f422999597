import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as wait } from 'node:timers/promises'

import { serve } from '@hono/node-server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { AppOptions } from '../app'
import { createApp } from '../app'
import { loadConfig } from '../config'
import type { StubReply, StubUpstream } from '../test-upstream'
import { startStubUpstream } from '../test-upstream'
import { CircuitBreaker } from './circuit-breaker'

/**
 * The dashboard as it runs in Seam mode, listening on a port, in front of a
 * real HTTP upstream that fails on purpose and then heals. Real time: the
 * retry backoff, Retry-After waits and the breaker's cool-down all run on the
 * clock, with the shipped defaults unless a test says otherwise.
 */

const UPSTREAM_TIMEOUT_MS = 300
const ACCOUNT_ID = '6fa459ea-ee8a-3ca4-894e-db77e160355e'

let stub: StubUpstream
let dir: string
let server: Server | null
let base: string

beforeEach(async () => {
  stub = await startStubUpstream()
  dir = mkdtempSync(join(tmpdir(), 'faults-test-'))
  mkdirSync(join(dir, 'dist'), { recursive: true })
  writeFileSync(
    join(dir, 'dist', 'index.html'),
    '<!doctype html><title>x</title>',
  )
  server = null
})

afterEach(async () => {
  const running = server
  if (running) {
    running.closeAllConnections()
    await new Promise<void>((resolve) =>
      running.close(() => {
        resolve()
      }),
    )
  }
  await stub.close()
  rmSync(dir, { recursive: true, force: true })
})

async function startDashboard(proxy: AppOptions['proxy'] = {}) {
  const app = createApp({
    config: loadConfig({
      SEAM_API_KEY: 'seam_test_key_0123456789',
      SEAM_ENDPOINT: stub.url,
      UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
    }),
    distDir: join(dir, 'dist'),
    log: () => undefined,
    proxy,
  })
  const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  server = listening as Server
  await new Promise<void>((resolve) => listening.once('listening', resolve))
  base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
}

interface Answer {
  status: number
  headers: Headers
  body: {
    ok?: boolean
    error?: { type: string; message: string; request_id?: string }
  }
  ms: number
}

async function call(route: string, body: object = {}): Promise<Answer> {
  const started = performance.now()
  const res = await fetch(`${base}/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Answer['body'],
    ms: performance.now() - started,
  }
}

/** Upstream requests to one path (`/connected_accounts/list`). */
const hits = (path: string) =>
  stub.requests.filter((request) => request.path === path).length

const ok = (body: object = {}): StubReply => ({
  status: 200,
  body: { ...body, ok: true },
})
const seamError = (status: number, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body: {
    error: { type: 'upstream_trouble', message: `Upstream answered ${status}` },
    ok: false,
  },
})

describe('reads against a failing upstream', () => {
  it('waits out a 429 Retry-After, then answers with the success', async () => {
    await startDashboard()
    stub.reply(seamError(429, { 'retry-after': '1' }), ok({ events: [] }))
    const res = await call('events/list', { since: '2026-01-01T00:00:00Z' })
    expect(res.status).toBe(200)
    expect(hits('/events/list')).toBe(2)
    expect(res.ms).toBeGreaterThanOrEqual(1_000)
  })

  it('retries dropped connections and recovers when the upstream does', async () => {
    await startDashboard()
    stub.reply('drop', 'drop', ok({ connected_accounts: [] }))
    const res = await call('connected_accounts/list')
    expect(res.status).toBe(200)
    expect(hits('/connected_accounts/list')).toBe(3)
  })

  it('stops after 3 retries and passes the last failure on', async () => {
    await startDashboard()
    stub.reply(seamError(503))
    const res = await call('devices/list')
    expect(hits('/devices/list')).toBe(4)
    expect(res.status).toBe(503)
    expect(res.body.error?.message).toBe('Upstream answered 503')
  })
})

const MUTATIONS = [
  ['connected_accounts/update', { custom_metadata: { site: 'lisbon' } }],
  ['connected_accounts/sync', {}],
  ['connected_accounts/delete', {}],
  ['connect_webviews/create', { accepted_providers: ['august'] }],
] as const

const FAULTS: [string, StubReply, number, string | null][] = [
  ['a 500', seamError(500), 500, 'upstream_trouble'],
  ['a 429 with Retry-After', seamError(429, { 'retry-after': '1' }), 429, null],
  ['a 503', seamError(503), 503, 'upstream_trouble'],
  ['a dropped connection', 'drop', 502, 'upstream_unreachable'],
  ['a hang past the timeout', 'hang', 504, 'upstream_timeout'],
]

describe('changes against a failing upstream', () => {
  describe.each(MUTATIONS)('%s', (route, params) => {
    it.each(FAULTS)(
      'is sent once under %s, and once more when sent again after it heals',
      async (_name, fault, status, type) => {
        await startDashboard()
        const path = `/${route}`
        let healthy = false
        // The audit log reads the account before an update: that read works.
        stub.reply((request) =>
          request.path === '/connected_accounts/get'
            ? ok({ connected_account: { connected_account_id: ACCOUNT_ID } })
            : healthy
              ? ok({ connect_webview: { url: 'https://connect.example/x' } })
              : fault,
        )
        const body = { connected_account_id: ACCOUNT_ID, ...params }

        const failed = await call(route, body)
        expect(failed.status).toBe(status)
        if (type) expect(failed.body.error?.type).toBe(type)
        expect(failed.body.ok).toBe(false)
        // Past any backoff or Retry-After: nothing more goes out.
        await wait(1_100)
        expect(hits(path)).toBe(1)

        healthy = true
        expect((await call(route, body)).status).toBe(200)
        expect(hits(path)).toBe(2)
      },
    )
  })
})

describe('fail-fast after repeated upstream failures', () => {
  it('opens with the defaults, refuses at once without calling upstream, and closes by itself once healthy', async () => {
    await startDashboard()
    stub.reply(seamError(500))
    // 5 consecutive failures (a 500 is not retried: one upstream call each).
    for (let i = 0; i < 5; i++) {
      expect((await call('connected_accounts/list')).status).toBe(500)
    }
    expect(stub.requests).toHaveLength(5)

    const refused = await call('connected_accounts/list')
    expect(refused.status).toBe(503)
    expect(refused.ms).toBeLessThan(250)
    expect(refused.body).toEqual({
      error: {
        type: 'upstream_unavailable',
        message: expect.stringMatching(
          /^The Seam API failed repeatedly; requests pause for [1-5] s\.$/,
        ) as unknown,
        request_id: refused.headers.get('x-request-id'),
      },
      ok: false,
    })
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(5)

    // A change is refused as fast, before anything (the audit log's read of
    // the account included) reaches the upstream.
    const update = await call('connected_accounts/update', {
      connected_account_id: ACCOUNT_ID,
      display_name: 'Front desk',
    })
    expect(update.status).toBe(503)
    expect(update.body.error?.type).toBe('upstream_unavailable')
    expect(update.ms).toBeLessThan(250)
    expect(stub.requests).toHaveLength(5)

    // Healed, but still cooling down: still refused, still nothing sent.
    stub.reply(ok({ connected_accounts: [] }))
    expect((await call('connected_accounts/list')).status).toBe(503)
    expect(stub.requests).toHaveLength(5)

    // After the Retry-After it was given, one trial goes through and closes
    // the circuit; no restart.
    await wait(retryAfter * 1_000 + 100)
    const trial = await call('connected_accounts/list')
    expect(trial.status).toBe(200)
    expect(stub.requests).toHaveLength(6)
    for (let i = 0; i < 3; i++) {
      expect((await call('connected_accounts/list')).status).toBe(200)
    }
    expect(stub.requests).toHaveLength(9)
  }, 20_000)

  it('counts timeouts and drops, opens again when the trial fails, and lets one trial out at a time', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 600 })
    await startDashboard({ breaker })
    stub.reply('hang')
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await call('connected_accounts/sync', {
            connected_account_id: ACCOUNT_ID,
          })
        ).status,
      ).toBe(504)
    }
    expect(breaker.state).toBe('open')
    expect((await call('connected_accounts/get')).status).toBe(503)
    expect(stub.requests).toHaveLength(3)

    // The trial hangs; a call meanwhile is refused at once.
    await wait(650)
    const trial = call('connected_accounts/get')
    await wait(100)
    const meanwhile = await call('connected_accounts/list')
    expect(meanwhile.status).toBe(503)
    expect(meanwhile.headers.get('retry-after')).toBe('1')
    expect((await trial).status).toBe(504)
    expect(stub.requests).toHaveLength(4)

    // The failed trial opened the circuit for another cool-down.
    expect(breaker.state).toBe('open')
    stub.reply('drop')
    expect((await call('connected_accounts/list')).status).toBe(503)
    expect(stub.requests).toHaveLength(4)

    // A trial read that drops opens it again too, and its retry is not sent.
    await wait(650)
    const dropped = await call('connected_accounts/list')
    expect(dropped.status).toBe(503)
    expect(dropped.body.error?.type).toBe('upstream_unavailable')
    expect(stub.requests).toHaveLength(5)
    expect(breaker.state).toBe('open')

    // Healed: the next trial closes it.
    stub.reply(ok({ connected_accounts: [] }))
    await wait(650)
    expect((await call('connected_accounts/list')).status).toBe(200)
    expect(breaker.state).toBe('closed')
    expect(
      (
        await call('connected_accounts/sync', {
          connected_account_id: ACCOUNT_ID,
        })
      ).status,
    ).toBe(200)
  }, 20_000)
})
