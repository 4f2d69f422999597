import type { ConnectedAccount, ConnectWebview } from '@seamapi/types/connect'
import { openapi, schemas } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { providers } from '../providers'
import type { TestSandbox } from '../test-sandbox'
import { startTestSandbox } from '../test-sandbox'

let t: TestSandbox

beforeEach(() => {
  t = startTestSandbox({ accounts: 20 })
})
afterEach(() => {
  t.cleanup()
})

async function create(params: unknown = {}): Promise<ConnectWebview> {
  const { status, body } = await t.call('/connect_webviews/create', params)
  expect(body.error).toBeUndefined()
  expect(status).toBe(200)
  expect(body.ok).toBe(true)
  const parsed = schemas.connect_webview
    .strict()
    .safeParse(body.connect_webview)
  expect(parsed.error?.issues ?? []).toEqual([])
  return body.connect_webview as ConnectWebview
}

async function createError(params: unknown) {
  const { status, body } = await t.call('/connect_webviews/create', params)
  expect(body.ok).toBe(false)
  return { status, error: body.error }
}

async function get(id: string): Promise<ConnectWebview> {
  const { status, body } = await t.call('/connect_webviews/get', {
    connect_webview_id: id,
  })
  expect(status).toBe(200)
  return body.connect_webview as ConnectWebview
}

const allCapabilities = ['lock', 'thermostat', 'noise_sensor', 'access_control']

describe('POST /connect_webviews/create', () => {
  it('creates a pending webview with Seam defaults and a view URL', async () => {
    const webview = await create()

    expect(webview).toMatchObject({
      workspace_id: t.sandbox.store.workspaceId,
      connected_account_id: null,
      status: 'pending',
      login_successful: false,
      authorized_at: null,
      selected_provider: null,
      device_selection_mode: 'none',
      accepted_providers: providers.map((p) => p.account_type),
      accepted_capabilities: allCapabilities,
      any_provider_allowed: true,
      custom_redirect_url: null,
      custom_redirect_failure_url: null,
      custom_metadata: {},
      automatically_manage_new_devices: true,
      wait_for_device_creation: false,
    })
    expect(webview).not.toHaveProperty('customer_key')
    const url = new URL(webview.url)
    expect(`${url.origin}${url.pathname}`).toBe(
      'http://sandbox.test/connect_webviews/view',
    )
    expect([...url.searchParams.keys()]).toEqual([
      'connect_webview_id',
      'auth_token',
    ])
    expect(url.searchParams.get('connect_webview_id')).toBe(
      webview.connect_webview_id,
    )
    expect(url.searchParams.get('auth_token')).toMatch(/^[\w-]{32}$/)
  })

  it('gives every webview its own id and token', async () => {
    const a = await create()
    const b = await create()
    expect(a.connect_webview_id).not.toBe(b.connect_webview_id)
    expect(new URL(a.url).searchParams.get('auth_token')).not.toBe(
      new URL(b.url).searchParams.get('auth_token'),
    )
  })

  it('records every parameter and reads it back with /connect_webviews/get', async () => {
    const webview = await create({
      accepted_providers: ['august', 'yale', 'nest', 'august'],
      accepted_capabilities: ['thermostat', 'lock', 'lock'],
      customer_key: 'cust_harbor_lofts',
      custom_metadata: { ticket: 'SUP-1', vip: true, dropped: null },
      custom_redirect_url: 'https://app.example.com/done?x=1',
      custom_redirect_failure_url: 'https://app.example.com/failed',
      device_selection_mode: 'multiple',
      automatically_manage_new_devices: false,
      wait_for_device_creation: true,
    })

    expect(webview).toMatchObject({
      accepted_providers: ['august', 'yale', 'nest'],
      accepted_capabilities: ['lock', 'thermostat'],
      any_provider_allowed: false,
      customer_key: 'cust_harbor_lofts',
      custom_metadata: { ticket: 'SUP-1', vip: true },
      custom_redirect_url: 'https://app.example.com/done?x=1',
      custom_redirect_failure_url: 'https://app.example.com/failed',
      device_selection_mode: 'multiple',
      automatically_manage_new_devices: false,
      wait_for_device_creation: true,
    })
    expect(await get(webview.connect_webview_id)).toEqual(webview)
  })

  it('builds a reconnect link for an account: its provider, customer and metadata', async () => {
    const { body } = await t.call('/connected_accounts/list', {})
    const account = (body.connected_accounts as ConnectedAccount[]).find(
      (a) => a.account_type === 'salto_ks' && a.customer_key !== undefined,
    )
    if (!account?.customer_key) throw new Error('no Salto KS account')

    const webview = await create({
      accepted_providers: [account.account_type],
      customer_key: account.customer_key,
      custom_metadata: account.custom_metadata,
    })

    expect(webview.accepted_providers).toEqual(['salto_ks'])
    expect(webview.accepted_capabilities).toEqual(['lock', 'access_control'])
    expect(webview.customer_key).toBe(account.customer_key)
    expect(webview.custom_metadata).toEqual(account.custom_metadata)
  })

  it('accepts a provider the sandbox does not seed with every capability', async () => {
    const webview = await create({ accepted_providers: ['nest'] })
    expect(webview.accepted_providers).toEqual(['nest'])
    expect(webview.accepted_capabilities).toEqual(allCapabilities)
  })

  it.each([
    ['thermostats', ['ecobee'], ['thermostat']],
    ['noise_sensors', ['minut'], ['noise_sensor']],
    ['access_control_systems', ['salto_ks', 'salto_space'], ['access_control']],
    [
      'consumer_smartlocks',
      ['august', 'schlage', 'yale', 'nuki', 'ttlock', 'kwikset', 'igloohome'],
      ['lock'],
    ],
    ['beta', [], allCapabilities],
  ])(
    'narrows provider_category %s to the sandbox providers in it',
    async (category, expected, capabilities) => {
      const webview = await create({ provider_category: category })
      expect(webview.accepted_providers).toEqual(expected)
      expect(webview.accepted_capabilities).toEqual(capabilities)
      expect(webview.any_provider_allowed).toBe(false)
    },
  )

  it("knows every provider category of Seam's spec", async () => {
    const spec =
      openapi.paths['/connect_webviews/create'].post.requestBody.content[
        'application/json'
      ].schema.properties
    for (const category of spec.provider_category.enum) {
      await create({ provider_category: category })
    }
  })

  it('leaves out excluded_providers', async () => {
    const webview = await create({
      provider_category: 'access_control_systems',
      excluded_providers: ['salto_space', 'not_a_provider'],
    })
    expect(webview.accepted_providers).toEqual(['salto_ks'])
    const all = await create({ excluded_providers: ['august'] })
    expect(all.accepted_providers).not.toContain('august')
    expect(all.any_provider_allowed).toBe(false)
  })

  it('uses the configured public URL for the view URL', async () => {
    t.reopen({ publicUrl: 'https://sandbox.example.com/' })
    const webview = await create()
    expect(webview.url).toMatch(
      /^https:\/\/sandbox\.example\.com\/connect_webviews\/view\?connect_webview_id=[0-9a-f-]{36}&auth_token=[\w-]+$/,
    )
  })

  describe('custom_metadata limits (as on update)', () => {
    const fifty = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`key_${i}`, `value ${i}`]),
    )

    it('accepts 50 keys, a 40-character key and a 500-character value', async () => {
      expect(
        (await create({ custom_metadata: fifty })).custom_metadata,
      ).toEqual(fifty)
      const edge = {
        ['k'.repeat(40)]: 'v'.repeat(500),
        flag: false,
        empty: '',
      }
      expect((await create({ custom_metadata: edge })).custom_metadata).toEqual(
        edge,
      )
    })

    it.each([
      ['51 keys', { ...fifty, one_more: 'x' }],
      ['a 41-character key', { ['k'.repeat(41)]: 'x' }],
      ['a 501-character value', { note: 'v'.repeat(501) }],
      ['an empty key', { '': 'x' }],
      ['a number', { count: 3 }],
      ['a nested object', { nested: { a: 'b' } }],
      ['a list', ['a']],
      ['a string', 'ticket=1'],
    ])('rejects %s naming custom_metadata', async (_name, custom_metadata) => {
      const { status, error } = await createError({ custom_metadata })
      expect(status).toBe(400)
      expect(error?.type).toBe('invalid_input')
      expect(error?.message).toContain('custom_metadata')
    })
  })

  it.each([
    [{ custom_redirect_url: 'not a url' }, 'custom_redirect_url'],
    [{ custom_redirect_url: 'javascript:alert(1)' }, 'custom_redirect_url'],
    [{ custom_redirect_failure_url: 42 }, 'custom_redirect_failure_url'],
    [{ accepted_providers: ['toaster'] }, 'accepted_providers'],
    [{ accepted_providers: 'august' }, 'accepted_providers'],
    [{ provider_category: 'everything' }, 'provider_category'],
    [{ excluded_providers: [''] }, 'excluded_providers'],
    [{ device_selection_mode: 'all' }, 'device_selection_mode'],
    [{ customer_key: '' }, 'customer_key'],
    [{ customer_key: 'k'.repeat(256) }, 'customer_key'],
    [
      { automatically_manage_new_devices: 'yes' },
      'automatically_manage_new_devices',
    ],
    [{ wait_for_device_creation: 1 }, 'wait_for_device_creation'],
    [{ accepted_capabilities: ['teleport'] }, 'accepted_capabilities'],
    [{ connected_account_id: crypto.randomUUID() }, 'connected_account_id'],
    [{ acceptedProviders: ['august'] }, 'acceptedProviders'],
  ])('rejects %j with 400 naming %s', async (params, field) => {
    const { status, error } = await createError(params)
    expect(status).toBe(400)
    expect(error?.type).toBe('invalid_input')
    expect(error?.message).toContain(field)
    expect(Object.keys(error?.validation_errors ?? {}).join(' ')).toContain(
      field,
    )
  })

  it('rejects accepted_providers together with provider_category', async () => {
    const { status, error } = await createError({
      accepted_providers: ['august'],
      provider_category: 'stable',
    })
    expect(status).toBe(400)
    expect(error?.type).toBe('invalid_input')
    expect(error?.message).toContain('accepted_providers')
    expect(error?.message).toContain('provider_category')
  })

  it('answers GET with 405: Seam creates webviews by POST only', async () => {
    const { status, headers } = await t.call(
      '/connect_webviews/create',
      undefined,
      { query: '' },
    )
    expect(status).toBe(405)
    expect(headers.get('allow')).toBe('POST')
  })
})
