import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'
import { SeamHttp } from '@seamapi/http/connect'
import type { ConnectedAccount } from '@seamapi/types/connect'
import { schemas } from '@seamapi/types/connect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { TestSandbox } from './test-sandbox'
import { startTestSandbox } from './test-sandbox'

let t: TestSandbox

beforeAll(() => {
  t = startTestSandbox({ accounts: 240 })
})
afterAll(() => {
  t.cleanup()
})

describe('the sandbox speaks the schemas of @seamapi/types', () => {
  it('returns accounts that all parse with schemas.connected_account', async () => {
    const { body } = await t.call('/connected_accounts/list', {})
    const accounts = body.connected_accounts as unknown[]
    expect(accounts).toHaveLength(240)
    for (const account of accounts) {
      const parsed = schemas.connected_account.strict().safeParse(account)
      expect(parsed.error?.issues ?? []).toEqual([])
    }
  })

  it('returns events that all parse with schemas.seam_event', async () => {
    const { body } = await t.call('/events/list', {
      since: '2000-01-01T00:00:00Z',
      limit: 10_000,
    })
    const events = body.events as unknown[]
    expect(events.length).toBeGreaterThan(240 * 3)
    const types = new Set<string>()
    for (const event of events) {
      const parsed = schemas.seam_event.safeParse(event)
      expect(parsed.error?.issues ?? []).toEqual([])
      if (parsed.success) types.add(parsed.data.event_type)
    }
    expect([...types].sort()).toEqual([
      'connected_account.completed_first_sync',
      'connected_account.completed_first_sync_after_reconnection',
      'connected_account.connected',
      'connected_account.created',
      'connected_account.disconnected',
      'connected_account.reauthorization_requested',
      'connected_account.successful_login',
    ])
  })

  it('returns devices that all parse with schemas.device', async () => {
    const { body } = await t.call('/devices/list', { limit: 10_000 })
    const devices = body.devices as unknown[]
    expect(devices.length).toBe(t.sandbox.store.countDevices())
    expect(devices.length).toBeGreaterThan(240)
    for (const device of devices) {
      const parsed = schemas.device.strict().safeParse(device)
      expect(parsed.error?.issues ?? []).toEqual([])
    }
  })

  it('keeps events parseable after every kind of write', async () => {
    const w = startTestSandbox({ accounts: 10 })
    try {
      const { body } = await w.call('/connected_accounts/list', {})
      const healthy = (body.connected_accounts as ConnectedAccount[]).filter(
        (account) => account.errors.length === 0,
      )
      const [a, b] = healthy
      if (!a || !b) throw new Error('no healthy accounts')
      await w.call('/connected_accounts/simulate/disconnect', {
        connected_account_id: a.connected_account_id,
      })
      await w.call('/connected_accounts/sync', {
        connected_account_id: a.connected_account_id,
      })
      await w.call('/connected_accounts/delete', {
        connected_account_id: b.connected_account_id,
      })
      const events = await w.call('/events/list', {
        since: '2026-11-01T12:00:00.001Z',
      })
      const written = events.body.events as unknown[]
      expect(written.length).toBe(4)
      for (const event of written)
        expect(schemas.seam_event.safeParse(event).success).toBe(true)
    } finally {
      w.cleanup()
    }
  })
})

describe('the seeded workspace', () => {
  const stored = () => t.sandbox.store.listAccounts({}, null, 100_000)

  it('covers every error and warning code that @seamapi/types defines', () => {
    const errorCodes =
      schemas.connected_account.shape.errors.element.options.map(
        (o) => o.shape.error_code.value,
      )
    const warningCodes =
      schemas.connected_account.shape.warnings.element.options.map(
        (o) => o.shape.warning_code.value,
      )
    const seen = new Set(
      stored().flatMap((a) => [
        ...a.errors.map((e) => e.error_code),
        ...a.warnings.map((w) => w.warning_code),
      ]),
    )
    expect(
      [...errorCodes, ...warningCodes].filter((code) => !seen.has(code)),
    ).toEqual([])
  })

  it('has about a fifth of its accounts with problems', () => {
    const all = stored()
    const withProblems = all.filter(
      (a) => a.errors.length + a.warnings.length > 0,
    )
    expect(withProblems.length / all.length).toBeGreaterThan(0.12)
    expect(withProblems.length / all.length).toBeLessThan(0.3)
  })

  it('has Salto KS sites near (80-99%) and at or over (>=100%) their limits', () => {
    const sites = stored().flatMap((a) => [
      ...a.errors.flatMap((e) =>
        e.error_code === 'salto_ks_subscription_limit_exceeded'
          ? e.salto_ks_metadata.sites
          : [],
      ),
      ...a.warnings.flatMap((w) =>
        w.warning_code === 'salto_ks_subscription_limit_almost_reached'
          ? w.salto_ks_metadata.sites
          : [],
      ),
    ])
    const usage = sites.map(
      (s) => s.subscribed_site_user_count / s.site_user_subscription_limit,
    )
    expect(usage.some((u) => u >= 0.8 && u < 1)).toBe(true)
    expect(usage.some((u) => u >= 1)).toBe(true)
  })

  it('has at least 8 providers, about 10 customers, metadata on most accounts and every kind of user identifier', () => {
    const all = stored()
    expect(new Set(all.map((a) => a.account_type)).size).toBeGreaterThanOrEqual(
      8,
    )
    expect(new Set(all.map((a) => a.customer_key).filter(Boolean)).size).toBe(
      10,
    )
    const withMetadata = all.filter(
      (a) => Object.keys(a.custom_metadata).length > 0,
    )
    expect(withMetadata.length / all.length).toBeGreaterThan(0.7)
    expect(all.some((a) => a.user_identifier?.email)).toBe(true)
    expect(all.some((a) => a.user_identifier?.phone)).toBe(true)
    expect(all.some((a) => a.user_identifier?.username)).toBe(true)
  })

  it('spreads created_at over two years', () => {
    const times = stored().map((a) => Date.parse(a.created_at))
    const spanDays = (Math.max(...times) - Math.min(...times)) / 86_400_000
    expect(spanDays).toBeGreaterThan(600)
    expect(spanDays).toBeLessThanOrEqual(730)
  })

  it('includes hostile strings for the UI to render as text', () => {
    const names = stored().map((a) => a.display_name)
    expect(names).toContain('<script>alert("display_name")</script>')
    expect(names.some((n) => n.includes('\u202e'))).toBe(true)
    expect(names.some((n) => n.length === 255)).toBe(true)
    expect(names.some((n) => /\p{Extended_Pictographic}/u.test(n))).toBe(true)
  })

  it('is deterministic: the same seed gives the same workspace', async () => {
    const again = startTestSandbox({ accounts: 240 })
    try {
      const first = await t.call('/connected_accounts/list', {})
      const second = await again.call('/connected_accounts/list', {})
      expect(second.body.connected_accounts).toEqual(
        first.body.connected_accounts,
      )
      const other = startTestSandbox({ accounts: 240, seed: 8 })
      const third = await other.call('/connected_accounts/list', { limit: 1 })
      other.cleanup()
      expect(third.body.connected_accounts).not.toEqual(
        (first.body.connected_accounts as unknown[]).slice(0, 1),
      )
    } finally {
      again.cleanup()
    }
  })

  it('finds a rare term with the trigram index past the newest 2000 rows', async () => {
    const big = startTestSandbox({ accounts: 2_500 })
    try {
      const oldest = big.sandbox.store.listAccounts({}, null, 3_000).at(-1)
      if (!oldest) throw new Error('no accounts')
      const needle = oldest.connected_account_id.slice(-10).toUpperCase()
      const { body } = await big.call('/connected_accounts/list', {
        search: needle,
      })
      expect(
        (body.connected_accounts as ConnectedAccount[]).map(
          (a) => a.connected_account_id,
        ),
      ).toEqual([oldest.connected_account_id])
    } finally {
      big.cleanup()
    }
  })
})

describe('the official Seam SDK against the sandbox', () => {
  let server: ReturnType<typeof serve>
  let seam: SeamHttp

  beforeAll(async () => {
    server = serve({
      fetch: t.sandbox.app.fetch,
      port: 0,
      hostname: '127.0.0.1',
    })
    await new Promise<void>((resolve) => server.once('listening', resolve))
    const { port } = server.address() as AddressInfo
    seam = SeamHttp.fromApiKey(t.sandbox.apiKey, {
      endpoint: `http://127.0.0.1:${port}`,
    })
  })
  afterAll(async () => {
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve()
      }),
    )
  })

  it('lists, gets, updates, syncs and deletes', async () => {
    const accounts = await seam.connectedAccounts.list({ limit: 5 })
    expect(accounts).toHaveLength(5)
    const [first] = accounts
    if (!first) throw new Error('no account')
    const id = first.connected_account_id

    const got = await seam.connectedAccounts.get({ connected_account_id: id })
    expect(got).toEqual(first)

    await seam.connectedAccounts.update({
      connected_account_id: id,
      custom_metadata: { ticket: 'SUP-1234', escalated: true },
    })
    const updated = await seam.connectedAccounts.get({
      connected_account_id: id,
    })
    expect(updated.custom_metadata).toEqual({
      ticket: 'SUP-1234',
      escalated: true,
    })

    const found = await seam.connectedAccounts.list({
      custom_metadata_has: { ticket: 'SUP-1234' },
    })
    expect(found.map((a) => a.connected_account_id)).toEqual([id])

    await seam.connectedAccounts.sync({ connected_account_id: id })
    await seam.connectedAccounts.delete({ connected_account_id: id })
    await expect(
      seam.connectedAccounts.get({ connected_account_id: id }),
    ).rejects.toMatchObject({
      code: 'connected_account_not_found',
      statusCode: 404,
    })
  })

  it('pages with the SDK paginator through every account', async () => {
    const pages = seam.createPaginator(
      seam.connectedAccounts.list({ limit: 50 }),
    )
    const all = await pages.flattenToArray()
    const total = t.sandbox.accountCount()
    expect(all).toHaveLength(total)
    expect(new Set(all.map((a) => a.connected_account_id)).size).toBe(total)
  })

  it('surfaces a validation error as a typed SDK error naming the field', async () => {
    await expect(
      seam.connectedAccounts.update({
        connected_account_id: '00000000-0000-4000-8000-000000000000',
        custom_metadata: { ['k'.repeat(41)]: 'too long a key' },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', statusCode: 400 })
  })

  it('rejects a wrong API key with 401', async () => {
    const { port } = server.address() as AddressInfo
    const wrong = SeamHttp.fromApiKey('seam_wrong_key', {
      endpoint: `http://127.0.0.1:${port}`,
    })
    await expect(wrong.connectedAccounts.list()).rejects.toMatchObject({
      statusCode: 401,
    })
  })
})
