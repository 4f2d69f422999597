import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type fc from 'fast-check'
import type { Hono } from 'hono'

import { createApp } from '../app'
import type { AppEnv } from '../app-env'
import type { AuditStore } from '../audit/store'
import { openAuditStore } from '../audit/store'
import { loadConfig } from '../config'
import type { EmbedScope, EmbedSessionResponse, Role } from '../embed/model'
import { mintEmbedToken } from '../embed/token'
import { API_BODY_LIMIT } from '../proxy/forward'
import type { TestSandbox } from '../sandbox/test-sandbox'
import { startTestSandbox, TEST_NOW } from '../sandbox/test-sandbox'
import type { BodySpec, GeneratedQuery, HeaderOptions } from './arbitraries'
import { requestHeaders, routeRequest, spec } from './arbitraries'
import type { CheckOptions, ProbeTarget } from './fuzz'
import { checkAnswers, expectReached, RecordGuard, seededWorld } from './fuzz'

export const FUZZ_ORIGIN = 'http://localhost'
export const FUZZ_EMBED_SECRET = 'fuzz-embed-secret-0123456789abcdefghijkl'
export const FUZZ_PORTAL = 'https://portal.example.com'
export const FUZZ_INDEX_HTML =
  '<!doctype html><title>Seam Accounts Console</title>'

/** The real dashboard in-process on a real sandbox, watched for bad answers. */
export interface FuzzDashboard {
  app: Hono<AppEnv>
  sandbox: TestSandbox
  audit: AuditStore
  /** The test clock of embed tokens, sessions and the audit log. */
  now: number
  /** An embedded session through the real token exchange (needs EMBED_SECRET). */
  session(role: Role, scope?: EmbedScope): Promise<string>
  /**
   * Authorization values of embedded sessions of every role, over the whole
   * workspace and scoped every way, and two of none (the local admin).
   */
  authorizations(): Promise<string[]>
  /** Where `probe` and `checkAnswers` send requests: this app, in-process. */
  target: ProbeTarget
  cleanup(): void
}

export interface FuzzDashboardOptions {
  /** Added to (and overriding) the default environment. */
  env?: Record<string, string>
  accounts?: number
  /** The TCP peer requests come from, as a socket would tell (AUTH_MODE=proxy). */
  peer?: string
}

/**
 * Embedding on with a signed token, a destructive rate limit high enough
 * that generated deletes reach validation, and a built SPA of one page.
 */
export function startFuzzDashboard({
  env = {},
  accounts = 12,
  peer,
}: FuzzDashboardOptions = {}): FuzzDashboard {
  const sandbox = startTestSandbox({ accounts })
  const distDir = mkdtempSync(join(tmpdir(), 'fuzz-dist-'))
  mkdirSync(join(distDir, 'assets'))
  writeFileSync(join(distDir, 'index.html'), FUZZ_INDEX_HTML)
  writeFileSync(join(distDir, 'assets', 'index-0a1b2c.js'), 'void 0')
  const audit = openAuditStore(':memory:')
  const logs: string[] = []
  const clock = () => dashboard.now
  const app = createApp({
    config: loadConfig({
      EMBED_SECRET: FUZZ_EMBED_SECRET,
      EMBED_ORIGINS: FUZZ_PORTAL,
      EMBED_DEMO_PORT: '0',
      RATE_LIMIT_DESTRUCTIVE_PER_MINUTE: '10000',
      ...env,
    }),
    sandbox: sandbox.sandbox,
    distDir,
    log: (line) => logs.push(line),
    proxy: { sleep: () => Promise.resolve() },
    embed: { now: clock },
    audit: { store: audit, now: clock },
  })
  // What @hono/node-server's getConnInfo reads of a real connection.
  const bindings =
    peer === undefined
      ? {}
      : {
          incoming: {
            socket: {
              remoteAddress: peer,
              remotePort: 50_000,
              remoteFamily: 'IPv4',
            },
          },
        }

  const dashboard: FuzzDashboard = {
    app,
    sandbox,
    audit,
    now: TEST_NOW.getTime(),
    async session(role, scope = {}) {
      const res = await app.request(`${FUZZ_ORIGIN}/api/embed/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: FUZZ_ORIGIN },
        body: JSON.stringify({
          token: mintEmbedToken({
            secret: FUZZ_EMBED_SECRET,
            role,
            scope,
            now: dashboard.now,
          }),
        }),
      })
      if (res.status !== 201) {
        throw new Error(`session exchange failed: ${await res.text()}`)
      }
      return ((await res.json()) as EmbedSessionResponse).session_token
    },
    async authorizations() {
      const world = seededWorld(sandbox.sandbox.store)
      const [pair] = world.metadataPairs
      const tokens = [
        await dashboard.session('viewer'),
        await dashboard.session('operator', {
          customer_key: world.customerKeys[0] ?? 'x',
        }),
        await dashboard.session('admin', {
          custom_metadata_has: pair ? { [pair[0]]: pair[1] } : {},
        }),
        await dashboard.session('admin', {
          customer_ids: world.customerIds.slice(0, 1),
        }),
        await dashboard.session('viewer', {
          user_identifier_key: world.userIdentifierKeys[0] ?? 'x',
        }),
      ]
      // An empty value is no session: the local admin of AUTH_MODE=none.
      return ['', '', ...tokens.map((token) => `Bearer ${token}`)]
    },
    target: {
      origin: FUZZ_ORIGIN,
      send: (request) => app.request(request, undefined, bindings),
      guard: new RecordGuard(sandbox.sandbox.store, audit),
      logs,
    },
    cleanup() {
      audit.close()
      sandbox.cleanup()
      rmSync(distDir, { recursive: true, force: true })
    },
  }
  return dashboard
}

export interface RouteFuzz {
  /** The method clients use; others are tried too. */
  method: string
  path: string
  /** The route's body; left out for a route that reads none. */
  body?: BodySpec
  /** The route's body limit, which huge bodies straddle (the API's by default). */
  limitBytes?: number
  /** The route's query string; junk half the time when left out. */
  query?: fc.Arbitrary<GeneratedQuery>
  /** Authorization, cookie and other headers that mean something here. */
  headers?: Omit<HeaderOptions, 'origin'>
  /** How often each kind of answer must come at least (`expectReached`). */
  reached: Record<string, number>
  checks?: CheckOptions
}

/**
 * 1,000 generated requests to one route of the dashboard, from the local
 * admin and from embedded sessions of every role and scope (unless other
 * headers are given), each answer checked by `checkAnswers`.
 */
export async function fuzzRoute(
  dashboard: FuzzDashboard,
  {
    method,
    path,
    body,
    limitBytes = API_BODY_LIMIT,
    query,
    headers,
    reached,
    checks = {},
  }: RouteFuzz,
): Promise<void> {
  const requests = routeRequest({
    path,
    usualMethod: method,
    body: body ?? spec({}),
    limitBytes,
    headers: requestHeaders({
      origin: FUZZ_ORIGIN,
      ...(headers ?? { authorizations: await dashboard.authorizations() }),
    }),
    ...(query === undefined ? {} : { query }),
    ignoresBody: body === undefined,
  })
  const tally = await checkAnswers(dashboard.target, requests, checks)
  expectReached(tally, reached)
}
