import type { ConnectedAccount } from '@seamapi/types/connect'
import { afterEach, describe, expect, it } from 'vitest'

import type { TestSandbox } from './test-sandbox'
import { startTestSandbox } from './test-sandbox'

let t: TestSandbox | undefined

afterEach(() => {
  t?.cleanup()
  t = undefined
})

describe('persistence', () => {
  it('keeps every kind of edit across a restart, without reseeding', async () => {
    t = startTestSandbox({ accounts: 30 })
    const sandbox = t
    const { body } = await sandbox.call('/connected_accounts/list', {
      limit: 3,
    })
    const [edited, disconnected, deleted] =
      body.connected_accounts as ConnectedAccount[]
    if (!edited || !disconnected || !deleted) throw new Error('no accounts')
    await sandbox.call('/connected_accounts/update', {
      connected_account_id: edited.connected_account_id,
      display_name: 'Kept across restarts',
      custom_metadata: { kept: true },
    })
    await sandbox.call('/connected_accounts/simulate/disconnect', {
      connected_account_id: disconnected.connected_account_id,
    })
    await sandbox.call('/connected_accounts/delete', {
      connected_account_id: deleted.connected_account_id,
    })

    sandbox.reopen({ accounts: 5 })
    expect(sandbox.sandbox.seeded).toBe(false)
    expect(sandbox.sandbox.accountCount()).toBe(29)

    const after = await sandbox.call('/connected_accounts/get', {
      connected_account_id: edited.connected_account_id,
    })
    const account = after.body.connected_account as ConnectedAccount
    expect(account.display_name).toBe('Kept across restarts')
    expect(account.custom_metadata).toEqual({ kept: true })
    const found = await sandbox.call('/connected_accounts/list', {
      search: 'kept across',
    })
    expect(found.body.connected_accounts).toEqual([account])

    const gone = await sandbox.call('/connected_accounts/get', {
      connected_account_id: deleted.connected_account_id,
    })
    expect(gone.status).toBe(404)
    const broken = await sandbox.call('/connected_accounts/get', {
      connected_account_id: disconnected.connected_account_id,
    })
    const codes = (
      broken.body.connected_account as ConnectedAccount
    ).errors.map((e) => e.error_code)
    expect(codes).toContain('account_disconnected')
  })

  it('drops and reseeds the database with reset', async () => {
    t = startTestSandbox({ accounts: 30 })
    const { body } = await t.call('/connected_accounts/list', { limit: 1 })
    const [first] = body.connected_accounts as ConnectedAccount[]
    if (!first) throw new Error('no accounts')
    await t.call('/connected_accounts/delete', {
      connected_account_id: first.connected_account_id,
    })
    t.reopen({ reset: true, accounts: 12 })
    expect(t.sandbox.seeded).toBe(true)
    expect(t.sandbox.accountCount()).toBe(12)
  })

  it('runs on an in-memory database', async () => {
    t = startTestSandbox({ db: ':memory:', accounts: 8 })
    const { status, body } = await t.call('/connected_accounts/list', {})
    expect(status).toBe(200)
    expect(body.connected_accounts).toHaveLength(8)
  })

  it('refuses a seed size outside 0..100000', () => {
    expect(() => startTestSandbox({ accounts: 100_001 })).toThrow(
      /accounts must be/,
    )
  })
})
