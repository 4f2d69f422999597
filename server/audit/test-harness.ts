import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Hono } from 'hono'

import { createApp } from '../app'
import type { AppEnv } from '../app-env'
import { loadConfig } from '../config'
import type { EmbedScope, EmbedSessionResponse, Role } from '../embed/model'
import { mintEmbedToken } from '../embed/token'
import type { StoredAccount } from '../sandbox/store'
import type { TestSandbox } from '../sandbox/test-sandbox'
import { startTestSandbox, TEST_NOW } from '../sandbox/test-sandbox'
import type { Upstream } from '../upstream'
import { sandboxUpstream } from '../upstream'
import type { AuditListResponse, AuditRecord } from './model'
import type { AuditStore } from './store'
import { openAuditStore } from './store'

export const EMBED_SECRET = 'audit-embed-secret-0123456789abcdefghij'
export const PORTAL = 'https://portal.example.com'

export interface AuditHarness {
  app: Hono<AppEnv>
  sandbox: TestSandbox
  store: AuditStore
  clock: { now: number }
  logs: string[]
  /** A POST as the dashboard's own page sends it. */
  post(
    path: string,
    body?: unknown,
    init?: { session?: string; headers?: Record<string, string> },
  ): Promise<Response>
  get(path: string, session?: string): Promise<Response>
  /** An embedded session of `role`, through the real token exchange. */
  session(
    role: Role,
    scope?: EmbedScope,
    extra?: { subject?: string; origin?: string },
  ): Promise<string>
  accounts(): StoredAccount[]
  /** Every record, oldest first, straight from the store. */
  records(): AuditRecord[]
  list(query?: string, session?: string): Promise<AuditListResponse>
  cleanup(): void
}

export interface AuditHarnessOptions {
  env?: Record<string, string>
  accounts?: number
  /** Wraps the sandbox upstream, to make it fail on purpose. */
  upstream?: (inner: Upstream) => Upstream
}

/** The real app on a real sandbox, with an in-memory audit log and a test clock. */
export function startAuditHarness({
  env = {},
  accounts = 12,
  upstream = (inner) => inner,
}: AuditHarnessOptions = {}): AuditHarness {
  const sandbox = startTestSandbox({ accounts })
  const distDir = mkdtempSync(join(tmpdir(), 'audit-dist-'))
  const store = openAuditStore(':memory:')
  const clock = { now: TEST_NOW.getTime() }
  const logs: string[] = []
  const app = createApp({
    config: loadConfig({
      EMBED_SECRET,
      EMBED_ORIGINS: PORTAL,
      UPSTREAM_TIMEOUT_MS: '200',
      ...env,
    }),
    sandbox: sandbox.sandbox,
    upstream: upstream(sandboxUpstream(sandbox.sandbox)),
    distDir,
    log: (line) => logs.push(line),
    proxy: { sleep: () => Promise.resolve() },
    embed: { now: () => clock.now },
    triage: { now: () => clock.now },
    audit: { store, now: () => clock.now },
  })
  const authorization = (session?: string): Record<string, string> =>
    session === undefined ? {} : { authorization: `Bearer ${session}` }

  const h: AuditHarness = {
    app,
    sandbox,
    store,
    clock,
    logs,
    post: async (path, body = {}, init = {}) =>
      app.request(path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://localhost',
          ...authorization(init.session),
          ...init.headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: async (path, session) =>
      app.request(path, { headers: authorization(session) }),
    async session(role, scope = {}, extra = {}) {
      const res = await h.post('/api/embed/session', {
        token: mintEmbedToken({
          secret: EMBED_SECRET,
          role,
          scope,
          now: clock.now,
          ...extra,
        }),
      })
      if (res.status !== 201) {
        throw new Error(`session exchange failed: ${await res.text()}`)
      }
      return ((await res.json()) as EmbedSessionResponse).session_token
    },
    accounts: () => sandbox.sandbox.store.listAccounts({}, null, 100_000),
    records: () => store.list({}, 100_000).records.reverse(),
    async list(query = '', session) {
      const res = await h.get(`/api/audit${query}`, session)
      if (res.status !== 200) {
        throw new Error(
          `GET /api/audit${query}: ${res.status} ${await res.text()}`,
        )
      }
      return (await res.json()) as AuditListResponse
    },
    cleanup() {
      store.close()
      sandbox.cleanup()
      rmSync(distDir, { recursive: true, force: true })
    },
  }
  return h
}

/** The only record, failing the test when there is not exactly one. */
export function onlyRecord(h: AuditHarness): AuditRecord {
  const records = h.records()
  if (records.length !== 1 || !records[0]) {
    throw new Error(`expected one audit record, got ${records.length}`)
  }
  return records[0]
}
