import type { ConnectedAccount, SeamEvent } from '@seamapi/types/connect'
import { schemas } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import type { StoredAccount } from '../store'
import type { TestSandbox } from '../test-sandbox'
import { startTestSandbox } from '../test-sandbox'

const accountListSchema = z.array(schemas.connected_account.strict())
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

async function listAccounts(): Promise<ConnectedAccount[]> {
  const response = await t.call('/connected_accounts/list', {})
  expect(response.status).toBe(200)
  return accountListSchema.parse(response.body.connected_accounts)
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

async function deleteAccount(
  connectedAccountId: string,
  method = 'POST',
): Promise<void> {
  const response = await t.call(
    '/connected_accounts/delete',
    { connected_account_id: connectedAccountId },
    { method },
  )
  expect(response.status).toBe(200)
  expect(response.body).toEqual({ ok: true })
}

describe('/connected_accounts/delete', () => {
  it('deletes the account: a later get answers 404 connected_account_not_found', async () => {
    const target = storedAccountWhere(() => true)

    await deleteAccount(target.connected_account_id)

    const response = await t.call('/connected_accounts/get', {
      connected_account_id: target.connected_account_id,
    })
    expect(response.status).toBe(404)
    expect(response.body.ok).toBe(false)
    expect(response.body.error?.type).toBe('connected_account_not_found')
  })

  it('answers 404 connected_account_not_found when deleting the same account twice', async () => {
    const target = storedAccountWhere(() => true)
    await deleteAccount(target.connected_account_id)

    const response = await t.call('/connected_accounts/delete', {
      connected_account_id: target.connected_account_id,
    })

    expect(response.status).toBe(404)
    expect(response.body.ok).toBe(false)
    expect(response.body.error?.type).toBe('connected_account_not_found')
  })

  it('removes the account from list and leaves every other account as it was', async () => {
    const before = await listAccounts()
    const target = before[5]
    if (!target) throw new Error('Too few accounts')

    await deleteAccount(target.connected_account_id)

    const after = await listAccounts()
    expect(after).toHaveLength(before.length - 1)
    expect(after).toEqual(
      before.filter(
        (a) => a.connected_account_id !== target.connected_account_id,
      ),
    )
    expect(t.sandbox.accountCount()).toBe(before.length - 1)
  })

  it('appends a connected_account.deleted event carrying the customer_key', async () => {
    const target = storedAccountWhere((a) => a.customer_key !== null)
    const since = new Date().toISOString()

    await deleteAccount(target.connected_account_id)

    const events = await eventsSince(since, target.connected_account_id)
    expect(events).toHaveLength(1)
    const [event] = events
    expect(event).toEqual({
      event_id: expect.any(String) as unknown,
      workspace_id: t.sandbox.store.workspaceId,
      created_at: event?.created_at,
      occurred_at: event?.created_at,
      connected_account_id: target.connected_account_id,
      event_type: 'connected_account.deleted',
      connected_account_type: target.account_type,
      customer_key: target.customer_key,
      connected_account_custom_metadata: target.custom_metadata,
    })
    expect(Date.parse(event?.created_at ?? '')).toBeGreaterThanOrEqual(
      Date.parse(since),
    )
  })

  it('appends a connected_account.deleted event without customer_key for an account that had none', async () => {
    const target = storedAccountWhere((a) => a.customer_key === null)
    const since = new Date().toISOString()

    await deleteAccount(target.connected_account_id)

    const events = await eventsSince(since, target.connected_account_id)
    expect(events.map((e) => e.event_type)).toEqual([
      'connected_account.deleted',
    ])
    expect(events[0]).not.toHaveProperty('customer_key')
  })

  it('carries a customer_key set by an earlier update in the deleted event', async () => {
    const target = storedAccountWhere((a) => a.customer_key === null)
    const updated = await t.call('/connected_accounts/update', {
      connected_account_id: target.connected_account_id,
      customer_key: 'cust_late_tenant',
    })
    expect(updated.status).toBe(200)
    const since = new Date().toISOString()

    await deleteAccount(target.connected_account_id)

    const [event] = await eventsSince(since, target.connected_account_id)
    expect(event).toMatchObject({
      event_type: 'connected_account.deleted',
      customer_key: 'cust_late_tenant',
    })
  })

  it('keeps the account’s earlier events in the log', async () => {
    const target = storedAccountWhere(() => true)
    const history = await eventsSince(
      '2000-01-01T00:00:00.000Z',
      target.connected_account_id,
    )
    expect(history.length).toBeGreaterThan(0)

    await deleteAccount(target.connected_account_id)

    const after = await eventsSince(
      '2000-01-01T00:00:00.000Z',
      target.connected_account_id,
    )
    expect(after.slice(1)).toEqual(history)
    expect(after[0]?.event_type).toBe('connected_account.deleted')
  })

  it('deletes through the DELETE method too', async () => {
    const target = storedAccountWhere(() => true)

    await deleteAccount(target.connected_account_id, 'DELETE')

    expect(t.sandbox.store.getAccount(target.connected_account_id)).toBe(
      undefined,
    )
  })

  it('accepts sync: true for compatibility with Seam', async () => {
    const target = storedAccountWhere(() => true)

    const response = await t.call('/connected_accounts/delete', {
      connected_account_id: target.connected_account_id,
      sync: true,
    })

    expect(response.status).toBe(200)
    expect(t.sandbox.store.getAccount(target.connected_account_id)).toBe(
      undefined,
    )
  })

  it('answers 404 connected_account_not_found for an unknown id and appends no event', async () => {
    const since = new Date().toISOString()

    const response = await t.call('/connected_accounts/delete', {
      connected_account_id: UNKNOWN_ID,
    })

    expect(response.status).toBe(404)
    expect(response.body.error?.type).toBe('connected_account_not_found')
    expect(await eventsSince(since, UNKNOWN_ID)).toEqual([])
    expect(t.sandbox.accountCount()).toBe(60)
  })

  it('answers 400 naming connected_account_id when it is not a UUID, deleting nothing', async () => {
    const response = await t.call('/connected_accounts/delete', {
      connected_account_id: 'nope',
    })

    expect(response.status).toBe(400)
    expect(response.body.ok).toBe(false)
    expect(response.body.error?.type).toBe('invalid_input')
    expect(response.body.error?.message).toContain('connected_account_id')
    expect(t.sandbox.accountCount()).toBe(60)
  })
})
