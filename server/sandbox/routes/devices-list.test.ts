import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'
import { SeamHttp } from '@seamapi/http/connect'
import type { ConnectedAccount, Device } from '@seamapi/types/connect'
import { schemas } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { deviceLines } from '../device-catalog'
import type { SeamBody, TestSandbox } from '../test-sandbox'
import { startTestSandbox } from '../test-sandbox'

interface ListBody extends SeamBody {
  devices: Device[]
  pagination: {
    has_next_page: boolean
    next_page_cursor: string | null
    next_page_url: string | null
  }
}

let t: TestSandbox

// 240 accounts seed about 650 devices: more than the default page of 500.
beforeEach(() => {
  t = startTestSandbox({ accounts: 240 })
})
afterEach(() => {
  t.cleanup()
})

async function list(params: Record<string, unknown> = {}): Promise<ListBody> {
  const { status, body } = await t.call('/devices/list', params)
  expect(body.error).toBeUndefined()
  expect(status).toBe(200)
  return body as ListBody
}

async function listQuery(query: URLSearchParams): Promise<ListBody> {
  const { status, body } = await t.call('/devices/list', undefined, {
    query: query.toString(),
  })
  expect(body.error).toBeUndefined()
  expect(status).toBe(200)
  return body as ListBody
}

async function listError(params: unknown) {
  const { status, body } = await t.call('/devices/list', params)
  expect(body.ok).toBe(false)
  return { status, error: body.error }
}

/** Every device of the workspace, newest first. */
async function everyDevice(): Promise<Device[]> {
  const body = await list({ limit: 10_000 })
  expect(body.pagination.has_next_page).toBe(false)
  return body.devices
}

async function everyAccount(): Promise<ConnectedAccount[]> {
  const { body } = await t.call('/connected_accounts/list', {})
  return body.connected_accounts as ConnectedAccount[]
}

async function walk(params: Record<string, unknown>): Promise<Device[]> {
  const all: Device[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 1000; pages++) {
    const body = await list({
      ...params,
      ...(cursor ? { page_cursor: cursor } : {}),
    })
    all.push(...body.devices)
    if (!body.pagination.has_next_page) return all
    cursor = body.pagination.next_page_cursor
  }
  throw new Error('pagination did not end')
}

const ids = (devices: Device[]) => devices.map((d) => d.device_id)

/** An account with at least `min` devices, and those devices. */
async function accountWithDevices(min: number) {
  const devices = await everyDevice()
  for (const account of await everyAccount()) {
    const own = devices.filter(
      (d) => d.connected_account_id === account.connected_account_id,
    )
    if (own.length >= min) return { account, devices: own }
  }
  throw new Error(`no account with ${min} devices`)
}

describe('POST /devices/list', () => {
  it('returns the first 500 devices newest first, each parsing with schemas.device', async () => {
    const body = await list()
    expect(body.ok).toBe(true)
    expect(body.devices).toHaveLength(500)
    expect(body.pagination.has_next_page).toBe(true)
    const created = body.devices.map((d) => d.created_at)
    expect(created).toEqual([...created].sort().reverse())
    for (const device of body.devices) {
      const parsed = schemas.device.strict().safeParse(device)
      expect(parsed.error?.issues ?? []).toEqual([])
      expect(device.workspace_id).toBe(t.sandbox.store.workspaceId)
    }
  })

  it('lists every stored device when the page is large enough', async () => {
    const all = await everyDevice()
    expect(all.length).toBe(t.sandbox.store.countDevices())
    expect(all.length).toBeGreaterThan(500)
    expect(new Set(ids(all)).size).toBe(all.length)
  })

  describe('seeded devices', () => {
    it("match their account's provider: locks, Salto access points, ecobee thermostats, Minut sensors", async () => {
      const accounts = new Map(
        (await everyAccount()).map((a) => [a.connected_account_id, a]),
      )
      for (const device of await everyDevice()) {
        const account = accounts.get(device.connected_account_id)
        if (!account) throw new Error('device without an account')
        const line = deviceLines[account.account_type ?? '']
        expect(device.device_type).toBe(line?.device_type)
        expect(device.device_provider?.device_provider_name).toBe(
          account.account_type,
        )
        expect(device.display_name.trim()).not.toBe('')
        const capabilities = device.capabilities_supported
        if (account.account_type === 'ecobee') {
          expect(capabilities).toContain('thermostat')
        } else if (account.account_type === 'minut') {
          expect(capabilities).toContain('noise_detection')
        } else {
          expect(capabilities).toContain('lock')
          expect(device.properties.locked).toEqual(expect.any(Boolean))
        }
      }
    })

    it('gives each account 0 to 6 devices, and every provider some', async () => {
      const devices = await everyDevice()
      const accounts = await everyAccount()
      const counts = accounts.map(
        (a) =>
          devices.filter(
            (d) => d.connected_account_id === a.connected_account_id,
          ).length,
      )
      expect(Math.max(...counts)).toBeLessThanOrEqual(6)
      expect(counts).toContain(0)
      expect(new Set(devices.map((d) => d.device_type))).toEqual(
        new Set(Object.values(deviceLines).map((l) => l.device_type)),
      )
    })

    it('are the same for the same seed', async () => {
      const again = startTestSandbox({ accounts: 240 })
      try {
        const { body } = await again.call('/devices/list', { limit: 10_000 })
        expect(body.devices).toEqual(await everyDevice())
      } finally {
        again.cleanup()
      }
    })

    it('include offline devices with a device_offline error', async () => {
      const offline = (await everyDevice()).filter((d) => !d.properties.online)
      expect(offline.length).toBeGreaterThan(0)
      for (const device of offline) {
        expect(device.errors.map((e) => e.error_code)).toContain(
          'device_offline',
        )
      }
    })
  })

  describe('pagination', () => {
    it('walks every page once: no duplicate and no missing device', async () => {
      const all = ids(await everyDevice())
      const walked = ids(await walk({ limit: 37 }))
      expect(walked).toEqual(all)
    })

    it('serves next_page_url as a GET that returns the next page', async () => {
      const first = await list({ limit: 5, device_type: 'salto_lock' })
      const url = first.pagination.next_page_url
      if (!url) throw new Error('expected a next page')
      const next = new URL(url)
      expect(next.searchParams.get('device_type')).toBe('salto_lock')
      const page = await listQuery(next.searchParams)
      const expected = await walk({ device_type: 'salto_lock' })
      expect(ids(page.devices)).toEqual(ids(expected).slice(5, 10))
    })

    it('rejects a cursor reused with other filters', async () => {
      const first = await list({ limit: 5 })
      const { status, error } = await listError({
        limit: 5,
        device_type: 'august_lock',
        page_cursor: first.pagination.next_page_cursor,
      })
      expect(status).toBe(400)
      expect(error?.type).toBe('mismatched_page_parameters')
    })

    it('rejects a cursor issued by /connected_accounts/list', async () => {
      const { body } = await t.call('/connected_accounts/list', { limit: 5 })
      const { next_page_cursor: cursor } = body.pagination as {
        next_page_cursor: string
      }
      const { status, error } = await listError({ page_cursor: cursor })
      expect(status).toBe(400)
      expect(error?.type).toBe('mismatched_page_parameters')
    })

    it.each([
      ['garbage', 'not-a-cursor'],
      [
        'a forged signature',
        'WyIyMDI2LTAxLTAxIiwiYSIsIngiXQ.AAAAAAAAAAAAAAAAAAAAAA',
      ],
      ['too many parts', 'a.b.c'],
    ])('rejects %s as page_cursor with 400 naming it', async (_n, cursor) => {
      const { status, error } = await listError({ page_cursor: cursor })
      expect(status).toBe(400)
      expect(error?.type).toBe('invalid_input')
      expect(error?.message).toContain('page_cursor')
    })

    it('treats a null page_cursor as the first page', async () => {
      const body = await list({ limit: 3, page_cursor: null })
      expect(ids(body.devices)).toEqual(ids(await everyDevice()).slice(0, 3))
      expect(body.pagination.has_next_page).toBe(true)
    })
  })

  describe('limit', () => {
    it('accepts 1 and the maximum, 10000', async () => {
      const one = await list({ limit: 1 })
      expect(one.devices).toHaveLength(1)
      const max = await list({ limit: 10_000 })
      expect(max.devices).toHaveLength(t.sandbox.store.countDevices())
      expect(max.pagination).toEqual({
        has_next_page: false,
        next_page_cursor: null,
        next_page_url: null,
      })
    })

    it.each([0, 10_001, 2.5, -1, '10', null])(
      'rejects %s naming limit',
      async (limit) => {
        const { status, error } = await listError({ limit })
        expect(status).toBe(400)
        expect(error?.type).toBe('invalid_input')
        expect(error?.message).toContain('limit')
      },
    )
  })

  describe('filters', () => {
    it('filters by connected_account_id, and an unknown account has none', async () => {
      const { account, devices } = await accountWithDevices(3)
      const body = await list({
        connected_account_id: account.connected_account_id,
      })
      expect(ids(body.devices)).toEqual(ids(devices))
      const none = await list({
        connected_account_id: '00000000-0000-4000-8000-000000000000',
      })
      expect(none.devices).toEqual([])
    })

    it('filters by connected_account_ids', async () => {
      const all = await everyDevice()
      const [a, b] = [...new Set(all.map((d) => d.connected_account_id))]
      if (!a || !b) throw new Error('need two accounts with devices')
      const body = await list({ connected_account_ids: [a, b] })
      expect(ids(body.devices)).toEqual(
        ids(
          all.filter(
            (d) => d.connected_account_id === a || d.connected_account_id === b,
          ),
        ),
      )
    })

    it("filters by customer_key through the device's account", async () => {
      const all = await everyDevice()
      const accounts = await everyAccount()
      const ofCustomer = new Set(
        accounts
          .filter((a) => a.customer_key === 'cust_harbor_lofts')
          .map((a) => a.connected_account_id),
      )
      const expected = all.filter((d) => ofCustomer.has(d.connected_account_id))
      expect(expected.length).toBeGreaterThan(0)
      const body = await list({ customer_key: 'cust_harbor_lofts' })
      expect(ids(body.devices)).toEqual(ids(expected))
    })

    it('filters by device_ids', async () => {
      const all = await everyDevice()
      const wanted = [all[3], all[100], all[42]].map((d) => d?.device_id)
      const body = await list({ device_ids: wanted })
      expect(ids(body.devices)).toEqual(
        ids(all).filter((id) => wanted.includes(id)),
      )
    })

    it('filters by device_type and device_types', async () => {
      const all = await everyDevice()
      const thermostats = await list({ device_type: 'ecobee_thermostat' })
      expect(thermostats.devices.length).toBeGreaterThan(0)
      expect(ids(thermostats.devices)).toEqual(
        ids(all.filter((d) => d.device_type === 'ecobee_thermostat')),
      )
      const types = ['minut_sensor', 'nuki_lock']
      const several = await list({ device_types: types })
      expect(new Set(several.devices.map((d) => d.device_type))).toEqual(
        new Set(types),
      )
      expect(ids(several.devices)).toEqual(
        ids(all.filter((d) => types.includes(d.device_type))),
      )
    })

    it('matches nothing for a Seam device type no seeded device has', async () => {
      const body = await list({ device_type: 'nest_thermostat' })
      expect(body.devices).toEqual([])
    })

    it('combines filters with AND', async () => {
      const all = await everyDevice()
      const accounts = await everyAccount()
      const ofCustomer = new Set(
        accounts
          .filter((a) => a.customer_key === 'cust_harbor_lofts')
          .map((a) => a.connected_account_id),
      )
      const locks = await list({
        customer_key: 'cust_harbor_lofts',
        device_types: ['salto_lock', 'august_lock', 'yale_lock'],
      })
      expect(ids(locks.devices)).toEqual(
        ids(
          all.filter(
            (d) =>
              ofCustomer.has(d.connected_account_id) &&
              ['salto_lock', 'august_lock', 'yale_lock'].includes(
                d.device_type,
              ),
          ),
        ),
      )
      const disjoint = await list({
        device_type: 'august_lock',
        device_types: ['yale_lock'],
      })
      expect(disjoint.devices).toEqual([])
    })

    it('matches nothing for empty lists', async () => {
      expect((await list({ device_ids: [] })).devices).toEqual([])
      expect((await list({ connected_account_ids: [] })).devices).toEqual([])
      expect((await list({ device_types: [] })).devices).toEqual([])
    })

    it('reads filters from a GET query string as the Seam SDKs write it', async () => {
      const all = await everyDevice()
      const [a, b] = [...new Set(all.map((d) => d.connected_account_id))]
      if (!a || !b) throw new Error('need two accounts with devices')
      const query = new URLSearchParams()
      query.append('connected_account_ids', a)
      query.append('connected_account_ids', b)
      query.append('device_types', all[0]?.device_type ?? '')
      query.append('device_types', 'ecobee_thermostat')
      query.append('limit', '2')
      const body = await listQuery(query)
      const expected = all.filter(
        (d) =>
          [a, b].includes(d.connected_account_id) &&
          [all[0]?.device_type, 'ecobee_thermostat'].includes(d.device_type),
      )
      expect(ids(body.devices)).toEqual(ids(expected).slice(0, 2))

      const single = await listQuery(
        new URLSearchParams({ device_type: 'minut_sensor', limit: '3' }),
      )
      expect(ids(single.devices)).toEqual(
        ids(all.filter((d) => d.device_type === 'minut_sensor')).slice(0, 3),
      )
      const empty = await listQuery(new URLSearchParams({ device_ids: '' }))
      expect(empty.devices).toEqual([])
    })

    it.each([
      [{ connected_account_id: 'not-a-uuid' }, 'connected_account_id'],
      [{ connected_account_ids: 'x' }, 'connected_account_ids'],
      [{ connected_account_ids: ['x'] }, 'connected_account_ids'],
      [{ device_ids: [1] }, 'device_ids'],
      [{ device_type: 'toaster' }, 'device_type'],
      [{ device_types: ['august_lock', 'toaster'] }, 'device_types'],
      [{ device_types: 'august_lock' }, 'device_types'],
      [{ customer_key: '' }, 'customer_key'],
      [{ customer_key: 'k'.repeat(256) }, 'customer_key'],
      [{ page_cursor: 5 }, 'page_cursor'],
      // Seam parameters the sandbox cannot honour are refused, never ignored.
      [{ manufacturer: 'august' }, 'manufacturer'],
      [{ search: 'door' }, 'search'],
      [{ deviceType: 'august_lock' }, 'deviceType'],
    ])('rejects %j with 400 naming %s', async (params, field) => {
      const { status, error } = await listError(params)
      expect(status).toBe(400)
      expect(error?.type).toBe('invalid_input')
      expect(error?.message).toContain(field)
      expect(Object.keys(error?.validation_errors ?? {}).join(' ')).toContain(
        field,
      )
    })

    it('rejects an unknown parameter on GET too', async () => {
      const { status, body } = await t.call('/devices/list', undefined, {
        query: 'include_if=can_remotely_unlock',
      })
      expect(status).toBe(400)
      expect(body.error?.message).toContain('include_if')
    })
  })

  describe('and the connected account', () => {
    it("deletes an account's devices with it, and no others", async () => {
      const { account, devices } = await accountWithDevices(2)
      const before = t.sandbox.store.countDevices()
      const { status } = await t.call('/connected_accounts/delete', {
        connected_account_id: account.connected_account_id,
      })
      expect(status).toBe(200)
      expect(t.sandbox.store.countDevices()).toBe(before - devices.length)
      const left = await list({
        connected_account_id: account.connected_account_id,
      })
      expect(left.devices).toEqual([])
      const byId = await list({ device_ids: ids(devices) })
      expect(byId.devices).toEqual([])
    })

    it("carries the account's errors, and loses them when it reconnects", async () => {
      const accounts = await everyAccount()
      const devices = await everyDevice()
      const healthy = accounts.find(
        (a) =>
          a.errors.length === 0 &&
          devices.some(
            (d) =>
              d.connected_account_id === a.connected_account_id &&
              d.errors.length === 0,
          ),
      )
      if (!healthy) throw new Error('no healthy account with devices')
      const id = healthy.connected_account_id
      await t.call('/connected_accounts/simulate/disconnect', {
        connected_account_id: id,
      })
      const broken = await list({ connected_account_id: id })
      expect(broken.devices.length).toBeGreaterThan(0)
      for (const device of broken.devices) {
        expect(device.errors[0]).toMatchObject({
          error_code: 'account_disconnected',
          is_connected_account_error: true,
          is_device_error: false,
        })
        expect(schemas.device.strict().safeParse(device).success).toBe(true)
      }
      await t.call('/connected_accounts/sync', { connected_account_id: id })
      const back = await list({ connected_account_id: id })
      for (const device of back.devices) {
        expect(device.errors.map((e) => e.error_code)).not.toContain(
          'account_disconnected',
        )
      }
    })
  })

  it('pages with the official SDK paginator through every device', async () => {
    const server = serve({
      fetch: t.sandbox.app.fetch,
      port: 0,
      hostname: '127.0.0.1',
    })
    try {
      await new Promise<void>((resolve) => server.once('listening', resolve))
      const { port } = server.address() as AddressInfo
      const seam = SeamHttp.fromApiKey(t.sandbox.apiKey, {
        endpoint: `http://127.0.0.1:${port}`,
      })
      const all = await seam
        .createPaginator(seam.devices.list({ limit: 100 }))
        .flattenToArray()
      expect(ids(all)).toEqual(ids(await everyDevice()))
    } finally {
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve()
        }),
      )
    }
  })

  it('answers other methods with 405', async () => {
    const { status, headers } = await t.call('/devices/list', undefined, {
      method: 'DELETE',
    })
    expect(status).toBe(405)
    expect(headers.get('allow')).toBe('GET, POST')
  })
})
