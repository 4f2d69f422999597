import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { ConnectedAccount } from '@seamapi/types/connect'
import type { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { renderPageShell } from '../src/app/page-shell'
import { ACCOUNT_PAGE_FILE, createAccountPage } from './account-page'
import { createApp } from './app'
import type { AppEnv } from './app-env'
import { loadConfig } from './config'
import { withBootScript, withPageShell } from './page-html'
import { createSandbox, type Sandbox } from './sandbox/create-sandbox'

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <title>Seam Accounts Console</title>
    <script type="module" crossorigin src="/assets/index-3f2a1b.js"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`

const HOSTILE = '</script><script>alert(1)</script><!--'

let workDir: string
let distDir: string
let sandbox: Sandbox
let app: Hono<AppEnv>
let logs: string[]
let outline: string

beforeEach(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'seam-accounts-console-account-page-'))
  distDir = join(workDir, 'dist')
  mkdirSync(join(distDir, 'pages'), { recursive: true })
  writeFileSync(join(distDir, 'index.html'), INDEX_HTML)
  outline = withPageShell(
    withBootScript(INDEX_HTML),
    await renderPageShell('/accounts/_'),
    [],
  )
  writeFileSync(join(distDir, ACCOUNT_PAGE_FILE), outline)

  const config = loadConfig({})
  sandbox = createSandbox({
    db: join(workDir, 'sandbox.db'),
    apiKey: config.sandbox.apiKey,
    accounts: 5,
    seed: 3,
  })
  logs = []
  app = createApp({
    config,
    sandbox,
    distDir,
    log: (line) => {
      logs.push(line)
    },
  })
})

afterEach(() => {
  sandbox.close()
  rmSync(workDir, { recursive: true, force: true })
})

async function anAccount(): Promise<ConnectedAccount> {
  const res = await app.request('/api/connected_accounts/list', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ limit: 1 }),
  })
  const body = (await res.json()) as { connected_accounts: ConnectedAccount[] }
  const account = body.connected_accounts[0]
  if (!account) throw new Error('the sandbox has no account')
  return account
}

/** The JSON the page carries for the app, parsed as the browser would. */
function pageData(html: string): unknown {
  const match =
    /<script type="application\/json" id="page-data">([^<]*)<\/script>/.exec(
      html,
    )
  if (!match?.[1]) throw new Error('the page carries no data')
  return JSON.parse(match[1])
}

describe('an account’s page', () => {
  it('is drawn with the account, and carries it for the app', async () => {
    const account = await anAccount()

    const res = await app.request(`/accounts/${account.connected_account_id}`)

    expect(res.status).toBe(200)
    // It holds the reader's data.
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    const html = await res.text()
    expect(html).toContain(
      `<title>${account.display_name} · Seam Accounts Console</title>`,
    )
    expect(html).toContain(`<bdi>${account.display_name}</bdi></h1>`)
    // The outline's loading state is gone; the boot script is kept.
    expect(html).not.toContain('aria-label="Loading account"')
    expect(html).toContain('data-entry')
    expect(html).not.toMatch(/\sstyle="/)
    const data = pageData(html) as {
      queries: { queryKey: unknown[]; state: { data: unknown } }[]
    }
    expect(data.queries.map((query) => query.queryKey)).toEqual([
      [
        'connected_accounts',
        'get',
        { connected_account_id: account.connected_account_id },
      ],
      ['auth', 'me'],
    ])
    expect(data.queries[0]?.state.data).toEqual(account)
    expect(data.queries[1]?.state.data).toMatchObject({ role: 'admin' })
  })

  it('keeps values that look like markup as text', async () => {
    const account = await anAccount()
    const update = await app.request('/api/connected_accounts/update', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        connected_account_id: account.connected_account_id,
        custom_metadata: { note: HOSTILE },
      }),
    })
    expect(update.status).toBe(200)

    const html = await (
      await app.request(`/accounts/${account.connected_account_id}`)
    ).text()

    expect(html).not.toContain('<script>alert(1)')
    expect(html.match(/<\/script>/g)?.length).toBe(
      (outline.match(/<\/script>/g)?.length ?? 0) + 1,
    )
    const data = pageData(html) as {
      queries: { state: { data: ConnectedAccount } }[]
    }
    expect(data.queries[0]?.state.data.custom_metadata).toMatchObject({
      note: HOSTILE,
    })
  })

  it('goes out as its outline when the account cannot be read', async () => {
    const missing = await app.request(
      '/accounts/00000000-0000-4000-8000-000000000000',
    )
    expect(missing.status).toBe(200)
    expect(missing.headers.get('Cache-Control')).toBe('no-cache')
    expect(await missing.text()).toBe(outline)

    const notAnId = await app.request('/accounts/not-an-id')
    expect(await notAnId.text()).toBe(outline)
  })

  it('goes out as its outline, and says why, when it cannot be drawn', async () => {
    const account = await anAccount()
    writeFileSync(join(distDir, ACCOUNT_PAGE_FILE), '<p>no outline</p>')

    const res = await app.request(`/accounts/${account.connected_account_id}`)

    expect(res.status).toBe(200)
    expect(await res.text()).toBe('<p>no outline</p>')
    expect(logs.join('\n')).toContain('"event":"account_page_not_drawn"')
  })
})

describe('createAccountPage', () => {
  it('gives up on an answer slower than its time limit', async () => {
    const draw = createAccountPage({ distDir, timeoutMs: 20 })

    const drawn = await draw({
      page: new Request('http://console.test/accounts/a'),
      connectedAccountId: 'a',
      callApi: () => new Promise<Response>(() => undefined),
    })

    expect(drawn).toBeNull()
  })

  it('asks as the page’s reader, and never for an account it was not asked for', async () => {
    const draw = createAccountPage({ distDir, timeoutMs: 1_000 })
    const asked: Request[] = []

    const drawn = await draw({
      page: new Request('http://console.test/accounts/a', {
        headers: {
          cookie: 'session=abc',
          'x-forwarded-user': 'ops@example.com',
          'if-none-match': '"v1"',
        },
      }),
      connectedAccountId: 'a',
      callApi: (request) => {
        asked.push(request)
        return Promise.resolve(
          Response.json({ connected_account: { connected_account_id: 'b' } }),
        )
      },
    })

    expect(drawn).toBeNull()
    expect(asked.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST http://console.test/api/connected_accounts/get',
      'GET http://console.test/api/auth/me',
    ])
    for (const request of asked) {
      expect(request.headers.get('cookie')).toBe('session=abc')
      expect(request.headers.get('x-forwarded-user')).toBe('ops@example.com')
      expect(request.headers.get('if-none-match')).toBeNull()
    }
    expect(await asked[0]?.json()).toEqual({ connected_account_id: 'a' })
    expect(asked[0]?.headers.get('content-type')).toBe('application/json')
  })
})
