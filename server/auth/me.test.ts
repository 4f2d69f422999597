import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { createApp } from '../app'
import { loadConfig } from '../config'
import type { TestSandbox } from '../sandbox/test-sandbox'
import { startTestSandbox } from '../sandbox/test-sandbox'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function appWith(env: Record<string, string> = {}) {
  const sandbox: TestSandbox = startTestSandbox({ accounts: 4 })
  const distDir = mkdtempSync(join(tmpdir(), 'me-dist-'))
  cleanups.push(() => {
    sandbox.cleanup()
    rmSync(distDir, { recursive: true, force: true })
  })
  return createApp({
    config: loadConfig({ EMBED_DEMO_PORT: '0', ...env }),
    sandbox: sandbox.sandbox,
    distDir,
    log: () => undefined,
  })
}

describe('GET /api/auth/me', () => {
  it('is the local admin with AUTH_MODE=none', async () => {
    const response = await appWith().request('/api/auth/me')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({
      ok: true,
      user: { id: 'local', email: null, name: 'Local user' },
      role: 'admin',
      auth: 'none',
      via: 'dashboard',
      can_sign_out: false,
    })
  })

  it("is the embedded session's principal in a frame", async () => {
    const app = appWith()
    const started = await app.request('/api/embed/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    })
    const { session_token } = (await started.json()) as {
      session_token: string
    }
    const response = await app.request('/api/auth/me', {
      headers: { authorization: `Bearer ${session_token}` },
    })
    expect(await response.json()).toEqual({
      ok: true,
      user: { id: 'embed:anonymous', email: null, name: 'Portal user' },
      role: 'viewer',
      auth: 'embed',
      via: 'embed',
      can_sign_out: false,
    })
  })

  it('has no sign-in routes without AUTH_MODE=oidc', async () => {
    const app = appWith()
    expect((await app.request('/auth/login')).status).toBe(404)
    expect((await app.request('/auth/logout', { method: 'POST' })).status).toBe(
      404,
    )
  })
})
