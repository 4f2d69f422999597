import { describe, expect, it } from 'vitest'

import { parseClaims } from '../embed/claims'
import { verifyEmbedToken } from '../embed/token'
import { createEmbedDemo, DEMO_TOKEN_TTL_S } from './app'

const DASHBOARD = 'http://127.0.0.1:8080'
const PORTAL = 'http://127.0.0.1:8081'
const SECRET = 'demo-secret-of-at-least-thirty-two-characters'
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0)
const CUSTOMER_ID = '0b5e7c1e-5f7a-4c39-9a57-0d3c9c1e2f44'

const signed = () =>
  createEmbedDemo({
    dashboardOrigin: DASHBOARD,
    ownOrigin: PORTAL,
    secret: SECRET,
    now: () => NOW,
  })

const unsigned = () =>
  createEmbedDemo({
    dashboardOrigin: DASHBOARD,
    ownOrigin: PORTAL,
    secret: null,
  })

function expectDemoHeaders(res: Response) {
  const csp = res.headers.get('Content-Security-Policy') ?? ''
  expect(csp.split('; ')).toEqual([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `frame-src ${DASHBOARD}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ])
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
  expect(res.headers.get('Referrer-Policy')).toBe('no-referrer')
}

async function json(res: Response): Promise<Record<string, unknown>> {
  const body: unknown = await res.json()
  expect(body).toBeTypeOf('object')
  return body as Record<string, unknown>
}

async function mint(query: string): Promise<Record<string, unknown>> {
  const res = await signed().request(`/token?${query}`)
  expect(res.status).toBe(200)
  expect(res.headers.get('Cache-Control')).toBe('no-store')
  const { token } = await json(res)
  expect(token).toBeTypeOf('string')
  const verified = verifyEmbedToken(token as string, SECRET, NOW)
  if (!verified.ok) throw new Error(`token refused: ${verified.reason}`)
  return verified.payload as Record<string, unknown>
}

describe('the portal page', () => {
  it('serves the page with the demo policy, framing only the dashboard', async () => {
    const res = await unsigned().request('/')

    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expectDemoHeaders(res)
    const html = await res.text()
    expect(html).toContain('<script type="module" src="/portal.js"></script>')
    expect(html).toContain('<link rel="stylesheet" href="/portal.css" />')
    expect(html).toContain('aria-label="Messages from the dashboard"')
    // Scripts and styles are files: the policy allows nothing inline.
    expect(html).not.toMatch(/<script>|<style|\sstyle=|\son[a-z]+=/i)
  })

  it.each([
    ['/portal.js', 'text/javascript; charset=utf-8'],
    ['/embed-url.js', 'text/javascript; charset=utf-8'],
    ['/portal.css', 'text/css; charset=utf-8'],
    ['/acme-logo.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (path, type) => {
    const res = await unsigned().request(path)

    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe(type)
    expect(res.headers.get('Cache-Control')).toBe('no-cache')
    expectDemoHeaders(res)
  })

  it.each(['/embed-url.d.ts', '/index.html', '/../app.ts', '/nothing'])(
    'serves nothing else: %s is a 404',
    async (path) => {
      const res = await unsigned().request(path)

      expect(res.status).toBe(404)
      expectDemoHeaders(res)
    },
  )
})

describe('GET /config.json', () => {
  it('names the dashboard and says tokens are signed when there is a secret', async () => {
    const res = await signed().request('/config.json')

    expect(res.status).toBe(200)
    expectDemoHeaders(res)
    expect(await json(res)).toEqual({
      dashboard_origin: DASHBOARD,
      token_mode: 'signed',
    })
  })

  it('says tokens are off without a secret', async () => {
    const res = await unsigned().request('/config.json')

    expect(await json(res)).toEqual({
      dashboard_origin: DASHBOARD,
      token_mode: 'none',
    })
  })
})

describe('GET /token', () => {
  it('mints a two-minute token for the role and scope, bound to the portal', async () => {
    const claims = await mint(
      new URLSearchParams({
        role: 'operator',
        customer_key: 'cust_acme_property_group',
        customer_ids: CUSTOMER_ID,
        user_identifier_key: 'dana',
        custom_metadata_has: JSON.stringify({ region: 'west', is_vip: true }),
        subject: 'dana.reyes@acme.example',
      }).toString(),
    )

    expect(claims).toMatchObject({
      v: 1,
      role: 'operator',
      scope: {
        customer_key: 'cust_acme_property_group',
        customer_ids: [CUSTOMER_ID],
        user_identifier_key: 'dana',
        custom_metadata_has: { region: 'west', is_vip: true },
      },
      sub: 'dana.reyes@acme.example',
      origin: PORTAL,
      iat: NOW / 1_000,
    })
    const { iat, exp } = claims as { iat: number; exp: number }
    expect(exp - iat).toBe(DEMO_TOKEN_TTL_S)
    expect(exp - iat).toBeLessThanOrEqual(120)
    // The dashboard's own check of the claims accepts them.
    expect(parseClaims(claims, [PORTAL]).ok).toBe(true)
  })

  it('gives a viewer the whole workspace when nothing is asked', async () => {
    const claims = await mint('')

    expect(claims).toMatchObject({ role: 'viewer', scope: {}, origin: PORTAL })
    expect(claims).not.toHaveProperty('sub')
  })

  it('mints a new token every time', async () => {
    const first = await mint('role=admin')
    const second = await mint('role=admin')

    expect(first.jti).not.toBe(second.jti)
  })

  it.each([
    ['role=owner', 'role'],
    ['role=', 'role'],
    ['customer_key=', 'customer_key'],
    ['customer_key=%20%20', 'customer_key'],
    [`customer_key=${'k'.repeat(256)}`, 'customer_key'],
    ['customer_ids=not-a-uuid', 'customer_ids'],
    [`customer_ids=${CUSTOMER_ID},`, 'customer_ids'],
    ['user_identifier_key=', 'user_identifier_key'],
    ['custom_metadata_has=region%3Dwest', 'custom_metadata_has'],
    ['custom_metadata_has=%5B%5D', 'custom_metadata_has'],
    ['custom_metadata_has=%7B%22n%22%3A1%7D', 'custom_metadata_has'],
    [
      'custom_metadata_has=%7B%22__proto__%22%3A%22x%22%7D',
      'custom_metadata_has',
    ],
    ['subject=', 'subject'],
    ['customer=cust_x', 'customer'],
    ['role=viewer&role=admin', 'role'],
  ])('refuses %s with a 400 naming %s', async (query, param) => {
    const res = await signed().request(`/token?${query}`)

    expect(res.status).toBe(400)
    expectDemoHeaders(res)
    const body = await json(res)
    expect(body.param).toBe(param)
    expect(body.error).toBeTypeOf('string')
    expect(body.error as string).toContain(param)
    expect(body).not.toHaveProperty('token')
  })

  it('is a 404 saying tokens are off when there is no secret', async () => {
    const res = await unsigned().request('/token?role=viewer')

    expect(res.status).toBe(404)
    expectDemoHeaders(res)
    const body = await json(res)
    expect(body.error).toMatch(/tokens are off/i)
    expect(body).not.toHaveProperty('token')
  })
})
