import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { serve } from '@hono/node-server'
import type { Hono } from 'hono'

import { createApp } from '../app'
import type { AppEnv } from '../app-env'
import { loadConfig } from '../config'
import type { TestSandbox } from '../sandbox/test-sandbox'
import { startTestSandbox } from '../sandbox/test-sandbox'

export const TEST_INDEX_HTML =
  '<!doctype html><title>Seam Accounts Console</title>'

export interface TestDashboard {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string
  app: Hono<AppEnv>
  sandbox: TestSandbox
  close(): Promise<void>
}

export interface TestDashboardOptions {
  /** The environment, told the dashboard's origin (for PUBLIC_URL). */
  env: (origin: string) => Partial<Record<string, string>>
  /** The clock of sign-in sessions and the rate limit. */
  now?: () => number
  accounts?: number
  /** Receives the server's log lines (sign-in failures among them). */
  log?: (line: string) => void
  /** Runs once the port is known, before the config is read (to start a provider that must know it). */
  beforeConfig?: (origin: string) => Promise<void>
}

/**
 * The real dashboard (createApp on a real sandbox) on a real socket at
 * 127.0.0.1, port 0: requests arrive from the peer 127.0.0.1, and the
 * configuration may name the port it got.
 */
export async function startTestDashboard({
  env,
  now,
  accounts = 12,
  beforeConfig,
  log = () => undefined,
}: TestDashboardOptions): Promise<TestDashboard> {
  const dir = mkdtempSync(join(tmpdir(), 'seam-accounts-console-auth-'))
  const distDir = join(dir, 'dist')
  mkdirSync(join(distDir, 'assets'), { recursive: true })
  writeFileSync(join(distDir, 'index.html'), TEST_INDEX_HTML)
  writeFileSync(join(distDir, 'assets', 'index-0a1b2c.js'), 'void 0')

  // Built once the port is known; the server answers 503 until then.
  const built: { app?: Hono<AppEnv> } = {}
  const server = serve({
    fetch: (request, bindings) =>
      built.app
        ? built.app.fetch(request, bindings)
        : new Response('Starting', { status: 503 }),
    hostname: '127.0.0.1',
    port: 0,
  })
  await new Promise<void>((resolve, reject) => {
    if (server.listening) {
      resolve()
      return
    }
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`

  await beforeConfig?.(origin)
  const sandbox = startTestSandbox({ accounts })
  const config = loadConfig({ EMBED_DEMO_PORT: '0', ...env(origin) })
  const app = createApp({
    config,
    sandbox: sandbox.sandbox,
    distDir,
    log,
    ...(now ? { auth: { now } } : {}),
  })
  built.app = app

  return {
    origin,
    app,
    sandbox,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
      sandbox.cleanup()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
