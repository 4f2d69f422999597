import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { schemas } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'

import type { SeamBody, TestSandbox } from './test-sandbox'
import { startTestSandbox } from './test-sandbox'

const accountListSchema = z.array(schemas.connected_account.strict())
const errorBodySchema = z
  .object({
    ok: z.literal(false),
    error: z
      .object({
        type: z.string(),
        message: z.string(),
        request_id: z.string().uuid(),
      })
      .passthrough(),
  })
  .strict()

const ORIGIN = 'http://sandbox.test'
const LOGOS_DIR = fileURLToPath(
  new URL('../../public/provider-logos', import.meta.url),
)

let t: TestSandbox

beforeEach(() => {
  t = startTestSandbox()
})

afterEach(() => {
  vi.restoreAllMocks()
  t.cleanup()
})

/** A request with no Authorization header unless `init` sends one. */
const request = (path: string, init: RequestInit = {}): Promise<Response> =>
  Promise.resolve(t.sandbox.app.request(`${ORIGIN}${path}`, init))

async function errorOf(
  response: Response,
): Promise<z.infer<typeof errorBodySchema>> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  return errorBodySchema.parse(await response.json())
}

function expectSeamError(
  response: { status: number; body: SeamBody; headers: Headers },
  status: number,
  type: string,
): void {
  expect(response.status).toBe(status)
  expect(errorBodySchema.parse(response.body).error.type).toBe(type)
  expect(response.body.error?.request_id).toBe(
    response.headers.get('seam-request-id'),
  )
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

describe('authorization', () => {
  it('answers 401 unauthorized with a Seam error body when there is no Authorization header', async () => {
    const response = await request('/connected_accounts/list', {
      method: 'POST',
      body: '{}',
    })

    expect(response.status).toBe(401)
    const body = await errorOf(response)
    expect(body.error.type).toBe('unauthorized')
    expect(body.error.request_id).toBe(response.headers.get('seam-request-id'))
  })

  it('answers 401 unauthorized for a wrong key', async () => {
    const response = await t.call(
      '/connected_accounts/list',
      {},
      { headers: { authorization: 'Bearer seam_wrong_key' } },
    )

    expectSeamError(response, 401, 'unauthorized')
    expect(response.body.error?.message).not.toContain(t.sandbox.apiKey)
  })

  it('answers 401 for the right key without the Bearer scheme', async () => {
    const response = await t.call(
      '/connected_accounts/list',
      {},
      { headers: { authorization: t.sandbox.apiKey } },
    )

    expectSeamError(response, 401, 'unauthorized')
  })

  it('accepts Bearer with the right key, whatever the case of the scheme', async () => {
    for (const scheme of ['Bearer', 'bearer']) {
      const response = await t.call(
        '/connected_accounts/list',
        { limit: 1 },
        { headers: { authorization: `${scheme} ${t.sandbox.apiKey}` } },
      )

      expect(response.status).toBe(200)
      expect(response.body.ok).toBe(true)
      expect(
        accountListSchema.parse(response.body.connected_accounts),
      ).toHaveLength(1)
    }
  })

  it('uses the key the sandbox was started with', async () => {
    t.reopen({ apiKey: 'seam_custom_key' })

    const wrong = await t.call(
      '/connected_accounts/list',
      {},
      { headers: { authorization: 'Bearer seam_sandbox_local' } },
    )
    const right = await t.call('/connected_accounts/list', { limit: 1 })

    expectSeamError(wrong, 401, 'unauthorized')
    expect(right.status).toBe(200)
  })
})

describe('routing errors', () => {
  it('answers an unknown route with a 404 not_found JSON body', async () => {
    const response = await t.call('/connected_accounts/nope', {})

    expectSeamError(response, 404, 'not_found')
    expect(response.body.error?.message).toBe(
      'No route POST /connected_accounts/nope',
    )
  })

  it('answers a wrong method with 405 and an allow header', async () => {
    const response = await t.call('/connected_accounts/sync', undefined, {
      method: 'GET',
    })

    expectSeamError(response, 405, 'method_not_allowed')
    expect(response.headers.get('allow')).toBe('POST')
  })

  it('lists every allowed method in the allow header', async () => {
    const response = await t.call(
      '/connected_accounts/update',
      {},
      {
        method: 'PUT',
      },
    )

    expectSeamError(response, 405, 'method_not_allowed')
    expect(response.headers.get('allow')).toBe('POST, PATCH')
  })
})

describe('request bodies', () => {
  it('answers 413 for a body over 1 MiB', async () => {
    const response = await t.call(
      '/connected_accounts/list',
      JSON.stringify({ search: 'x'.repeat(1024 * 1024) }),
    )

    expectSeamError(response, 413, 'payload_too_large')
  })

  it('reads a body just under 1 MiB and validates it', async () => {
    const padding = 'x'.repeat(1024 * 1024 - 100)

    const response = await t.call('/connected_accounts/list', {
      padding,
    })

    expectSeamError(response, 400, 'invalid_input')
    expect(response.body.error?.message).toContain('padding')
  })

  it('treats an empty POST body as no parameters', async () => {
    const response = await t.call('/connected_accounts/list', '')

    expect(response.status).toBe(200)
    expect(
      accountListSchema.parse(response.body.connected_accounts),
    ).toHaveLength(60)
  })
})

describe('request ids', () => {
  it('sends a seam-request-id header on every response, equal to the error body’s request_id', async () => {
    const success = await t.call('/connected_accounts/list', { limit: 1 })
    const invalid = await t.call('/connected_accounts/get', {})
    const notFound = await t.call('/connected_accounts/get', {
      connected_account_id: '00000000-0000-4000-8000-000000000000',
    })
    const health = await request('/health')

    const successId = success.headers.get('seam-request-id')
    expect(successId).toMatch(/^[0-9a-f-]{36}$/)
    expect(health.headers.get('seam-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expectSeamError(invalid, 400, 'invalid_input')
    expectSeamError(notFound, 404, 'connected_account_not_found')
    expect(
      new Set([
        successId,
        invalid.headers.get('seam-request-id'),
        notFound.headers.get('seam-request-id'),
        health.headers.get('seam-request-id'),
      ]).size,
    ).toBe(4)
  })
})

describe('forwarded request ids', () => {
  it('keeps an id the caller sends, and replaces one that is not an id', async () => {
    const id = '3f9c2a1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c'
    const kept = await request('/connected_accounts/get', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${t.sandbox.apiKey}`,
        'content-type': 'application/json',
        'x-request-id': id,
      },
      body: '{}',
    })
    expect(kept.headers.get('seam-request-id')).toBe(id)
    const keptBody = (await kept.json()) as { error: { request_id: string } }
    expect(keptBody.error.request_id).toBe(id)

    for (const hostile of ['<script>x</script>', 'a'.repeat(129), 'short']) {
      const replaced = await request('/health', {
        headers: { 'x-request-id': hostile },
      })
      const header = replaced.headers.get('seam-request-id')
      expect(header).not.toBe(hostile)
      expect(header).toMatch(/^[0-9a-f-]{36}$/)
    }
  })
})

describe('unauthenticated routes', () => {
  it('GET /health answers without a key', async () => {
    const response = await request('/health')

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
  })

  it('GET /assets/logos/august.svg answers without a key with the SVG file', async () => {
    const logo = `${LOGOS_DIR}/august.svg`
    // The logos are added by another change; give it a few minutes to land.
    for (let attempt = 0; attempt < 5 && !existsSync(logo); attempt++) {
      await sleep(60_000)
    }

    const response = await request('/assets/logos/august.svg')

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/svg+xml')
    expect(Buffer.from(await response.arrayBuffer())).toEqual(
      readFileSync(logo),
    )
  }, 360_000)

  it.each(['..%2Fsecret.svg', '..%2Ffavicon.svg', '..%2F..%2Fpackage.json'])(
    'answers 404 for the logo path %s, which tries to leave the logos folder',
    async (file) => {
      const response = await request(`/assets/logos/${file}`)

      expect(response.status).toBe(404)
      expect((await errorOf(response)).error.type).toBe('not_found')
    },
  )

  it('answers 404 for a provider without a logo', async () => {
    const response = await request('/assets/logos/no_such_provider.svg')

    expect(response.status).toBe(404)
    expect((await errorOf(response)).error.type).toBe('not_found')
  })
})

describe('internal errors', () => {
  it('answers 500 internal_server_error without a stack trace or file path', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    t.sandbox.store.db.close()

    const response = await t.call('/connected_accounts/list', {})

    expectSeamError(response, 500, 'internal_server_error')
    const message = response.body.error?.message ?? ''
    expect(message).toBe('The sandbox failed to handle the request.')
    expect(message).not.toMatch(/\bat /)
    expect(message).not.toMatch(/\.(ts|js)\b|\/work\/|node_modules/)
    expect(JSON.stringify(response.body)).not.toContain('database')
    expect(logged).toHaveBeenCalledTimes(1)
    expect(logged.mock.calls[0]?.[0]).toContain(
      response.body.error?.request_id ?? 'missing',
    )
  })
})

describe('image_url', () => {
  it('is an absolute URL of the provider’s logo on this sandbox', async () => {
    const response = await t.call('/connected_accounts/list', {})
    const accounts = accountListSchema.parse(response.body.connected_accounts)

    for (const account of accounts) {
      expect(account.image_url).toBe(
        `${ORIGIN}/assets/logos/${account.account_type}.svg`,
      )
      expect(new URL(account.image_url ?? '').href).toBe(account.image_url)
    }
  })

  it('serves an SVG at the image_url of every listed account', async () => {
    const response = await t.call('/connected_accounts/list', {})
    const accounts = accountListSchema.parse(response.body.connected_accounts)
    const urls = new Set(accounts.map((a) => a.image_url ?? ''))

    for (const url of urls) {
      const logo = await Promise.resolve(t.sandbox.app.request(url))
      expect(logo.status, url).toBe(200)
      expect(logo.headers.get('content-type')).toBe('image/svg+xml')
    }
  })

  it('uses publicUrl when the sandbox was given one', async () => {
    t.reopen({ publicUrl: 'https://sandbox.example.com/' })

    const response = await t.call('/connected_accounts/list', { limit: 1 })
    const [account] = accountListSchema.parse(response.body.connected_accounts)

    expect(account?.image_url).toBe(
      `https://sandbox.example.com/assets/logos/${account?.account_type ?? ''}.svg`,
    )
  })
})
