import type { ConnectWebview } from '@seamapi/types/connect'
import { schemas } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { TestSandbox } from '../test-sandbox'
import { startTestSandbox } from '../test-sandbox'

let t: TestSandbox
let created: ConnectWebview

beforeEach(async () => {
  t = startTestSandbox({ accounts: 5 })
  const { body } = await t.call('/connect_webviews/create', {
    accepted_providers: ['schlage'],
    customer_key: 'cust_juniper_stays',
    custom_metadata: { internal_id: 'acct_000042' },
  })
  created = body.connect_webview as ConnectWebview
})
afterEach(() => {
  t.cleanup()
})

describe('/connect_webviews/get', () => {
  it('returns the recorded webview on POST, parsing with schemas.connect_webview', async () => {
    const { status, body } = await t.call('/connect_webviews/get', {
      connect_webview_id: created.connect_webview_id,
    })
    expect(status).toBe(200)
    expect(body.ok).toBe(true)
    expect(body.connect_webview).toEqual(created)
    const parsed = schemas.connect_webview
      .strict()
      .safeParse(body.connect_webview)
    expect(parsed.error?.issues ?? []).toEqual([])
  })

  it('returns the same webview on GET with a query string', async () => {
    const { status, body } = await t.call('/connect_webviews/get', undefined, {
      query: new URLSearchParams({
        connect_webview_id: created.connect_webview_id,
      }).toString(),
    })
    expect(status).toBe(200)
    expect(body.connect_webview).toEqual(created)
  })

  it('keeps webviews across a restart', async () => {
    t.reopen()
    const { status, body } = await t.call('/connect_webviews/get', {
      connect_webview_id: created.connect_webview_id,
    })
    expect(status).toBe(200)
    expect(body.connect_webview).toEqual(created)
  })

  it('answers 404 connect_webview_not_found for an unknown id', async () => {
    const { status, body } = await t.call('/connect_webviews/get', {
      connect_webview_id: '00000000-0000-4000-8000-000000000000',
    })
    expect(status).toBe(404)
    expect(body.ok).toBe(false)
    expect(body.error?.type).toBe('connect_webview_not_found')
  })

  it.each([
    [{}, 'connect_webview_id'],
    [{ connect_webview_id: 'cw_123' }, 'connect_webview_id'],
    [{ connect_webview_id: 7 }, 'connect_webview_id'],
    [
      {
        connect_webview_id: '00000000-0000-4000-8000-000000000000',
        include: 'all',
      },
      'include',
    ],
  ])('rejects %j with 400 naming %s', async (params, field) => {
    const { status, body } = await t.call('/connect_webviews/get', params)
    expect(status).toBe(400)
    expect(body.error?.type).toBe('invalid_input')
    expect(body.error?.message).toContain(field)
  })

  it('rejects a bad id in a GET query string too', async () => {
    const { status, body } = await t.call('/connect_webviews/get', undefined, {
      query: 'connect_webview_id=nope',
    })
    expect(status).toBe(400)
    expect(body.error?.message).toContain('connect_webview_id')
  })
})
