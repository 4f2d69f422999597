import type { ConnectedAccount, SeamEvent } from '@seamapi/types/connect'
import { schemas } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import type { StoredAccount } from '../store'
import type { TestSandbox } from '../test-sandbox'
import { startTestSandbox } from '../test-sandbox'

const accountSchema = schemas.connected_account.strict()
const eventListSchema = z.array(schemas.seam_event)

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

let t: TestSandbox

beforeEach(() => {
  t = startTestSandbox()
})

afterEach(() => {
  t.cleanup()
})

function storedAccountWhere(
  predicate: (account: StoredAccount) => boolean,
): StoredAccount {
  const account = t.sandbox.store.listAccounts({}, null, 1000).find(predicate)
  if (!account) throw new Error('The seed has no account of the kind needed')
  return account
}

const isHealthy = (account: StoredAccount): boolean =>
  account.errors.length === 0 && account.warnings.length === 0

async function getAccount(
  connectedAccountId: string,
): Promise<ConnectedAccount> {
  const response = await t.call('/connected_accounts/get', {
    connected_account_id: connectedAccountId,
  })
  expect(response.status).toBe(200)
  return accountSchema.parse(response.body.connected_account)
}

async function simulateDisconnect(connectedAccountId: string): Promise<void> {
  const response = await t.call('/connected_accounts/simulate/disconnect', {
    connected_account_id: connectedAccountId,
  })
  expect(response.status).toBe(200)
  expect(response.body).toEqual({ ok: true })
}

async function eventsSince(
  since: string,
  connectedAccountId: string,
): Promise<SeamEvent[]> {
  const response = await t.call('/events/list', {
    since,
    connected_account_id: connectedAccountId,
  })
  expect(response.status).toBe(200)
  return eventListSchema.parse(response.body.events)
}

describe('/connected_accounts/simulate/disconnect', () => {
  it('adds an account_disconnected error flagged as a connected account error', async () => {
    const stored = storedAccountWhere(isHealthy)
    const before = await getAccount(stored.connected_account_id)
    const startedAt = Date.now()

    await simulateDisconnect(stored.connected_account_id)

    const after = await getAccount(stored.connected_account_id)
    expect(after).toEqual({
      ...before,
      errors: [
        {
          error_code: 'account_disconnected',
          message: 'Account Disconnected',
          created_at: after.errors[0]?.created_at,
          is_connected_account_error: true,
          is_bridge_error: false,
        },
      ],
    })
    const createdAt = Date.parse(after.errors[0]?.created_at ?? '')
    expect(createdAt).toBeGreaterThanOrEqual(startedAt)
    expect(createdAt).toBeLessThanOrEqual(Date.now())
  })

  it('puts the new error before the errors the account already had', async () => {
    const stored = storedAccountWhere(
      (a) =>
        a.errors.length > 0 &&
        !a.errors.some((e) => e.error_code === 'account_disconnected'),
    )
    const before = await getAccount(stored.connected_account_id)

    await simulateDisconnect(stored.connected_account_id)

    const after = await getAccount(stored.connected_account_id)
    expect(after.errors.map((e) => e.error_code)).toEqual([
      'account_disconnected',
      ...before.errors.map((e) => e.error_code),
    ])
    expect(after.errors.slice(1)).toEqual(before.errors)
    expect(after.warnings).toEqual(before.warnings)
  })

  it('appends a connected_account.disconnected event with the account’s errors', async () => {
    const stored = storedAccountWhere(isHealthy)
    const since = new Date().toISOString()

    await simulateDisconnect(stored.connected_account_id)

    const after = await getAccount(stored.connected_account_id)
    const events = await eventsSince(since, stored.connected_account_id)
    expect(events).toHaveLength(1)
    const [event] = events
    expect(event).toEqual({
      event_id: expect.any(String) as unknown,
      workspace_id: t.sandbox.store.workspaceId,
      created_at: event?.created_at,
      occurred_at: event?.created_at,
      connected_account_id: stored.connected_account_id,
      event_type: 'connected_account.disconnected',
      connected_account_errors: after.errors,
      connected_account_custom_metadata: stored.custom_metadata,
    })
  })

  it('is idempotent: a second call adds no second error and no second event', async () => {
    const stored = storedAccountWhere(isHealthy)
    const since = new Date().toISOString()
    await simulateDisconnect(stored.connected_account_id)
    const afterFirst = await getAccount(stored.connected_account_id)

    await simulateDisconnect(stored.connected_account_id)

    const afterSecond = await getAccount(stored.connected_account_id)
    expect(afterSecond).toEqual(afterFirst)
    expect(
      afterSecond.errors.filter((e) => e.error_code === 'account_disconnected'),
    ).toHaveLength(1)
    const events = await eventsSince(since, stored.connected_account_id)
    expect(events.map((e) => e.event_type)).toEqual([
      'connected_account.disconnected',
    ])
  })

  it('adds nothing to an account the seed already has disconnected', async () => {
    const stored = storedAccountWhere((a) =>
      a.errors.some((e) => e.error_code === 'account_disconnected'),
    )
    const before = await getAccount(stored.connected_account_id)
    const since = new Date().toISOString()

    await simulateDisconnect(stored.connected_account_id)

    expect(await getAccount(stored.connected_account_id)).toEqual(before)
    expect(await eventsSince(since, stored.connected_account_id)).toEqual([])
  })

  it('is undone by a later sync, which emits connected and completed_first_sync_after_reconnection', async () => {
    const stored = storedAccountWhere(
      (a) => isHealthy(a) && a.customer_key !== null,
    )
    const before = await getAccount(stored.connected_account_id)
    const since = new Date().toISOString()
    await simulateDisconnect(stored.connected_account_id)

    const synced = await t.call('/connected_accounts/sync', {
      connected_account_id: stored.connected_account_id,
    })

    expect(synced.status).toBe(200)
    expect(await getAccount(stored.connected_account_id)).toEqual(before)
    const events = await eventsSince(since, stored.connected_account_id)
    // Newest first.
    expect(events.map((e) => e.event_type)).toEqual([
      'connected_account.completed_first_sync_after_reconnection',
      'connected_account.connected',
      'connected_account.disconnected',
    ])
    expect(events[1]).toMatchObject({ customer_key: stored.customer_key })
  })

  it('keeps the account’s lasting errors when a later sync reconnects it', async () => {
    const stored = storedAccountWhere(
      (a) =>
        a.errors.length > 0 &&
        a.transient_codes.length === 0 &&
        !a.errors.some((e) => e.error_code === 'account_disconnected'),
    )
    const before = await getAccount(stored.connected_account_id)
    await simulateDisconnect(stored.connected_account_id)

    const synced = await t.call('/connected_accounts/sync', {
      connected_account_id: stored.connected_account_id,
    })

    expect(synced.status).toBe(200)
    expect(await getAccount(stored.connected_account_id)).toEqual(before)
  })

  it('answers 404 connected_account_not_found for an unknown id', async () => {
    const response = await t.call('/connected_accounts/simulate/disconnect', {
      connected_account_id: UNKNOWN_ID,
    })

    expect(response.status).toBe(404)
    expect(response.body.ok).toBe(false)
    expect(response.body.error?.type).toBe('connected_account_not_found')
  })

  it('answers 400 naming connected_account_id when it is not a UUID', async () => {
    const response = await t.call('/connected_accounts/simulate/disconnect', {
      connected_account_id: 'x',
    })

    expect(response.status).toBe(400)
    expect(response.body.error?.type).toBe('invalid_input')
    expect(response.body.error?.message).toContain('connected_account_id')
  })
})
