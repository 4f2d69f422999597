import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'

import type { AppEnv } from '../app-env'
import { resolvePrincipal } from './resolve-principal'
import { MAX_RETURN_TO_LENGTH, safeReturnTo } from './return-to'

/** A page behind sign-in, with no one signed in. */
function app(): Hono<AppEnv> {
  const pages = new Hono<AppEnv>()
  pages.use(
    resolvePrincipal({
      identify: () => ({ reason: 'Sign in to use the dashboard.' }),
      loginRedirect: true,
    }),
  )
  pages.get('*', (c) => c.text('page'))
  return pages
}

describe('opening a page without a session', () => {
  it('leads to sign-in, which brings the person back to the page', async () => {
    const res = await app().request('/accounts?q=ada')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(
      '/auth/login?return_to=%2Faccounts%3Fq%3Dada',
    )
  })

  it('leaves out an address too long to come back to, keeping Location short', async () => {
    const page = `/accounts?q=${'%F0%9F%98%80'.repeat(400)}`
    expect(page.length).toBeGreaterThan(MAX_RETURN_TO_LENGTH)
    // Sign-in would not follow it back anyway.
    expect(safeReturnTo(page)).toBe('/')

    const res = await app().request(page)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/auth/login')
  })
})
