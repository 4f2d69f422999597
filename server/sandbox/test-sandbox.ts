import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Sandbox, SandboxOptions } from './create-sandbox'
import { createSandbox } from './create-sandbox'

/** The moment test workspaces are seeded at, so their data never changes. */
export const TEST_NOW = new Date('2026-11-01T12:00:00.000Z')

export interface SeamBody {
  ok: boolean
  error?: {
    type: string
    message: string
    request_id: string
    validation_errors?: Record<string, string[]>
  }
  [key: string]: unknown
}

export interface TestSandbox {
  sandbox: Sandbox
  dbPath: string
  /** POSTs a JSON body (or sends GET with `query`) with the sandbox's API key. */
  call(
    path: string,
    body?: unknown,
    init?: {
      method?: string
      headers?: Record<string, string>
      query?: string
    },
  ): Promise<{ status: number; body: SeamBody; headers: Headers }>
  /** Opens the same database file again, as a restart would. */
  reopen(options?: Partial<SandboxOptions>): void
  cleanup(): void
}

/** A real sandbox on a temporary SQLite file, freshly seeded. */
export function startTestSandbox(
  options: Partial<SandboxOptions> = {},
): TestSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-test-'))
  const dbPath = join(dir, 'sandbox.db')
  const base = {
    db: dbPath,
    accounts: 60,
    seed: 7,
    syncDelayMs: 0,
    now: TEST_NOW,
    ...options,
  }
  const handle: TestSandbox = {
    sandbox: createSandbox(base),
    dbPath,
    async call(path, body, init = {}) {
      const method = init.method ?? (init.query === undefined ? 'POST' : 'GET')
      const url = `http://sandbox.test${path}${init.query === undefined ? '' : `?${init.query}`}`
      const response = await handle.sandbox.app.request(url, {
        method,
        headers: {
          authorization: `Bearer ${handle.sandbox.apiKey}`,
          'content-type': 'application/json',
          ...init.headers,
        },
        ...(method === 'GET' || body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      })
      return {
        status: response.status,
        body: (await response.json()) as SeamBody,
        headers: response.headers,
      }
    },
    reopen(next = {}) {
      handle.sandbox.close()
      handle.sandbox = createSandbox({ ...base, ...next })
    },
    cleanup() {
      handle.sandbox.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return handle
}
