import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Hono } from 'hono'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { createApp } from '../app'
import type { AppEnv } from '../app-env'
import { loadConfig } from '../config'
import type { StoredAccount } from '../sandbox/store'
import type { TestSandbox } from '../sandbox/test-sandbox'
import { startTestSandbox, TEST_NOW } from '../sandbox/test-sandbox'
import type { StubUpstream } from '../test-upstream'
import { startStubUpstream } from '../test-upstream'
import type { TriageState } from '../triage/model'
import type { Upstream } from '../upstream'
import { sandboxUpstream } from '../upstream'
import type {
  EmbedConfigResponse,
  EmbedScope,
  EmbedSessionResponse,
  Role,
} from './model'
import { EXPIRED_SESSION_RETENTION_MS } from './sessions'
import { mintEmbedToken } from './token'

const SECRET = 'embed-secret-0123456789abcdefghijklmnop'
const PORTAL = 'https://portal.example.com'

interface Harness {
  app: Hono<AppEnv>
  sandbox: TestSandbox
  clock: { now: number }
  /** Upstream paths the dashboard called, in order. */
  calls: string[]
  logs: string[]
  mint(
    role: Role,
    scope?: EmbedScope,
    extra?: { subject?: string; origin?: string; ttlSeconds?: number },
  ): string
  /** Exchanges a fresh token for a session token. */
  session(role: Role, scope?: EmbedScope): Promise<string>
}

interface ErrorBody {
  error: { type: string; message: string; request_id: string }
  ok: false
}

const cleanups: (() => void | Promise<void>)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function start(
  env: Record<string, string> = { EMBED_SECRET: SECRET },
): Harness {
  const sandbox = startTestSandbox({ accounts: 60 })
  const distDir = mkdtempSync(join(tmpdir(), 'embed-dist-'))
  cleanups.push(() => {
    sandbox.cleanup()
    rmSync(distDir, { recursive: true, force: true })
  })
  const clock = { now: TEST_NOW.getTime() }
  const calls: string[] = []
  const logs: string[] = []
  const inner = sandboxUpstream(sandbox.sandbox)
  const upstream: Upstream = {
    ...inner,
    post(path, body, init) {
      calls.push(path)
      return inner.post(path, body, init)
    },
  }
  const app = createApp({
    config: loadConfig({ EMBED_ORIGINS: PORTAL, ...env }),
    sandbox: sandbox.sandbox,
    upstream,
    distDir,
    log: (line) => logs.push(line),
    embed: { now: () => clock.now },
    triage: { now: () => clock.now },
  })
  const h: Harness = {
    app,
    sandbox,
    clock,
    calls,
    logs,
    mint: (role, scope = {}, extra = {}) =>
      mintEmbedToken({ secret: SECRET, role, scope, now: clock.now, ...extra }),
    async session(role, scope = {}) {
      const res = await post(h, '/api/embed/session', {
        token: h.mint(role, scope),
      })
      expect(res.status).toBe(201)
      return ((await res.json()) as EmbedSessionResponse).session_token
    },
  }
  return h
}

function post(
  h: Harness,
  path: string,
  body: unknown = {},
  session?: string,
  headers: Record<string, string> = {},
) {
  return h.app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: 'http://localhost',
      ...(session === undefined ? {} : { authorization: `Bearer ${session}` }),
      ...headers,
    },
    body: JSON.stringify(body),
  })
}

const get = (h: Harness, path: string, session?: string) =>
  h.app.request(path, {
    headers:
      session === undefined ? {} : { authorization: `Bearer ${session}` },
  })

async function expectError(
  res: Response,
  status: number,
  type: string,
  message?: string | RegExp,
): Promise<ErrorBody> {
  const body = (await res.json()) as ErrorBody
  expect({ status: res.status, type: body.error.type }).toEqual({
    status,
    type,
  })
  expect(body.ok).toBe(false)
  expect(body.error.request_id).toBe(res.headers.get('x-request-id'))
  if (typeof message === 'string') expect(body.error.message).toBe(message)
  else if (message) expect(body.error.message).toMatch(message)
  return body
}

// Reads of the sandbox's own store: what is really there, whatever the API says.
const allAccounts = (h: Harness): StoredAccount[] =>
  h.sandbox.sandbox.store.listAccounts({}, null, 100_000)
const account = (h: Harness, id: string) =>
  h.sandbox.sandbox.store.getAccount(id)

/** The customer with the most accounts, and one account of another customer. */
function customers(h: Harness) {
  const counts = new Map<string, number>()
  for (const a of allAccounts(h)) {
    if (a.customer_key !== null)
      counts.set(a.customer_key, (counts.get(a.customer_key) ?? 0) + 1)
  }
  const [customerKey = ''] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? []
  const mine = allAccounts(h).filter((a) => a.customer_key === customerKey)
  const others = allAccounts(h).filter(
    (a) => a.customer_key !== null && a.customer_key !== customerKey,
  )
  const [first] = mine
  const [other] = others
  if (!first || !other) throw new Error('the seed has too few customers')
  return { customerKey, mine, first, other }
}

const customerIdOf = (h: Harness, customerKey: string): string =>
  h.sandbox.sandbox.store.db
    .prepare('SELECT customer_id FROM customers WHERE customer_key = ?')
    .pluck()
    .get(customerKey) as string

describe('GET /api/embed/config', () => {
  it('says a token is needed when EMBED_SECRET is set', async () => {
    const h = start()
    const res = await get(h, '/api/embed/config')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      protocol_version: 1,
      origins: [PORTAL],
      token_required: true,
      available: true,
      reason: null,
    } satisfies EmbedConfigResponse)
  })

  it('needs no token on the sandbox without EMBED_SECRET, framed by the demo portal', async () => {
    const h = start({ EMBED_ORIGINS: '' })
    expect(await (await get(h, '/api/embed/config')).json()).toEqual({
      protocol_version: 1,
      origins: ['http://127.0.0.1:8081'],
      token_required: false,
      available: true,
      reason: null,
    })
  })

  it('is unavailable when no origin may frame the dashboard', async () => {
    const h = start({ EMBED_ORIGINS: '', EMBED_DEMO_PORT: '0' })
    expect(await (await get(h, '/api/embed/config')).json()).toMatchObject({
      origins: [],
      available: false,
      reason: expect.stringContaining('EMBED_ORIGINS') as unknown,
    })
  })
})

describe('embedding on a Seam workspace', () => {
  let stub: StubUpstream

  async function seamApp(env: Record<string, string> = {}) {
    stub = await startStubUpstream()
    const distDir = mkdtempSync(join(tmpdir(), 'embed-seam-dist-'))
    cleanups.push(async () => {
      await stub.close()
      rmSync(distDir, { recursive: true, force: true })
    })
    return createApp({
      config: loadConfig({
        SEAM_API_KEY: 'seam_test_key_embed',
        SEAM_ENDPOINT: stub.url,
        EMBED_ORIGINS: PORTAL,
        ...env,
      }),
      distDir,
      log: () => undefined,
    })
  }

  it('is unavailable without EMBED_SECRET, and refuses sessions', async () => {
    const app = await seamApp()
    const config = await app.request('/api/embed/config')
    expect(await config.json()).toEqual({
      protocol_version: 1,
      origins: [PORTAL],
      token_required: false,
      available: false,
      reason: 'Set EMBED_SECRET to embed the dashboard on a Seam workspace.',
    })
    for (const body of [{}, { scope: {} }, { token: 'sace1.a.b' }]) {
      const res = await app.request('/api/embed/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      await expectError(res, 403, 'embedding_not_configured', /EMBED_SECRET/)
    }
    expect(stub.requests).toEqual([])
  })

  it('exchanges a token when EMBED_SECRET is set', async () => {
    const app = await seamApp({ EMBED_SECRET: SECRET })
    expect(await (await app.request('/api/embed/config')).json()).toMatchObject(
      { token_required: true, available: true },
    )
    const res = await app.request('/api/embed/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: mintEmbedToken({ secret: SECRET, role: 'viewer' }),
      }),
    })
    expect(res.status).toBe(201)
  })
})

describe('POST /api/embed/session with EMBED_SECRET', () => {
  it('exchanges a token for a session', async () => {
    const h = start()
    const res = await post(h, '/api/embed/session', {
      token: h.mint(
        'operator',
        { customer_key: 'cust_x', customer_ids: [crypto.randomUUID()] },
        { subject: 'alice', origin: PORTAL },
      ),
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = (await res.json()) as EmbedSessionResponse
    expect(body).toEqual({
      session_token: expect.stringMatching(/^sacs_[\w-]{43}$/) as unknown,
      expires_at: new Date(h.clock.now + 900_000).toISOString(),
      role: 'operator',
      scope: {
        customer_key: 'cust_x',
        customer_ids: [expect.any(String)] as unknown,
      },
      subject: 'alice',
      origin: PORTAL,
    })
  })

  it('uses EMBED_SESSION_TTL_S for the session', async () => {
    const h = start({ EMBED_SECRET: SECRET, EMBED_SESSION_TTL_S: '60' })
    const res = await post(h, '/api/embed/session', { token: h.mint('viewer') })
    expect(((await res.json()) as EmbedSessionResponse).expires_at).toBe(
      new Date(h.clock.now + 60_000).toISOString(),
    )
  })

  it('refuses a token used twice', async () => {
    const h = start()
    const token = h.mint('viewer')
    expect((await post(h, '/api/embed/session', { token })).status).toBe(201)
    await expectError(
      await post(h, '/api/embed/session', { token }),
      401,
      'embed_token_replayed',
      /already exchanged/,
    )
  })

  it('refuses a tampered token without echoing it', async () => {
    const h = start()
    const token = h.mint('viewer', { customer_key: 'cust_a' })
    const [prefix, payload = '', signature] = token.split('.')
    const widened = Buffer.from(
      JSON.stringify({
        ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as object),
        role: 'admin',
        scope: {},
      }),
    ).toString('base64url')
    for (const tampered of [
      `${prefix}.${widened}.${signature}`,
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      mintEmbedToken({ secret: `${SECRET}x`, role: 'admin' }),
    ]) {
      const res = await post(h, '/api/embed/session', { token: tampered })
      const body = await expectError(
        res,
        401,
        'invalid_embed_token',
        /signature does not match/,
      )
      expect(JSON.stringify(body)).not.toContain(tampered)
      expect(JSON.stringify(body)).not.toContain(signature)
    }
    await expectError(
      await post(h, '/api/embed/session', { token: 'not-a-token' }),
      401,
      'invalid_embed_token',
      /malformed/,
    )
    // None of them started a session.
    expect(h.logs.join('\n')).not.toContain('session_role')
  })

  it('refuses an expired token, and one that lives too long', async () => {
    const h = start()
    const token = h.mint('viewer', {}, { ttlSeconds: 60 })
    h.clock.now += 60_000
    await expectError(
      await post(h, '/api/embed/session', { token }),
      401,
      'embed_token_expired',
    )
    await expectError(
      await post(h, '/api/embed/session', {
        token: h.mint('viewer', {}, { ttlSeconds: 3_601 }),
      }),
      401,
      'invalid_embed_token',
      /longer than 3600 s/,
    )
  })

  it.each([
    [{ role: 'owner' }, /role must be one of viewer, operator, admin/],
    [{ scope: { customer: 'cust_a' } }, /scope\.customer is not a scope field/],
    [
      { scope: { customer_ids: ['x'] } },
      /scope\.customer_ids\[0\] must be a UUID/,
    ],
    [{ scope: undefined }, /scope is required/],
    [{ customer_key: 'cust_a' }, /"customer_key" is not an embed token claim/],
    [{ v: 2 }, /v must be 1/],
    [{ jti: '' }, /jti must be/],
    [{ sub: 5 }, /sub must be/],
    [
      { origin: 'https://evil.example.com' },
      /origin "https:\/\/evil\.example\.com" is not one of/,
    ],
  ])('refuses a signed token whose claims have %j', async (fields, message) => {
    const h = start()
    const iat = Math.floor(h.clock.now / 1_000)
    const claims = {
      v: 1,
      jti: crypto.randomUUID(),
      iat,
      exp: iat + 60,
      role: 'viewer',
      scope: {},
      ...fields,
    }
    const head = `sace1.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`
    const { createHmac } = await import('node:crypto')
    const token = `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`
    await expectError(
      await post(h, '/api/embed/session', { token }),
      401,
      'invalid_embed_token',
      message,
    )
  })

  it('names token when it is missing, and refuses a scope without one', async () => {
    const h = start()
    await expectError(
      await post(h, '/api/embed/session', {}),
      400,
      'invalid_input',
      /token is required/,
    )
    await expectError(
      await post(h, '/api/embed/session', { token: 42 }),
      400,
      'invalid_input',
      /token must be/,
    )
    await expectError(
      await post(h, '/api/embed/session', { scope: {}, role: 'admin' }),
      403,
      'embed_token_required',
    )
    await expectError(
      await post(h, '/api/embed/session', {
        token: h.mint('viewer'),
        role: 'admin',
      }),
      400,
      'invalid_input',
      /role is not accepted with a token/,
    )
  })

  it('applies the API request checks', async () => {
    const h = start()
    const token = h.mint('viewer')
    await expectError(
      await post(h, '/api/embed/session', { token }, undefined, {
        origin: PORTAL,
      }),
      403,
      'cross_site_request',
    )
    await expectError(
      await post(h, '/api/embed/session', { token }, undefined, {
        'content-type': 'text/plain',
      }),
      415,
      'unsupported_media_type',
    )
    await expectError(
      await post(h, '/api/embed/session', 'x'.repeat(20_000)),
      413,
      'payload_too_large',
    )
    // The token was not used up by the refused requests.
    expect((await post(h, '/api/embed/session', { token })).status).toBe(201)
  })
})

describe('POST /api/embed/session without EMBED_SECRET (sandbox)', () => {
  it('starts an admin session for the scope the frame asks for', async () => {
    const h = start({})
    const { customerKey, mine } = customers(h)
    const res = await post(h, '/api/embed/session', {
      scope: { customer_key: customerKey },
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as EmbedSessionResponse
    expect(body).toMatchObject({
      role: 'admin',
      scope: { customer_key: customerKey },
      subject: null,
      origin: null,
    })
    const list = await post(
      h,
      '/api/connected_accounts/list',
      {},
      body.session_token,
    )
    const listed = (await list.json()) as {
      connected_accounts: { connected_account_id: string }[]
    }
    expect(
      listed.connected_accounts.map((a) => a.connected_account_id).sort(),
    ).toEqual(mine.map((a) => a.connected_account_id).sort())
  })

  it('takes a role, and the whole workspace with no scope', async () => {
    const h = start({})
    const res = await post(h, '/api/embed/session', { role: 'viewer' })
    expect(await res.json()).toMatchObject({ role: 'viewer', scope: {} })
  })

  it.each([
    [{ role: 'root' }, /role must be one of/],
    [{ scope: { customer_key: '' } }, /scope\.customer_key must be/],
    [{ scope: [] }, /scope must be an object/],
    [{ token: 'sace1.x.y' }, /token is not accepted: EMBED_SECRET is not set/],
    [{ subject: 'alice' }, /subject is not accepted/],
  ])('refuses %j naming the field', async (body, message) => {
    const h = start({})
    await expectError(
      await post(h, '/api/embed/session', body),
      400,
      'invalid_input',
      message,
    )
  })
})

describe('session tokens on /api', () => {
  it('expire after the session lifetime', async () => {
    const h = start()
    const session = await h.session('viewer')
    expect(
      (await post(h, '/api/connected_accounts/list', {}, session)).status,
    ).toBe(200)
    h.clock.now += 900_000
    await expectError(
      await post(h, '/api/connected_accounts/list', {}, session),
      401,
      'session_expired',
    )
    await expectError(
      await get(h, '/api/dashboard/triage', session),
      401,
      'session_expired',
    )
    await expectError(
      await get(h, '/api/dashboard/status', session),
      401,
      'session_expired',
    )
    h.clock.now += EXPIRED_SESSION_RETENTION_MS
    await expectError(
      await post(h, '/api/connected_accounts/list', {}, session),
      401,
      'invalid_session',
    )
  })

  it('stop working once the session is ended', async () => {
    const h = start()
    const session = await h.session('viewer')
    const other = await h.session('viewer')
    const end = await post(h, '/api/embed/session/end', {}, session)
    expect(end.status).toBe(200)
    expect(await end.json()).toEqual({ ok: true })
    await expectError(
      await post(h, '/api/connected_accounts/list', {}, session),
      401,
      'invalid_session',
    )
    // Ending again is harmless; other sessions go on.
    expect((await post(h, '/api/embed/session/end', {}, session)).status).toBe(
      200,
    )
    expect(
      (await post(h, '/api/connected_accounts/list', {}, other)).status,
    ).toBe(200)
  })

  it('needs the bearer to end a session', async () => {
    const h = start()
    await expectError(
      await post(h, '/api/embed/session/end', {}),
      400,
      'invalid_input',
      /Authorization: Bearer/,
    )
  })

  it('let a frame with an expired session start a new one', async () => {
    const h = start()
    const session = await h.session('viewer')
    h.clock.now += 900_000
    const res = await post(
      h,
      '/api/embed/session',
      { token: h.mint('viewer') },
      session,
    )
    expect(res.status).toBe(201)
  })

  it('refuse an unknown session token, and ignore any other Authorization', async () => {
    const h = start()
    await expectError(
      await post(h, '/api/connected_accounts/list', {}, 'sacs_not-a-session'),
      401,
      'invalid_session',
    )
    const res = await post(
      h,
      '/api/connected_accounts/list',
      {},
      'seam_sandbox_local',
    )
    expect(res.status).toBe(200)
  })

  it('are logged as a role and subject, never as the token', async () => {
    const h = start()
    const res = await post(h, '/api/embed/session', {
      token: h.mint('operator', {}, { subject: 'alice@example.com' }),
    })
    const { session_token } = (await res.json()) as EmbedSessionResponse
    h.logs.length = 0
    await post(h, '/api/connected_accounts/list', {}, session_token)
    expect(h.logs).toHaveLength(1)
    expect(JSON.parse(h.logs[0] ?? '{}')).toMatchObject({
      route: '/api/connected_accounts/list',
      session_role: 'operator',
      session_subject: 'alice@example.com',
    })
    expect(h.logs.join('\n')).not.toContain(session_token)
  })
})

describe('roles', () => {
  it('refuses an edit to a viewer and leaves the account as it was', async () => {
    const h = start()
    const session = await h.session('viewer')
    const [target] = allAccounts(h)
    if (!target) throw new Error('no account')
    const before = account(h, target.connected_account_id)
    h.calls.length = 0
    await expectError(
      await post(
        h,
        '/api/connected_accounts/update',
        {
          connected_account_id: target.connected_account_id,
          display_name: 'Changed',
        },
        session,
      ),
      403,
      'forbidden',
      'Editing connected accounts needs the operator role; this session has the viewer role.',
    )
    expect(account(h, target.connected_account_id)).toEqual(before)
    expect(h.calls).toEqual([])
  })

  it('refuses a delete to an operator', async () => {
    const h = start()
    const session = await h.session('operator')
    const [target] = allAccounts(h)
    if (!target) throw new Error('no account')
    await expectError(
      await post(
        h,
        '/api/connected_accounts/delete',
        { connected_account_id: target.connected_account_id },
        session,
      ),
      403,
      'forbidden',
      'Deleting connected accounts needs the admin role; this session has the operator role.',
    )
    expect(account(h, target.connected_account_id)).toBeDefined()
  })

  it.each([
    ['viewer', 'connected_accounts/sync', 403],
    ['viewer', 'connect_webviews/create', 403],
    ['operator', 'connected_accounts/simulate/disconnect', 403],
    ['operator', 'connected_accounts/sync', 200],
    ['admin', 'connected_accounts/simulate/disconnect', 200],
    ['admin', 'connected_accounts/delete', 200],
  ] as const)('a %s calling %s gets %i', async (role, route, status) => {
    const h = start()
    const session = await h.session(role)
    const [target] = allAccounts(h)
    if (!target) throw new Error('no account')
    const body =
      route === 'connect_webviews/create'
        ? { accepted_providers: ['august'] }
        : { connected_account_id: target.connected_account_id }
    const res = await post(h, `/api/${route}`, body, session)
    expect(res.status).toBe(status)
  })

  it('lets the same calls through without a session, as before', async () => {
    const h = start()
    const [target] = allAccounts(h)
    if (!target) throw new Error('no account')
    const res = await post(h, '/api/connected_accounts/delete', {
      connected_account_id: target.connected_account_id,
    })
    expect(res.status).toBe(200)
  })
})

describe('scope', () => {
  it('lists only the accounts in scope, and refuses a filter that leaves it', async () => {
    const h = start()
    const { customerKey, mine, other } = customers(h)
    const session = await h.session('viewer', { customer_key: customerKey })
    const res = await post(
      h,
      '/api/connected_accounts/list',
      { limit: 200 },
      session,
    )
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      connected_accounts: {
        connected_account_id: string
        customer_key?: string
      }[]
    }
    expect(
      body.connected_accounts.map((a) => a.connected_account_id).sort(),
    ).toEqual(mine.map((a) => a.connected_account_id).sort())
    await expectError(
      await post(
        h,
        '/api/connected_accounts/list',
        { customer_key: other.customer_key },
        session,
      ),
      403,
      'out_of_scope',
      /^customer_key is fixed to/,
    )
    // A search narrows the scope, never widens it.
    const search = await post(
      h,
      '/api/connected_accounts/list',
      { search: other.connected_account_id },
      session,
    )
    expect(
      ((await search.json()) as { connected_accounts: unknown[] })
        .connected_accounts,
    ).toEqual([])
  })

  it('lists by metadata pairs, and refuses one that contradicts them', async () => {
    const h = start()
    const region = allAccounts(h).find(
      (a) => typeof a.custom_metadata.region === 'string',
    )?.custom_metadata.region
    if (typeof region !== 'string') throw new Error('no region in the seed')
    const expected = allAccounts(h).filter(
      (a) => a.custom_metadata.region === region,
    )
    const session = await h.session('viewer', {
      custom_metadata_has: { region },
    })
    const res = await post(h, '/api/connected_accounts/list', {}, session)
    const body = (await res.json()) as {
      connected_accounts: { connected_account_id: string }[]
    }
    expect(
      body.connected_accounts.map((a) => a.connected_account_id).sort(),
    ).toEqual(expected.map((a) => a.connected_account_id).sort())
    await expectError(
      await post(
        h,
        '/api/connected_accounts/list',
        { custom_metadata_has: { region: 'elsewhere' } },
        session,
      ),
      403,
      'out_of_scope',
      /custom_metadata_has\.region/,
    )
  })

  it('answers another customer\u2019s account exactly like a missing one, and changes nothing', async () => {
    const h = start()
    const { customerKey, other } = customers(h)
    const session = await h.session('admin', { customer_key: customerKey })
    const id = other.connected_account_id
    const before = account(h, id)
    const missing = await post(
      h,
      '/api/connected_accounts/get',
      { connected_account_id: crypto.randomUUID() },
      session,
    )
    const missingBody = await expectError(
      missing,
      404,
      'connected_account_not_found',
    )
    for (const [route, extra] of [
      ['connected_accounts/get', {}],
      ['connected_accounts/update', { display_name: 'Moved' }],
      ['connected_accounts/sync', {}],
      ['connected_accounts/simulate/disconnect', {}],
      ['connected_accounts/delete', {}],
    ] as const) {
      h.calls.length = 0
      const res = await post(
        h,
        `/api/${route}`,
        { connected_account_id: id, ...extra },
        session,
      )
      const body = await expectError(res, 404, 'connected_account_not_found')
      expect(body.error.message).toBe(missingBody.error.message)
      expect(body.error.message).toBe('Connected account not found.')
      // Read, never written.
      expect(h.calls).toEqual(['connected_accounts/get'])
    }
    expect(account(h, id)).toEqual(before)
  })

  it('acts on an account in scope', async () => {
    const h = start()
    const { customerKey, first } = customers(h)
    const session = await h.session('admin', { customer_key: customerKey })
    const id = first.connected_account_id
    const got = await post(
      h,
      '/api/connected_accounts/get',
      { connected_account_id: id },
      session,
    )
    expect(got.status).toBe(200)
    const updated = await post(
      h,
      '/api/connected_accounts/update',
      { connected_account_id: id.toUpperCase(), display_name: 'Front desk' },
      session,
    )
    expect(updated.status).toBe(200)
    expect(account(h, id)?.display_name).toBe('Front desk')
    await expectError(
      await post(
        h,
        '/api/connected_accounts/get',
        { email: 'someone@example.com' },
        session,
      ),
      403,
      'out_of_scope',
      /^email/,
    )
    await expectError(
      await post(h, '/api/connected_accounts/delete', {}, session),
      400,
      'invalid_input',
      /connected_account_id is required/,
    )
  })

  it('refuses an update that would move the account out of scope', async () => {
    const h = start()
    const target = allAccounts(h).find(
      (a) => typeof a.custom_metadata.region === 'string',
    )
    if (!target) throw new Error('no region in the seed')
    const region = target.custom_metadata.region
    if (typeof region !== 'string') throw new Error('no region')
    const session = await h.session('operator', {
      custom_metadata_has: { region },
    })
    const id = target.connected_account_id
    const before = account(h, id)
    for (const metadata of [{ region: 'elsewhere' }, { region: null }, {}]) {
      await expectError(
        await post(
          h,
          '/api/connected_accounts/update',
          { connected_account_id: id, custom_metadata: metadata },
          session,
        ),
        403,
        'out_of_scope',
        /^custom_metadata\.region is fixed to/,
      )
    }
    expect(account(h, id)).toEqual(before)
    const kept = await post(
      h,
      '/api/connected_accounts/update',
      {
        connected_account_id: id,
        custom_metadata: { ...target.custom_metadata, note: 'checked' },
      },
      session,
    )
    expect(kept.status).toBe(200)
    expect(account(h, id)?.custom_metadata).toMatchObject({
      region,
      note: 'checked',
    })
  })

  it('checks customer ids and user identifier keys with the upstream\u2019s own filters', async () => {
    const h = start()
    const { customerKey, first, other } = customers(h)
    const byIds = await h.session('viewer', {
      customer_ids: [customerIdOf(h, customerKey).toUpperCase()],
    })
    const read = (session: string, id: string) =>
      post(
        h,
        '/api/connected_accounts/get',
        { connected_account_id: id },
        session,
      )
    expect((await read(byIds, first.connected_account_id)).status).toBe(200)
    await expectError(
      await read(byIds, other.connected_account_id),
      404,
      'connected_account_not_found',
    )

    const person = first.user_identifier_key ?? ''
    const byPerson = await h.session('viewer', { user_identifier_key: person })
    const stranger = allAccounts(h).find(
      (a) => a.user_identifier_key !== person,
    )
    if (!stranger) throw new Error('one person has every account')
    expect((await read(byPerson, first.connected_account_id)).status).toBe(200)
    await expectError(
      await read(byPerson, stranger.connected_account_id),
      404,
      'connected_account_not_found',
    )
  })

  it('needs an account in scope for events and devices', async () => {
    const h = start()
    const { customerKey, first, other } = customers(h)
    const session = await h.session('viewer', { customer_key: customerKey })
    for (const route of ['events/list', 'devices/list']) {
      const base =
        route === 'events/list' ? { since: '2000-01-01T00:00:00Z' } : {}
      await expectError(
        await post(h, `/api/${route}`, base, session),
        403,
        'out_of_scope',
        /^connected_account_id is required/,
      )
      await expectError(
        await post(
          h,
          `/api/${route}`,
          { ...base, connected_account_id: other.connected_account_id },
          session,
        ),
        403,
        'out_of_scope',
        /^connected_account_id must name/,
      )
      const ok = await post(
        h,
        `/api/${route}`,
        { ...base, connected_account_id: first.connected_account_id },
        session,
      )
      expect(ok.status).toBe(200)
    }
    await expectError(
      await post(
        h,
        '/api/devices/list',
        {
          connected_account_ids: [
            first.connected_account_id,
            other.connected_account_id,
          ],
        },
        session,
      ),
      403,
      'out_of_scope',
      /^connected_account_ids must name/,
    )
  })

  it('gives a Connect Webview the scope\u2019s customer key and metadata', async () => {
    const h = start()
    const session = await h.session('operator', {
      customer_key: 'cust_portal',
      custom_metadata_has: { site: 'north' },
    })
    const res = await post(
      h,
      '/api/connect_webviews/create',
      {
        accepted_providers: ['august'],
        custom_metadata: { note: 'from portal' },
      },
      session,
    )
    expect(res.status).toBe(200)
    const { connect_webview } = (await res.json()) as {
      connect_webview: { connect_webview_id: string }
    }
    const recorded = h.sandbox.sandbox.store.getConnectWebview(
      connect_webview.connect_webview_id,
    )
    expect(recorded).toMatchObject({
      customer_key: 'cust_portal',
      custom_metadata: { note: 'from portal', site: 'north' },
    })
    await expectError(
      await post(
        h,
        '/api/connect_webviews/create',
        { customer_key: 'cust_other' },
        session,
      ),
      403,
      'out_of_scope',
      /^customer_key is fixed to "cust_portal"/,
    )
    await expectError(
      await post(
        h,
        '/api/connect_webviews/create',
        { custom_metadata: { site: 'south' } },
        session,
      ),
      403,
      'out_of_scope',
      /^custom_metadata\.site/,
    )
  })
})

describe('scoped triage', () => {
  async function settled(h: Harness, session?: string): Promise<TriageState> {
    return vi.waitFor(
      async () => {
        const res = await get(h, '/api/dashboard/triage', session)
        expect(res.status).toBe(200)
        const state = (await res.json()) as TriageState
        if (state.progress !== null || !state.data) throw new Error('scanning')
        return state
      },
      { timeout: 10_000, interval: 5 },
    )
  }

  it('counts only the accounts in scope', async () => {
    const h = start()
    const { customerKey, mine } = customers(h)
    const session = await h.session('viewer', { customer_key: customerKey })
    const state = await settled(h, session)
    const withProblems = mine.filter(
      (a) => a.errors.length + a.warnings.length > 0,
    )
    const withErrors = mine.filter((a) => a.errors.length > 0)
    expect(state.data?.totals).toMatchObject({
      accounts_scanned: mine.length,
      accounts_with_problems: withProblems.length,
      accounts_healthy: mine.length - withProblems.length,
      accounts_with_errors: withErrors.length,
    })
    expect(state.data?.queue.map((a) => a.connected_account_id).sort()).toEqual(
      withProblems.map((a) => a.connected_account_id).sort(),
    )
    // The whole workspace is its own triage state.
    const whole = await settled(h)
    expect(whole.data?.totals.accounts_scanned).toBe(allAccounts(h).length)
  })

  it('follows a write to an account in scope', async () => {
    const h = start()
    const { customerKey, mine } = customers(h)
    const healthy = mine.find((a) => a.errors.length + a.warnings.length === 0)
    if (!healthy) throw new Error('no healthy account')
    const session = await h.session('admin', { customer_key: customerKey })
    const before = await settled(h, session)
    const res = await post(
      h,
      '/api/connected_accounts/simulate/disconnect',
      { connected_account_id: healthy.connected_account_id },
      session,
    )
    expect(res.status).toBe(200)
    const after = await settled(h, session)
    expect(after.data?.totals.accounts_with_problems).toBe(
      (before.data?.totals.accounts_with_problems ?? 0) + 1,
    )
    expect(after.data?.totals.accounts_scanned).toBe(mine.length)
  })

  it('counts out an account in scope that its session deletes', async () => {
    const h = start()
    const { customerKey, mine } = customers(h)
    const healthy = mine.find((a) => a.errors.length + a.warnings.length === 0)
    if (!healthy) throw new Error('no healthy account')
    const session = await h.session('admin', { customer_key: customerKey })
    const before = await settled(h, session)
    const res = await post(
      h,
      '/api/connected_accounts/delete',
      { connected_account_id: healthy.connected_account_id },
      session,
    )
    expect(res.status).toBe(200)
    const after = await settled(h, session)
    expect(after.data?.totals.accounts_scanned).toBe(mine.length - 1)
    expect(after.data?.totals.accounts_healthy).toBe(
      (before.data?.totals.accounts_healthy ?? 0) - 1,
    )
  })

  it('keeps accounts outside the scope out, whoever writes to them', async () => {
    const h = start()
    const { customerKey, mine } = customers(h)
    const outside = allAccounts(h).filter(
      (a) =>
        a.customer_key !== customerKey &&
        a.errors.length + a.warnings.length === 0,
    )
    const [disconnected, deleted] = outside
    if (!disconnected || !deleted) throw new Error('too few healthy accounts')
    const session = await h.session('viewer', { customer_key: customerKey })
    const before = await settled(h, session)
    // Written without a session, as the unembedded dashboard does.
    for (const [route, id] of [
      ['connected_accounts/simulate/disconnect', disconnected],
      ['connected_accounts/delete', deleted],
    ] as const) {
      const res = await post(h, `/api/${route}`, {
        connected_account_id: id.connected_account_id,
      })
      expect(res.status).toBe(200)
    }
    const after = await settled(h, session)
    expect(after.data?.totals).toEqual(before.data?.totals)
    expect(after.data?.totals.accounts_scanned).toBe(mine.length)
    expect(
      after.data?.queue.some(
        (a) => a.connected_account_id === disconnected.connected_account_id,
      ),
    ).toBe(false)
  })

  it('reports no workspace count to a scoped session', async () => {
    const h = start()
    const scoped = await h.session('viewer', { customer_key: 'cust_x' })
    const whole = await h.session('viewer')
    expect(
      await (await get(h, '/api/dashboard/status', scoped)).json(),
    ).toMatchObject({
      connected_account_count: null,
    })
    expect(
      await (await get(h, '/api/dashboard/status', whole)).json(),
    ).toMatchObject({
      connected_account_count: allAccounts(h).length,
    })
  })
})

describe('framing', () => {
  it('lets exactly the EMBED_ORIGINS frame the dashboard', async () => {
    const h = start({ EMBED_ORIGINS: `${PORTAL},http://localhost:3000` })
    for (const path of ['/', '/api/embed/config']) {
      const res = await get(h, path)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(
        csp.split('; ').filter((d) => d.startsWith('frame-ancestors')),
      ).toEqual([`frame-ancestors ${PORTAL} http://localhost:3000`])
      expect(res.headers.get('x-frame-options')).toBeNull()
    }
  })

  it('lets the demo portal frame the sandbox by default', async () => {
    const h = start({ EMBED_ORIGINS: '' })
    const csp = (await get(h, '/')).headers.get('content-security-policy') ?? ''
    expect(csp.split('; ')).toContain('frame-ancestors http://127.0.0.1:8081')
  })

  it('lets no page frame the dashboard without origins', async () => {
    const h = start({ EMBED_ORIGINS: '', EMBED_DEMO_PORT: '0' })
    const res = await get(h, '/')
    expect(res.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'none'",
    )
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })
})
