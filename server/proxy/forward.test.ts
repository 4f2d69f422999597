import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { createApp } from '../app'
import type { AppEnv } from '../app-env'
import { loadConfig } from '../config'
import type { StubUpstream } from '../test-upstream'
import { startStubUpstream } from '../test-upstream'
import { CircuitBreaker } from './circuit-breaker'

const KEY = 'seam_test_key_0123456789'

let stub: StubUpstream
let dir: string
let logs: string[]
let sleeps: number[]
let now: number

function makeApp(
  env: Record<string, string> = {},
  breaker?: CircuitBreaker,
): Hono<AppEnv> {
  const config = loadConfig({
    SEAM_API_KEY: KEY,
    SEAM_ENDPOINT: stub.url,
    UPSTREAM_TIMEOUT_MS: '300',
    ...env,
  })
  return createApp({
    config,
    distDir: join(dir, 'dist'),
    log: (line) => logs.push(line),
    proxy: {
      sleep: (ms) => {
        sleeps.push(ms)
        return Promise.resolve()
      },
      ...(breaker ? { breaker } : {}),
    },
  })
}

let app: Hono<AppEnv>

beforeEach(async () => {
  stub = await startStubUpstream()
  dir = mkdtempSync(join(tmpdir(), 'proxy-test-'))
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true })
  writeFileSync(
    join(dir, 'dist', 'index.html'),
    '<!doctype html><title>x</title>',
  )
  writeFileSync(join(dir, 'dist', 'assets', 'app-1a2b.js'), 'export {}')
  logs = []
  sleeps = []
  now = 0
  app = makeApp()
})

afterEach(async () => {
  await stub.close()
  rmSync(dir, { recursive: true, force: true })
})

interface ErrorBody {
  error: { type: string; message: string; request_id?: string }
  ok: false
}

function post(
  path: string,
  body: unknown = {},
  headers: Record<string, string> = {},
  target: Hono<AppEnv> = app,
) {
  return target.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const forwardedPaths = () => stub.requests.map((r) => r.path)

describe('allowlist', () => {
  it.each([
    'connected_accounts/list',
    'connected_accounts/get',
    'connected_accounts/update',
    'connected_accounts/delete',
    'connected_accounts/sync',
    'events/list',
    'devices/list',
    'connect_webviews/create',
  ])('forwards POST /api/%s to exactly /%s upstream', async (route) => {
    const res = await post(`/api/${route}`, {})
    expect(res.status).toBe(200)
    expect(forwardedPaths()).toEqual([`/${route}`])
  })

  it.each([
    '/api/workspaces/get',
    '/api/connected_accounts/create',
    '/api/connected_accounts/list/',
    '/api//connected_accounts/list',
    '/api/connected_accounts//list',
    '/api/connected_accounts%2Flist',
    '/api/connected_accounts%2flist',
    '/api/%2e%2e/workspaces/get',
    '/api/connected_accounts/../workspaces/get',
    '/api/./connected_accounts/list/..',
    '/api/CONNECTED_ACCOUNTS/LIST',
    '/api/connected_accounts/list%00',
    '/api/https://evil.example/connected_accounts/list',
  ])('answers %s with a JSON 404 and forwards nothing', async (path) => {
    const res = await post(path)
    expect(res.status).toBe(404)
    // Paths the URL parser normalizes out of /api get the plain static 404.
    if (res.headers.get('content-type')?.includes('json')) {
      expect(((await res.json()) as ErrorBody).error.type).toBe('not_found')
    }
    expect(stub.requests).toEqual([])
  })

  it('rejects a raw ../ path sent over the wire without forwarding it', async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise<void>((resolve) => server.once('listening', resolve))
    const { port } = server.address() as AddressInfo
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/connected_accounts/list/../../../workspaces/get',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end('{}')
    })
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve()
      }),
    )
    expect(status).not.toBe(200)
    expect(forwardedPaths()).not.toContain('/workspaces/get')
  })

  it('ignores the query string when building the upstream URL', async () => {
    await post('/api/connected_accounts/list?path=../workspaces/get')
    expect(forwardedPaths()).toEqual(['/connected_accounts/list'])
  })

  it('answers another method on an allowlisted route with 405', async () => {
    const res = await app.request('/api/connected_accounts/list')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
    expect(stub.requests).toEqual([])
  })
})

describe('credentials and headers', () => {
  it('replaces the browser Authorization, drops cookies and other headers', async () => {
    await post(
      '/api/connected_accounts/list',
      {},
      {
        authorization: 'Bearer from-the-browser',
        cookie: 'session=abc',
        'x-forwarded-for': '10.0.0.1',
        'x-custom': 'value',
      },
    )
    const [forwarded] = stub.requests
    expect(forwarded?.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(forwarded?.headers.cookie).toBeUndefined()
    expect(forwarded?.headers['x-custom']).toBeUndefined()
    expect(forwarded?.headers['x-forwarded-for']).toBeUndefined()
    expect(forwarded?.headers['seam-workspace']).toBeUndefined()
  })

  it('sends a personal access token with the seam-workspace header', async () => {
    const patApp = makeApp({
      SEAM_API_KEY: '',
      SEAM_PERSONAL_ACCESS_TOKEN: 'seam_at_pat_token',
      SEAM_WORKSPACE_ID: 'ws_123',
    })
    await post('/api/connected_accounts/list', {}, {}, patApp)
    expect(stub.requests[0]?.headers.authorization).toBe(
      'Bearer seam_at_pat_token',
    )
    expect(stub.requests[0]?.headers['seam-workspace']).toBe('ws_123')
  })

  it('never passes an upstream Set-Cookie or other upstream headers back', async () => {
    stub.reply({
      status: 200,
      body: { ok: true },
      headers: { 'set-cookie': 'upstream=1', 'x-upstream-secret': 'yes' },
    })
    const res = await post('/api/connected_accounts/list')
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(res.headers.get('x-upstream-secret')).toBeNull()
  })

  it('redacts the key from upstream bodies and from every log line', async () => {
    stub.reply({
      status: 401,
      body: {
        error: { type: 'unauthorized', message: `API key ${KEY} is not valid` },
        ok: false,
      },
    })
    const res = await post('/api/connected_accounts/list')
    const text = await res.text()
    expect(res.status).toBe(401)
    expect(text).not.toContain(KEY)
    expect(text).toContain('[redacted]')
    expect(logs.length).toBeGreaterThan(0)
    expect(logs.join('\n')).not.toContain(KEY)
  })
})

describe('upstream bodies', () => {
  /** A dashboard whose upstream answers `bytes` to every call. */
  function answering(bytes: Uint8Array): Hono<AppEnv> {
    return createApp({
      config: loadConfig({ SEAM_API_KEY: KEY, SEAM_ENDPOINT: stub.url }),
      distDir: join(dir, 'dist'),
      log: (line) => logs.push(line),
      upstream: {
        mode: 'seam',
        key: 'bytes',
        post: () =>
          Promise.resolve(
            new Response(new Uint8Array(bytes), {
              status: 200,
              headers: { 'content-type': 'application/json' },
            }),
          ),
      },
    })
  }

  const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer())

  it('passes a body without a secret or a stack trace on byte for byte', async () => {
    // Spacing and an invalid UTF-8 byte a decode and re-encode would change.
    const bytes = Buffer.concat([
      Buffer.from('{ "ok" : true, "name": "Zo\u00eb ', 'utf8'),
      Buffer.from([0xff]),
      Buffer.from('" }', 'utf8'),
    ])
    const res = await post(
      '/api/connected_accounts/list',
      {},
      {},
      answering(bytes),
    )

    expect(res.status).toBe(200)
    expect((await bytesOf(res)).equals(bytes)).toBe(true)
  })

  it('redacts a body that holds a secret, whatever surrounds it', async () => {
    const bytes = Buffer.from(`{"note":"ü ${KEY} ✓","ok":true}`, 'utf8')
    const res = await post(
      '/api/connected_accounts/list',
      {},
      {},
      answering(bytes),
    )

    expect((await bytesOf(res)).toString('utf8')).toBe(
      '{"note":"ü [redacted] ✓","ok":true}',
    )
  })
})

describe('page size cap', () => {
  it.each(['connected_accounts/list', 'events/list', 'devices/list'])(
    'sends limit 200 when %s asks for none and keeps a smaller one',
    async (route) => {
      await post(`/api/${route}`, {})
      await post(`/api/${route}`, { limit: 50 })
      await post(`/api/${route}`, { limit: 200 })
      expect(
        stub.requests.map(
          (r) => (JSON.parse(r.body) as { limit: number }).limit,
        ),
      ).toEqual([200, 50, 200])
    },
  )

  it('refuses a limit over 200 without forwarding', async () => {
    const res = await post('/api/connected_accounts/list', { limit: 201 })
    expect(res.status).toBe(400)
    const body = (await res.json()) as ErrorBody
    expect(body.error.type).toBe('invalid_input')
    expect(body.error.message).toContain('limit')
    expect(stub.requests).toEqual([])
  })

  it('leaves limit alone on routes that do not page', async () => {
    await post('/api/connected_accounts/get', { connected_account_id: 'x' })
    expect(JSON.parse(stub.requests[0]?.body ?? '{}')).toEqual({
      connected_account_id: 'x',
    })
  })
})

describe('retries', () => {
  it.each([429, 502, 503, 504])(
    'retries a read after %i and returns the success',
    async (status) => {
      stub.reply(
        { status },
        { status },
        { status: 200, body: { connected_accounts: [], ok: true } },
      )
      const res = await post('/api/connected_accounts/list')
      expect(res.status).toBe(200)
      expect(stub.requests).toHaveLength(3)
      expect(sleeps).toHaveLength(2)
    },
  )

  it('retries a dropped connection on a read', async () => {
    stub.reply('drop', { status: 200 })
    const res = await post('/api/events/list', {
      since: '2026-01-01T00:00:00Z',
    })
    expect(res.status).toBe(200)
    expect(stub.requests).toHaveLength(2)
  })

  it('gives up after 3 retries with the last answer', async () => {
    stub.reply({
      status: 503,
      body: {
        error: { type: 'service_unavailable', message: 'down' },
        ok: false,
      },
    })
    const res = await post('/api/connected_accounts/get')
    expect(stub.requests).toHaveLength(4)
    expect(res.status).toBe(503)
    expect(((await res.json()) as ErrorBody).error.type).toBe(
      'service_unavailable',
    )
  })

  it('answers 502 upstream_unreachable when every attempt is dropped', async () => {
    stub.reply('drop')
    const res = await post('/api/devices/list')
    expect(stub.requests).toHaveLength(4)
    expect(res.status).toBe(502)
    expect(((await res.json()) as ErrorBody).error.type).toBe(
      'upstream_unreachable',
    )
  })

  it('backs off exponentially with jitter, capped', async () => {
    stub.reply({ status: 503 })
    await post('/api/connected_accounts/list')
    expect(sleeps).toHaveLength(3)
    sleeps.forEach((ms, retry) => {
      expect(ms).toBeGreaterThanOrEqual(0)
      expect(ms).toBeLessThanOrEqual(Math.min(2_000, 200 * 2 ** retry))
    })
  })

  it('waits at least Retry-After before retrying', async () => {
    stub.reply(
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 200 },
    )
    const res = await post('/api/connected_accounts/list')
    expect(res.status).toBe(200)
    expect(sleeps).toEqual([2_000])
  })

  it('passes a 429 with a long Retry-After straight back', async () => {
    stub.reply({ status: 429, headers: { 'retry-after': '60' } })
    const res = await post('/api/connected_accounts/list')
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('60')
    expect(stub.requests).toHaveLength(1)
  })

  it('does not retry a 500 or a 4xx', async () => {
    stub.reply({ status: 500 })
    expect((await post('/api/connected_accounts/list')).status).toBe(500)
    stub.reply({
      status: 404,
      body: {
        error: { type: 'connected_account_not_found', message: 'x' },
        ok: false,
      },
    })
    expect((await post('/api/connected_accounts/get')).status).toBe(404)
    expect(stub.requests).toHaveLength(2)
  })

  it.each([
    ['connected_accounts/update', { status: 503 }],
    ['connected_accounts/delete', { status: 429 }],
    ['connected_accounts/sync', { status: 502 }],
    ['connect_webviews/create', { status: 504 }],
  ] as const)('never retries the mutation %s', async (route, reply) => {
    stub.reply(reply)
    const res = await post(`/api/${route}`, {})
    expect(res.status).toBe(reply.status)
    expect(stub.requests).toHaveLength(1)
    expect(sleeps).toEqual([])
  })

  it('never retries a mutation whose connection dropped', async () => {
    stub.reply('drop')
    const res = await post('/api/connected_accounts/sync', {
      connected_account_id: 'x',
    })
    expect(res.status).toBe(502)
    expect(stub.requests).toHaveLength(1)
  })
})

describe('timeouts and fail-fast', () => {
  it('answers 504 upstream_timeout after UPSTREAM_TIMEOUT_MS and does not retry', async () => {
    stub.reply('hang')
    const started = performance.now()
    const res = await post('/api/connected_accounts/list')
    expect(res.status).toBe(504)
    expect(((await res.json()) as ErrorBody).error.type).toBe(
      'upstream_timeout',
    )
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(stub.requests).toHaveLength(1)
  })

  it('fails fast after repeated failures, then recovers by itself', async () => {
    const breaker = new CircuitBreaker({
      failureThreshold: 3,
      cooldownMs: 1_000,
      now: () => now,
    })
    const fast = makeApp({}, breaker)
    stub.reply({ status: 503 })
    for (let i = 0; i < 3; i++)
      await post('/api/connected_accounts/sync', {}, {}, fast)
    expect(stub.requests).toHaveLength(3)

    const refused = await post('/api/connected_accounts/list', {}, {}, fast)
    expect(refused.status).toBe(503)
    expect(((await refused.json()) as ErrorBody).error.type).toBe(
      'upstream_unavailable',
    )
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(stub.requests).toHaveLength(3)

    now += 1_001
    stub.reply({ status: 200 })
    const trial = await post('/api/connected_accounts/list', {}, {}, fast)
    expect(trial.status).toBe(200)
    expect(breaker.state).toBe('closed')
    expect(
      (await post('/api/connected_accounts/list', {}, {}, fast)).status,
    ).toBe(200)
  })
})

describe('request checks', () => {
  it('refuses a cross-site request', async () => {
    const res = await post(
      '/api/connected_accounts/update',
      {},
      { 'sec-fetch-site': 'cross-site' },
    )
    expect(res.status).toBe(403)
    expect(stub.requests).toEqual([])
  })

  it('refuses a request whose Origin is another site, and accepts its own origin or none', async () => {
    expect(
      (
        await post(
          '/api/connected_accounts/delete',
          {},
          { origin: 'https://evil.example' },
        )
      ).status,
    ).toBe(403)
    expect(
      (await post('/api/connected_accounts/delete', {}, { origin: 'null' }))
        .status,
    ).toBe(403)
    expect(
      (
        await post(
          '/api/connected_accounts/delete',
          {},
          { origin: 'http://localhost' },
        )
      ).status,
    ).toBe(200)
    expect(
      (
        await post(
          '/api/connected_accounts/delete',
          {},
          { 'sec-fetch-site': 'same-origin' },
        )
      ).status,
    ).toBe(200)
    expect(stub.requests).toHaveLength(2)
  })

  it('checks Origin against PUBLIC_URL behind a proxy', async () => {
    const behind = makeApp({ PUBLIC_URL: 'https://accounts.example.com' })
    const ok = await post(
      '/api/connected_accounts/sync',
      {},
      { origin: 'https://accounts.example.com' },
      behind,
    )
    const bad = await post(
      '/api/connected_accounts/sync',
      {},
      { origin: 'http://localhost' },
      behind,
    )
    expect([ok.status, bad.status]).toEqual([200, 403])
  })

  it.each([
    ['text/plain', '{}'],
    ['application/x-www-form-urlencoded', 'a=b'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('answers a %s body with 415', async (type, body) => {
    const res = await app.request('/api/connected_accounts/update', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    })
    expect(res.status).toBe(415)
    expect(((await res.json()) as ErrorBody).error.type).toBe(
      'unsupported_media_type',
    )
    expect(stub.requests).toEqual([])
  })

  it('accepts application/json with a charset', async () => {
    const res = await post(
      '/api/connected_accounts/list',
      {},
      { 'content-type': 'application/json; charset=utf-8' },
    )
    expect(res.status).toBe(200)
  })

  it.each([['{not json'], ['[1,2]'], ['"text"'], ['null']])(
    'answers the body %s with 400',
    async (body) => {
      const res = await post('/api/connected_accounts/update', body)
      expect(res.status).toBe(400)
      expect(((await res.json()) as ErrorBody).error.type).toBe('invalid_input')
      expect(stub.requests).toEqual([])
    },
  )

  it('accepts a body of exactly 64 KiB and refuses one byte more with 413', async () => {
    const base = JSON.stringify({ custom_metadata: { note: '' } })
    const exact = JSON.stringify({
      custom_metadata: { note: 'x'.repeat(64 * 1024 - base.length) },
    })
    expect(Buffer.byteLength(exact)).toBe(64 * 1024)
    expect((await post('/api/connected_accounts/update', exact)).status).toBe(
      200,
    )
    const over = JSON.stringify({
      custom_metadata: { note: 'x'.repeat(64 * 1024 - base.length + 1) },
    })
    const res = await post('/api/connected_accounts/update', over)
    expect(res.status).toBe(413)
    expect(((await res.json()) as ErrorBody).error.type).toBe(
      'payload_too_large',
    )
    expect(stub.requests).toHaveLength(1)
  })
})

describe('upstream answers', () => {
  it('passes error status and body through, without a stack trace', async () => {
    stub.reply({
      status: 400,
      body: {
        error: {
          type: 'invalid_input',
          message: 'display_name is too long',
          stack: 'Error: at /srv/x.ts:1',
        },
        ok: false,
      },
    })
    const res = await post('/api/connected_accounts/update', {})
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: { type: 'invalid_input', message: 'display_name is too long' },
      ok: false,
    })
  })

  it('refuses simulate routes on a workspace that is not a sandbox', async () => {
    stub.reply((request) =>
      request.path === '/workspaces/get'
        ? { status: 200, body: { workspace: { is_sandbox: false }, ok: true } }
        : { status: 200 },
    )
    const res = await post('/api/connected_accounts/simulate/disconnect', {
      connected_account_id: 'x',
    })
    expect(res.status).toBe(403)
    expect(forwardedPaths()).toEqual(['/workspaces/get'])
  })

  it('forwards simulate routes on a sandbox workspace', async () => {
    stub.reply((request) =>
      request.path === '/workspaces/get'
        ? { status: 200, body: { workspace: { is_sandbox: true }, ok: true } }
        : { status: 200 },
    )
    const res = await post('/api/connected_accounts/simulate/disconnect', {
      connected_account_id: 'x',
    })
    expect(res.status).toBe(200)
    expect(forwardedPaths()).toEqual([
      '/workspaces/get',
      '/connected_accounts/simulate/disconnect',
    ])
  })
})

describe('health, readiness and logs', () => {
  it('reports liveness without touching the upstream', async () => {
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(stub.requests).toEqual([])
  })

  it('reports readiness from the upstream', async () => {
    stub.reply({
      status: 200,
      body: { workspace: { is_sandbox: false }, ok: true },
    })
    const ready = await app.request('/readyz')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({
      ok: true,
      mode: 'seam',
      version: '0.0.0',
      upstream: { reachable: true, is_sandbox: false, status: 200 },
    })
    stub.reply('drop')
    const down = await app.request('/readyz')
    expect(down.status).toBe(503)
  })

  it('writes one structured line per request, with no body or query', async () => {
    await post('/api/connected_accounts/list?search=secret-query', {
      search: 'body-secret',
    })
    expect(logs).toHaveLength(1)
    const line = JSON.parse(logs[0] ?? '{}') as Record<string, unknown>
    expect(line).toMatchObject({
      level: 'info',
      method: 'POST',
      route: '/api/connected_accounts/list',
      status: 200,
      upstream_attempts: 1,
    })
    expect(typeof line.request_id).toBe('string')
    expect(typeof line.duration_ms).toBe('number')
    expect(logs[0]).not.toContain('secret')
  })
})

describe('security headers', () => {
  const check = (res: Response) => {
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toMatch(/frame-ancestors [^;]+/)
    expect(csp).not.toMatch(/frame-ancestors[^;]*'self'/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('permissions-policy')).toContain('camera=()')
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  }

  it.each([
    ['HTML', '/'],
    ['a client route', '/accounts/123'],
    ['an asset', '/assets/app-1a2b.js'],
    ['a missing asset', '/assets/missing.js'],
    ['health', '/healthz'],
  ])('are on %s', async (_name, path) => {
    const res = await app.request(path)
    check(res)
    // No EMBED_ORIGINS: no page may frame the dashboard.
    expect(res.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'none'",
    )
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('strict-transport-security')).toBeNull()
  })

  it('are on API answers and API errors', async () => {
    stub.reply({ status: 500 })
    check(await post('/api/connected_accounts/list'))
    check(await post('/api/nope'))
    check(await post('/api/connected_accounts/update', '{bad'))
  })

  it('let exactly the EMBED_ORIGINS frame the dashboard, and drop X-Frame-Options then', async () => {
    const embedded = makeApp({
      EMBED_ORIGINS: 'https://portal.example.com, http://localhost:3000',
    })
    for (const path of ['/', '/api/nope', '/assets/app-1a2b.js']) {
      const res = await embedded.request(path)
      const csp = res.headers.get('content-security-policy') ?? ''
      const directive = csp
        .split(';')
        .map((part) => part.trim())
        .find((part) => part.startsWith('frame-ancestors'))
      expect(directive).toBe(
        'frame-ancestors https://portal.example.com http://localhost:3000',
      )
      expect(res.headers.get('x-frame-options')).toBeNull()
    }
  })

  it('add HSTS when served over https', async () => {
    const secure = makeApp({ PUBLIC_URL: 'https://accounts.example.com' })
    const res = await secure.request('/')
    expect(res.headers.get('strict-transport-security')).toContain(
      'max-age=31536000',
    )
  })

  it('serve index.html for client routes and 404 for missing assets', async () => {
    for (const path of [
      '/accounts',
      '/accounts/3f2a',
      '/triage',
      '/embed/accounts',
    ]) {
      const res = await app.request(path)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('<!doctype html>')
      expect(res.headers.get('cache-control')).toBe('no-cache')
    }
    const missing = await app.request('/assets/missing-123.js')
    expect(missing.status).toBe(404)
    const asset = await app.request('/assets/app-1a2b.js')
    expect(asset.headers.get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    )
  })
})
