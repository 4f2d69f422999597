import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { createApp } from './app'
import type { AppEnv } from './app-env'
import { loadConfig } from './config'
import { BOOT_SCRIPT_SOURCE } from './page-boot'
import { createSandbox, type Sandbox } from './sandbox/create-sandbox'

const INDEX_HTML = '<!doctype html><title>Seam Accounts Console</title>'
const BUNDLE = 'console.log("dashboard")'

let workDir: string
let sandbox: Sandbox
let app: Hono<AppEnv>

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'seam-accounts-console-app-'))
  const distDir = join(workDir, 'dist')
  mkdirSync(join(distDir, 'assets'), { recursive: true })
  writeFileSync(join(distDir, 'index.html'), INDEX_HTML)
  writeFileSync(join(distDir, 'assets', 'index-3f2a1b.js'), BUNDLE)
  writeFileSync(join(distDir, 'favicon.svg'), '<svg/>')

  const config = loadConfig({})
  sandbox = createSandbox({
    db: join(workDir, 'sandbox.db'),
    apiKey: config.sandbox.apiKey,
    accounts: 7,
    seed: 1,
  })
  app = createApp({ config, sandbox, distDir, log: () => undefined })
})

afterEach(() => {
  sandbox.close()
  rmSync(workDir, { recursive: true, force: true })
})

describe('GET /api/dashboard/status', () => {
  it('reports sandbox mode and the connected account count', async () => {
    const res = await app.request('/api/dashboard/status')

    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const body: unknown = await res.json()
    expect(body).toEqual({
      ok: true,
      mode: 'sandbox',
      connected_account_count: sandbox.accountCount(),
    })
    expect(sandbox.accountCount()).toBe(7)
  })
})

describe('unknown API routes', () => {
  it.each([
    ['GET', '/api/nope'],
    ['POST', '/api/nope'],
    ['POST', '/api/dashboard/status'],
    ['GET', '/api/index.html'],
  ])('%s %s returns a JSON 404', async (method, path) => {
    const res = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
    })

    expect(res.status).toBe(404)
    const body = (await res.json()) as {
      error: { type: string; message: string; request_id: string }
      ok: boolean
    }
    expect(body).toEqual({
      error: {
        type: 'not_found',
        message: `No API route ${path}`,
        request_id: res.headers.get('x-request-id'),
      },
      ok: false,
    })
  })
})

describe('forwarded API routes in sandbox mode', () => {
  it('answers POST /api/connected_accounts/list from the in-process sandbox', async () => {
    const res = await app.request('/api/connected_accounts/list', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 3 }),
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { connected_accounts: unknown[] }
    expect(body.connected_accounts).toHaveLength(3)
  })
})

describe('static files', () => {
  it('serves index.html at the root without caching it', async () => {
    const res = await app.request('/')

    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(res.headers.get('Cache-Control')).toBe('no-cache')
    expect(await res.text()).toBe(INDEX_HTML)
  })

  it('caches hashed assets for a year', async () => {
    const res = await app.request('/assets/index-3f2a1b.js')

    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/javascript/)
    expect(res.headers.get('Cache-Control')).toBe(
      'public, max-age=31536000, immutable',
    )
    expect(await res.text()).toBe(BUNDLE)
  })

  it('serves other public files with a short cache', async () => {
    const res = await app.request('/favicon.svg')

    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^image\/svg\+xml/)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=3600')
  })

  it('falls back to index.html for client-side routes', async () => {
    const res = await app.request('/connected-accounts/ca_123')

    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-cache')
    expect(await res.text()).toBe(INDEX_HTML)
  })

  it.each([
    ['/', 'accounts'],
    ['/accounts', 'accounts'],
    ['/accounts/', 'accounts'],
    ['/accounts/ca_123', 'account'],
    ['/triage', 'triage'],
  ])(
    'answers %s with the %s page when the build has it',
    async (path, page) => {
      const distDir = join(workDir, 'dist')
      mkdirSync(join(distDir, 'pages'), { recursive: true })
      for (const name of ['accounts', 'account', 'triage']) {
        writeFileSync(join(distDir, 'pages', `${name}.html`), `<p>${name}</p>`)
      }

      const res = await app.request(path)

      expect(res.status).toBe(200)
      expect(res.headers.get('Cache-Control')).toBe('no-cache')
      expect(await res.text()).toBe(`<p>${page}</p>`)
      // Other app paths keep the plain page.
      expect(await (await app.request('/audit')).text()).toBe(INDEX_HTML)
      expect(await (await app.request('/accounts/a/b')).text()).toBe(INDEX_HTML)
    },
  )

  it('returns 404 for missing files instead of the SPA', async () => {
    const res = await app.request('/assets/missing-123.js')

    expect(res.status).toBe(404)
    expect(res.headers.get('Cache-Control')).toBeNull()
  })

  it('does not serve files outside the dist folder', async () => {
    const res = await app.request('/..%2fsandbox.db')

    expect(res.status).toBe(404)
  })
})

describe('security headers', () => {
  it.each(['/', '/api/dashboard/status', '/api/nope', '/assets/missing.js'])(
    'are set on %s',
    async (path) => {
      const res = await app.request(path)

      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
      // The one inline script allowed is the pages' boot script.
      expect(res.headers.get('Content-Security-Policy')).toContain(
        `script-src 'self' ${BOOT_SCRIPT_SOURCE};`,
      )
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer')
    },
  )
})
