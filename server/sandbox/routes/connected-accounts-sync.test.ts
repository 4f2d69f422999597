import type {
  ConnectedAccount,
  ConnectedAccountError,
  ConnectedAccountWarning,
  SeamEvent,
} from '@seamapi/types/connect'
import { schemas } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'

import type { StoredAccount } from '../store'
import type { TestSandbox } from '../test-sandbox'
import { startTestSandbox } from '../test-sandbox'

const accountSchema = schemas.connected_account.strict()
const eventListSchema = z.array(schemas.seam_event)

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'
/** The first seed whose 60 accounts include one with a transient account_disconnected error. */
const SEED_WITH_TRANSIENT_DISCONNECT = 4

let t: TestSandbox

beforeEach(() => {
  t = startTestSandbox()
})

afterEach(() => {
  t.cleanup()
})

const errorCodes = (account: { errors: ConnectedAccountError[] }): string[] =>
  account.errors.map((e) => e.error_code)
const warningCodes = (account: {
  warnings: ConnectedAccountWarning[]
}): string[] => account.warnings.map((w) => w.warning_code)
const problemCodes = (account: StoredAccount): string[] => [
  ...errorCodes(account),
  ...warningCodes(account),
]

function storedAccountWhere(
  predicate: (account: StoredAccount) => boolean,
): StoredAccount {
  const account = t.sandbox.store.listAccounts({}, null, 1000).find(predicate)
  if (!account) throw new Error('The seed has no account of the kind needed')
  return account
}

/** Has a problem a sync clears and one it leaves. */
const hasTransientAndLastingProblems = (account: StoredAccount): boolean => {
  const codes = problemCodes(account)
  const transient = new Set<string>(account.transient_codes)
  return (
    codes.some((code) => transient.has(code)) &&
    codes.some((code) => !transient.has(code))
  )
}

const isTransientlyDisconnected = (account: StoredAccount): boolean =>
  errorCodes(account).includes('account_disconnected') &&
  account.transient_codes.includes('account_disconnected')

/** The account as a sync should leave it: its transient problems gone. */
function afterSync(
  account: ConnectedAccount,
  stored: StoredAccount,
): ConnectedAccount {
  const transient = new Set<string>(stored.transient_codes)
  return {
    ...account,
    errors: account.errors.filter((e) => !transient.has(e.error_code)),
    warnings: account.warnings.filter((w) => !transient.has(w.warning_code)),
  }
}

async function getAccount(
  connectedAccountId: string,
): Promise<ConnectedAccount> {
  const response = await t.call('/connected_accounts/get', {
    connected_account_id: connectedAccountId,
  })
  expect(response.status).toBe(200)
  return accountSchema.parse(response.body.connected_account)
}

async function sync(connectedAccountId: string): Promise<void> {
  const response = await t.call('/connected_accounts/sync', {
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

describe('/connected_accounts/sync with syncDelayMs 0', () => {
  it('clears the problems marked transient and keeps the others', async () => {
    const stored = storedAccountWhere(hasTransientAndLastingProblems)
    const before = await getAccount(stored.connected_account_id)
    const expected = afterSync(before, stored)
    expect(expected).not.toEqual(before)
    expect([...errorCodes(expected), ...warningCodes(expected)]).not.toEqual([])

    await sync(stored.connected_account_id)

    expect(await getAccount(stored.connected_account_id)).toEqual(expected)
    expect(
      t.sandbox.store.getAccount(stored.connected_account_id)?.transient_codes,
    ).toEqual([])
  })

  it('changes nothing on a second sync: the lasting problems stay', async () => {
    const stored = storedAccountWhere(hasTransientAndLastingProblems)
    await sync(stored.connected_account_id)
    const afterFirst = await getAccount(stored.connected_account_id)

    await sync(stored.connected_account_id)

    expect(await getAccount(stored.connected_account_id)).toEqual(afterFirst)
  })

  it('leaves an account whose problems are all lasting as it was, with no event', async () => {
    const stored = storedAccountWhere(
      (a) => problemCodes(a).length > 0 && a.transient_codes.length === 0,
    )
    const before = await getAccount(stored.connected_account_id)
    const since = new Date().toISOString()

    await sync(stored.connected_account_id)

    expect(await getAccount(stored.connected_account_id)).toEqual(before)
    expect(await eventsSince(since, stored.connected_account_id)).toEqual([])
  })

  it('keeps an account disconnected when its account_disconnected error is lasting', async () => {
    const stored = storedAccountWhere(
      (a) =>
        errorCodes(a).includes('account_disconnected') &&
        !a.transient_codes.includes('account_disconnected'),
    )
    const since = new Date().toISOString()

    await sync(stored.connected_account_id)

    const after = await getAccount(stored.connected_account_id)
    expect(errorCodes(after)).toContain('account_disconnected')
    expect(await eventsSince(since, stored.connected_account_id)).toEqual([])
  })

  it('reconnects an account whose account_disconnected was transient and emits connected then completed_first_sync_after_reconnection', async () => {
    t.cleanup()
    t = startTestSandbox({ seed: SEED_WITH_TRANSIENT_DISCONNECT })
    const stored = storedAccountWhere(
      (a) => isTransientlyDisconnected(a) && a.customer_key !== null,
    )
    const before = await getAccount(stored.connected_account_id)
    const since = new Date().toISOString()

    await sync(stored.connected_account_id)

    const after = await getAccount(stored.connected_account_id)
    expect(after).toEqual(afterSync(before, stored))
    expect(errorCodes(after)).not.toContain('account_disconnected')

    const events = await eventsSince(since, stored.connected_account_id)
    // Newest first: the sync completes after the account reconnects.
    expect(events.map((e) => e.event_type)).toEqual([
      'connected_account.completed_first_sync_after_reconnection',
      'connected_account.connected',
    ])
    const connected = events[1]
    expect(connected).toMatchObject({
      connected_account_id: stored.connected_account_id,
      customer_key: stored.customer_key,
      connected_account_custom_metadata: stored.custom_metadata,
      workspace_id: t.sandbox.store.workspaceId,
    })
  })

  it('emits no event for a healthy account', async () => {
    const stored = storedAccountWhere((a) => problemCodes(a).length === 0)
    const before = await getAccount(stored.connected_account_id)
    const since = new Date().toISOString()

    await sync(stored.connected_account_id)

    expect(await getAccount(stored.connected_account_id)).toEqual(before)
    expect(await eventsSince(since, stored.connected_account_id)).toEqual([])
  })
})

describe('/connected_accounts/sync with a delay', () => {
  it('answers at once and applies the sync only after syncDelayMs', async () => {
    t.reopen({ syncDelayMs: 50 })
    const stored = storedAccountWhere(hasTransientAndLastingProblems)
    const before = await getAccount(stored.connected_account_id)
    const expected = afterSync(before, stored)

    await sync(stored.connected_account_id)

    expect(await getAccount(stored.connected_account_id)).toEqual(before)
    await vi.waitFor(
      async () => {
        expect(await getAccount(stored.connected_account_id)).toEqual(expected)
      },
      { timeout: 300, interval: 10 },
    )
  })

  it('does nothing when the account is deleted before the delayed sync runs', async () => {
    t.reopen({ syncDelayMs: 50 })
    const stored = storedAccountWhere(hasTransientAndLastingProblems)
    const since = new Date().toISOString()
    await sync(stored.connected_account_id)
    const deleted = await t.call('/connected_accounts/delete', {
      connected_account_id: stored.connected_account_id,
    })
    expect(deleted.status).toBe(200)

    await new Promise((resolve) => setTimeout(resolve, 150))

    expect(t.sandbox.store.getAccount(stored.connected_account_id)).toBe(
      undefined,
    )
    const events = await eventsSince(since, stored.connected_account_id)
    expect(events.map((e) => e.event_type)).toEqual([
      'connected_account.deleted',
    ])
  })
})

describe('/connected_accounts/sync errors', () => {
  it('answers 404 connected_account_not_found for an unknown id', async () => {
    const response = await t.call('/connected_accounts/sync', {
      connected_account_id: UNKNOWN_ID,
    })

    expect(response.status).toBe(404)
    expect(response.body.ok).toBe(false)
    expect(response.body.error?.type).toBe('connected_account_not_found')
  })

  it('answers 400 naming connected_account_id when it is not a UUID', async () => {
    const response = await t.call('/connected_accounts/sync', {
      connected_account_id: '1234',
    })

    expect(response.status).toBe(400)
    expect(response.body.ok).toBe(false)
    expect(response.body.error?.type).toBe('invalid_input')
    expect(response.body.error?.message).toContain('connected_account_id')
  })

  it('answers 400 naming connected_account_id when it is missing', async () => {
    const response = await t.call('/connected_accounts/sync', {})

    expect(response.status).toBe(400)
    expect(response.body.error?.type).toBe('invalid_input')
    expect(response.body.error?.message).toContain('connected_account_id')
  })
})
