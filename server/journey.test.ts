import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createFake } from '@seamapi/fake-seam-connect'
import type { ConnectedAccount } from '@seamapi/types/connect'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createApp } from './app'
import type { AppEnv } from './app-env'
import { loadConfig, secretsOf } from './config'
import type { Sandbox } from './sandbox/create-sandbox'
import { createSandbox } from './sandbox/create-sandbox'

interface Upstream {
  app: Hono<AppEnv>
  /** Routes this upstream does not implement answer 404, which passes through as is. */
  hasSync: boolean
  secrets: string[]
  stop: () => Promise<void>
}

const dir = mkdtempSync(join(tmpdir(), 'journey-'))
const logs: string[] = []
/** Every response of the run, headers and body, to look for secrets in. */
const seen: string[] = []

function onSandbox(): Promise<Upstream> {
  const config = loadConfig({
    SANDBOX_API_KEY: 'seam_sandbox_journey_secret',
    SANDBOX_DB: join(dir, 'sandbox.db'),
  })
  const sandbox: Sandbox = createSandbox({
    db: config.sandbox.db,
    apiKey: config.sandbox.apiKey,
    accounts: 30,
    syncDelayMs: 0,
  })
  return Promise.resolve({
    app: createApp({ config, sandbox, distDir: dir, log: (l) => logs.push(l) }),
    hasSync: true,
    secrets: secretsOf(config),
    stop: () => {
      sandbox.close()
      return Promise.resolve()
    },
  })
}

async function onFakeSeamConnect(): Promise<Upstream> {
  const fake = await createFake()
  const seed = await fake.seed()
  const server = await fake.startServer()
  const config = loadConfig({
    SEAM_API_KEY: seed.seam_apikey1_token,
    SEAM_ENDPOINT: server.serverUrl,
  })
  return {
    app: createApp({ config, distDir: dir, log: (l) => logs.push(l) }),
    // fake-seam-connect 1.86 has no /connected_accounts/sync.
    hasSync: false,
    secrets: secretsOf(config),
    stop: () => fake.stopServer(),
  }
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe.each([
  ['the sandbox', onSandbox],
  ['@seamapi/fake-seam-connect', onFakeSeamConnect],
])('a support journey through %s', (_name, start) => {
  let upstream: Upstream

  beforeAll(async () => {
    upstream = await start()
  })
  afterAll(async () => {
    await upstream.stop()
  })

  async function call(route: string, body: unknown) {
    const res = await upstream.app.request(`/api/${route}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://localhost',
      },
      body: JSON.stringify(body),
    })
    const text = await res.text()
    seen.push(JSON.stringify([...res.headers.entries()]), text)
    return {
      status: res.status,
      body: JSON.parse(text) as Record<string, unknown>,
    }
  }

  it('lists, gets, edits metadata, syncs, reads events and devices, deletes', async () => {
    const list = await call('connected_accounts/list', { limit: 10 })
    expect(list.status).toBe(200)
    const accounts = list.body.connected_accounts as ConnectedAccount[]
    expect(accounts.length).toBeGreaterThan(0)
    const [account] = accounts
    if (!account) throw new Error('no account')
    const id = account.connected_account_id

    const got = await call('connected_accounts/get', {
      connected_account_id: id,
    })
    expect(got.status).toBe(200)
    expect(
      (got.body.connected_account as ConnectedAccount).connected_account_id,
    ).toBe(id)

    const updated = await call('connected_accounts/update', {
      connected_account_id: id,
      custom_metadata: { ticket: 'SUP-42', escalated: true },
    })
    expect(updated.status).toBe(200)
    const after = await call('connected_accounts/get', {
      connected_account_id: id,
    })
    expect(
      (after.body.connected_account as ConnectedAccount).custom_metadata,
    ).toEqual({
      ticket: 'SUP-42',
      escalated: true,
    })

    const sync = await call('connected_accounts/sync', {
      connected_account_id: id,
    })
    expect(sync.status).toBe(upstream.hasSync ? 200 : 404)

    const events = await call('events/list', {
      since: '2000-01-01T00:00:00.000Z',
      connected_account_id: id,
    })
    expect(events.status).toBe(200)
    expect(Array.isArray(events.body.events)).toBe(true)

    const devices = await call('devices/list', { connected_account_id: id })
    expect(devices.status).toBe(200)
    expect(Array.isArray(devices.body.devices)).toBe(true)

    const deleted = await call('connected_accounts/delete', {
      connected_account_id: id,
    })
    expect(deleted.status).toBe(200)
    const gone = await call('connected_accounts/get', {
      connected_account_id: id,
    })
    expect(gone.status).toBe(404)
    expect((gone.body.error as { type: string }).type).toBe(
      'connected_account_not_found',
    )
    expect(JSON.stringify(gone.body)).not.toContain('"stack"')
  })

  it('never shows a configured secret in a response or a log line', () => {
    expect(seen.length).toBeGreaterThan(10)
    for (const secret of upstream.secrets) {
      expect(seen.filter((text) => text.includes(secret))).toEqual([])
      expect(logs.filter((line) => line.includes(secret))).toEqual([])
    }
  })
})

describe('the built app', () => {
  it('contains no configured secret, even when they are in the build environment', async () => {
    const outDir = join(dir, 'dist-check')
    const secrets = ['seam_live_build_secret_key', 'seam_at_build_secret_token']
    const saved = { ...process.env }
    process.env.SEAM_API_KEY = secrets[0]
    process.env.SEAM_PERSONAL_ACCESS_TOKEN = secrets[1]
    process.env.VITE_SEAM_API_KEY = secrets[0]
    try {
      const { build } = await import('vite')
      await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } })
    } finally {
      process.env = saved
    }
    const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    expect(files.some((f) => f.endsWith('.js'))).toBe(true)
    for (const file of files) {
      const path = join(outDir, file)
      if (!/\.(js|css|html|map|svg|json)$/.test(file)) continue
      const text = readFileSync(path, 'utf8')
      for (const secret of [...secrets, 'seam_sandbox_local']) {
        expect(text.includes(secret), `${file} contains ${secret}`).toBe(false)
      }
    }
  }, 60_000)
})
