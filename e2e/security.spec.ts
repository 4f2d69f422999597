import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { expect, test } from './support/test'

const secret = process.env.E2E_SANDBOX_API_KEY ?? ''

test('the server-side API key is in no built file', () => {
  expect(secret).not.toBe('')
  const files = readdirSync('dist', { recursive: true, encoding: 'utf8' })
  expect(files.length).toBeGreaterThan(0)
  const leaking = files.filter((file) => {
    try {
      return readFileSync(join('dist', file), 'utf8').includes(secret)
    } catch {
      return false // a folder
    }
  })
  expect(leaking).toEqual([])
})

test('the server-side API key is in no response the browser receives', async ({
  page,
}) => {
  const bodies: Promise<string>[] = []
  page.on('response', (response) => {
    bodies.push(
      response
        .text()
        .then((text) => `${JSON.stringify(response.headers())}\n${text}`)
        .catch(() => ''),
    )
  })
  await page.goto('/')
  await page.waitForLoadState('networkidle')
  // API answers too, including errors.
  for (const [route, body] of [
    ['connected_accounts/list', { limit: 5 }],
    ['connected_accounts/get', { connected_account_id: 'not-a-uuid' }],
    ['events/list', {}],
  ] as const) {
    const response = await page.request.post(`/api/${route}`, { data: body })
    bodies.push(
      response
        .text()
        .then((text) => `${JSON.stringify(response.headers())}\n${text}`),
    )
  }
  const texts = await Promise.all(bodies)
  expect(texts.length).toBeGreaterThan(3)
  expect(texts.filter((text) => text.includes(secret))).toEqual([])
})

test('every page runs under the strict Content-Security-Policy without a violation or error', async ({
  page,
}) => {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} ${event.blockedURI}`,
      )
    })
  })

  for (const path of ['/', '/accounts']) {
    const response = await page.goto(path)
    expect(response?.headers()['content-security-policy']).toContain(
      "script-src 'self'",
    )
    await page.waitForLoadState('networkidle')
  }

  expect(problems).toEqual([])
  // The browser talks to the dashboard only: never to an upstream or a CDN.
  const origin = new URL(page.url()).origin
  expect(requests.filter((url) => !url.startsWith(origin))).toEqual([])
})
