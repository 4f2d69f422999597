import type { ConnectedAccount } from '@seamapi/types/connect'
import { schemas } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { StoredAccount } from '../store'
import type { SeamBody, TestSandbox } from '../test-sandbox'
import { startTestSandbox } from '../test-sandbox'

const accountSchema = schemas.connected_account.strict()

let t: TestSandbox

beforeEach(() => {
  t = startTestSandbox()
})

afterEach(() => {
  t.cleanup()
})

const storedAccounts = (): StoredAccount[] =>
  t.sandbox.store.listAccounts({}, null, 1000)

function storedAccountWhere(
  predicate: (account: StoredAccount) => boolean,
): StoredAccount {
  const account = storedAccounts().find(predicate)
  if (!account) throw new Error('The seed has no account of the kind needed')
  return account
}

/** The newest account that has custom metadata, so replacing it is visible. */
const targetAccount = (): StoredAccount =>
  storedAccountWhere(
    (account) => Object.keys(account.custom_metadata).length >= 2,
  )

async function getAccount(
  connectedAccountId: string,
): Promise<ConnectedAccount> {
  const response = await t.call('/connected_accounts/get', {
    connected_account_id: connectedAccountId,
  })
  expect(response.status).toBe(200)
  return accountSchema.parse(response.body.connected_account)
}

async function update(
  params: Record<string, unknown>,
  method = 'POST',
): Promise<{ status: number; body: SeamBody; account: ConnectedAccount }> {
  const response = await t.call('/connected_accounts/update', params, {
    method,
  })
  expect(response.status).toBe(200)
  expect(response.body.ok).toBe(true)
  return {
    ...response,
    account: accountSchema.parse(response.body.connected_account),
  }
}

/** Updates one account and checks the answer and a later get both show exactly `expected`. */
async function expectUpdateToGive(
  connectedAccountId: string,
  params: Record<string, unknown>,
  expected: ConnectedAccount,
): Promise<void> {
  const { account } = await update({
    connected_account_id: connectedAccountId,
    ...params,
  })
  expect(account).toEqual(expected)
  expect(await getAccount(connectedAccountId)).toEqual(expected)
}

/**
 * Sends an update that must be refused with 400 invalid_input naming `field`,
 * and checks that neither the target account nor any other one changed.
 */
async function expectRejected(
  connectedAccountId: string,
  body: unknown,
  field: string,
): Promise<SeamBody> {
  const before = await getAccount(connectedAccountId)
  const workspaceBefore = storedAccounts()

  const response = await t.call('/connected_accounts/update', body)

  expect(response.status).toBe(400)
  expect(response.body.ok).toBe(false)
  expect(response.body.error?.type).toBe('invalid_input')
  expect(response.body.error?.message).toContain(field)
  expect(response.body.error?.request_id).toBe(
    response.headers.get('seam-request-id'),
  )
  expect(await getAccount(connectedAccountId)).toEqual(before)
  expect(storedAccounts()).toEqual(workspaceBefore)
  return response.body
}

const metadataWithKeys = (count: number): Record<string, string> =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`key_${i}`, `value ${i}`]),
  )

describe('POST /connected_accounts/update: fields', () => {
  it('replaces custom_metadata as a whole object instead of merging it', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)

    await expectUpdateToGive(
      target.connected_account_id,
      { custom_metadata: { region: 'eu-west', tier: 'gold' } },
      { ...before, custom_metadata: { region: 'eu-west', tier: 'gold' } },
    )
  })

  it('drops custom_metadata keys whose value is null', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)
    const [firstKey] = Object.keys(before.custom_metadata)
    if (firstKey === undefined) throw new Error('The target has no metadata')

    await expectUpdateToGive(
      target.connected_account_id,
      {
        custom_metadata: {
          ...before.custom_metadata,
          [firstKey]: null,
          added: 'yes',
        },
      },
      {
        ...before,
        custom_metadata: {
          ...Object.fromEntries(
            Object.entries(before.custom_metadata).filter(
              ([key]) => key !== firstKey,
            ),
          ),
          added: 'yes',
        },
      },
    )
  })

  it('clears custom_metadata with an empty object', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)

    await expectUpdateToGive(
      target.connected_account_id,
      { custom_metadata: {} },
      { ...before, custom_metadata: {} },
    )
  })

  it('updates display_name and leaves every other field as it was', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)

    await expectUpdateToGive(
      target.connected_account_id,
      { display_name: 'Front desk – Building C' },
      { ...before, display_name: 'Front desk – Building C' },
    )
  })

  it('toggles automatically_manage_new_devices both ways', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)
    const flipped = !before.automatically_manage_new_devices

    await expectUpdateToGive(
      target.connected_account_id,
      { automatically_manage_new_devices: flipped },
      { ...before, automatically_manage_new_devices: flipped },
    )
    await expectUpdateToGive(
      target.connected_account_id,
      { automatically_manage_new_devices: !flipped },
      before,
    )
  })

  it('replaces accepted_capabilities', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)

    await expectUpdateToGive(
      target.connected_account_id,
      { accepted_capabilities: ['lock', 'access_control'] },
      { ...before, accepted_capabilities: ['lock', 'access_control'] },
    )
    await expectUpdateToGive(
      target.connected_account_id,
      { accepted_capabilities: [] },
      { ...before, accepted_capabilities: [] },
    )
  })

  it('updates several fields in one request', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)

    await expectUpdateToGive(
      target.connected_account_id,
      {
        display_name: 'Pool gate',
        custom_metadata: { pms: 'guesty' },
        automatically_manage_new_devices: false,
        accepted_capabilities: ['lock'],
      },
      {
        ...before,
        display_name: 'Pool gate',
        custom_metadata: { pms: 'guesty' },
        automatically_manage_new_devices: false,
        accepted_capabilities: ['lock'],
      },
    )
  })

  it('accepts an update with no field to change and returns the account as it was', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)

    await expectUpdateToGive(target.connected_account_id, {}, before)
  })

  it('updates through PATCH as well as POST', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)

    const { account } = await update(
      {
        connected_account_id: target.connected_account_id,
        display_name: 'Patched name',
      },
      'PATCH',
    )

    expect(account).toEqual({ ...before, display_name: 'Patched name' })
    expect(await getAccount(target.connected_account_id)).toEqual({
      ...before,
      display_name: 'Patched name',
    })
  })

  it('keeps the update after the sandbox restarts on the same database', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)
    await update({
      connected_account_id: target.connected_account_id,
      display_name: 'Survives a restart',
    })

    t.reopen()

    expect(await getAccount(target.connected_account_id)).toEqual({
      ...before,
      display_name: 'Survives a restart',
    })
  })
})

describe('POST /connected_accounts/update: customer_key', () => {
  it('sets customer_key on an account without one, and list by customer_key then finds it', async () => {
    const target = storedAccountWhere(
      (account) => account.customer_key === null,
    )
    const before = await getAccount(target.connected_account_id)
    expect(before.customer_key).toBeUndefined()

    await expectUpdateToGive(
      target.connected_account_id,
      { customer_key: 'cust_new_tenant' },
      { ...before, customer_key: 'cust_new_tenant' },
    )

    const list = await t.call('/connected_accounts/list', {
      customer_key: 'cust_new_tenant',
    })
    expect(list.status).toBe(200)
    expect(list.body.connected_accounts).toEqual([
      { ...before, customer_key: 'cust_new_tenant' },
    ])
  })

  it('rejects a different customer_key on an account that already has one', async () => {
    const target = storedAccountWhere(
      (account) => account.customer_key !== null,
    )

    const body = await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        customer_key: 'cust_someone_else',
        display_name: 'Must not be saved',
      },
      'customer_key',
    )

    expect(Object.keys(body.error?.validation_errors ?? {})).toEqual([
      'customer_key',
    ])
  })

  it('refuses to change a customer_key that an earlier update set', async () => {
    const target = storedAccountWhere(
      (account) => account.customer_key === null,
    )
    await update({
      connected_account_id: target.connected_account_id,
      customer_key: 'cust_first',
    })

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        customer_key: 'cust_second',
      },
      'customer_key',
    )
  })

  it('accepts the customer_key the account already has, and applies the other fields', async () => {
    const target = storedAccountWhere(
      (account) => account.customer_key !== null,
    )
    const before = await getAccount(target.connected_account_id)

    await expectUpdateToGive(
      target.connected_account_id,
      { customer_key: target.customer_key, display_name: 'Same customer' },
      { ...before, display_name: 'Same customer' },
    )
  })
})

describe('POST /connected_accounts/update: custom_metadata limits', () => {
  it('accepts 50 keys', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)

    await expectUpdateToGive(
      target.connected_account_id,
      { custom_metadata: metadataWithKeys(50) },
      { ...before, custom_metadata: metadataWithKeys(50) },
    )
  })

  it('rejects 51 keys', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        custom_metadata: metadataWithKeys(51),
      },
      'custom_metadata',
    )
  })

  it('accepts a key of 40 characters', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)
    const key = 'k'.repeat(40)

    await expectUpdateToGive(
      target.connected_account_id,
      { custom_metadata: { [key]: 'v' } },
      { ...before, custom_metadata: { [key]: 'v' } },
    )
  })

  it('rejects a key of 41 characters', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        custom_metadata: { ['k'.repeat(41)]: 'v' },
        display_name: 'Must not be saved',
      },
      'custom_metadata',
    )
  })

  it('rejects an empty key', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        custom_metadata: { '': 'v', fine: 'v' },
      },
      'custom_metadata',
    )
  })

  it('accepts a string value of 500 characters', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)
    const value = 'v'.repeat(500)

    await expectUpdateToGive(
      target.connected_account_id,
      { custom_metadata: { notes: value } },
      { ...before, custom_metadata: { notes: value } },
    )
  })

  it('rejects a string value of 501 characters', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        custom_metadata: { notes: 'v'.repeat(501) },
        display_name: 'Must not be saved',
      },
      'custom_metadata',
    )
  })

  it('accepts boolean values and drops null ones', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)

    await expectUpdateToGive(
      target.connected_account_id,
      { custom_metadata: { is_vip: true, archived: false, gone: null } },
      { ...before, custom_metadata: { is_vip: true, archived: false } },
    )
  })

  it('rejects a number value', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        custom_metadata: { floor: 3 },
        display_name: 'Must not be saved',
      },
      'custom_metadata',
    )
  })

  it('rejects an object value', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        custom_metadata: { nested: { a: 'b' } },
      },
      'custom_metadata',
    )
  })

  it('rejects custom_metadata that is not an object', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        custom_metadata: ['a', 'b'],
      },
      'custom_metadata',
    )
  })
})

describe('POST /connected_accounts/update: display_name limits', () => {
  it('accepts 1 character', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)

    await expectUpdateToGive(
      target.connected_account_id,
      { display_name: 'A' },
      { ...before, display_name: 'A' },
    )
  })

  it('rejects an empty string', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        display_name: '',
        custom_metadata: { must_not: 'be saved' },
      },
      'display_name',
    )
  })

  it('accepts 255 characters', async () => {
    const target = targetAccount()
    const before = await getAccount(target.connected_account_id)
    const name = 'n'.repeat(255)

    await expectUpdateToGive(
      target.connected_account_id,
      { display_name: name },
      { ...before, display_name: name },
    )
  })

  it('rejects 256 characters', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        display_name: 'n'.repeat(256),
        custom_metadata: { must_not: 'be saved' },
      },
      'display_name',
    )
  })

  it('rejects whitespace only', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        display_name: ' \t\n ',
        custom_metadata: { must_not: 'be saved' },
      },
      'display_name',
    )
  })

  it('rejects a display_name that is not a string', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      { connected_account_id: target.connected_account_id, display_name: 42 },
      'display_name',
    )
  })
})

describe('POST /connected_accounts/update: other invalid input', () => {
  it('rejects an unknown accepted_capabilities value', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        accepted_capabilities: ['lock', 'teleport'],
        display_name: 'Must not be saved',
      },
      'accepted_capabilities',
    )
  })

  it('rejects automatically_manage_new_devices that is not a boolean', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        automatically_manage_new_devices: 'yes',
      },
      'automatically_manage_new_devices',
    )
  })

  it('rejects a connected_account_id that is not a UUID', async () => {
    const target = targetAccount()

    const body = await expectRejected(
      target.connected_account_id,
      { connected_account_id: 'not-a-uuid', display_name: 'Must not be saved' },
      'connected_account_id',
    )

    expect(body.error?.validation_errors).toEqual({
      connected_account_id: ['connected_account_id must be a UUID'],
    })
  })

  it('rejects a missing connected_account_id', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      { display_name: 'Must not be saved' },
      'connected_account_id',
    )
  })

  it('rejects an unknown parameter and names it', async () => {
    const target = targetAccount()

    const body = await expectRejected(
      target.connected_account_id,
      {
        connected_account_id: target.connected_account_id,
        display_name: 'Must not be saved',
        nickname: 'Bob',
      },
      'nickname',
    )

    expect(body.error?.validation_errors).toEqual({
      nickname: ['nickname is not a parameter of this route'],
    })
  })

  it('rejects a body that is not JSON', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      `{"connected_account_id": "${target.connected_account_id}", "display_name": `,
      'body',
    )
  })

  it('rejects a body that is a JSON array', async () => {
    const target = targetAccount()

    await expectRejected(
      target.connected_account_id,
      [
        {
          connected_account_id: target.connected_account_id,
          display_name: 'x',
        },
      ],
      'body',
    )
  })

  it('answers 404 connected_account_not_found for an unknown account and changes nothing', async () => {
    const workspaceBefore = storedAccounts()

    const response = await t.call('/connected_accounts/update', {
      connected_account_id: '00000000-0000-4000-8000-000000000000',
      display_name: 'Nobody',
    })

    expect(response.status).toBe(404)
    expect(response.body.ok).toBe(false)
    expect(response.body.error?.type).toBe('connected_account_not_found')
    expect(storedAccounts()).toEqual(workspaceBefore)
  })
})

describe('input that a naive check would let through', () => {
  let s: TestSandbox

  beforeEach(() => {
    s = startTestSandbox({ accounts: 5 })
  })
  afterEach(() => {
    s.cleanup()
  })

  async function firstAccount(): Promise<ConnectedAccount> {
    const { body } = await s.call('/connected_accounts/list', { limit: 1 })
    const [account] = body.connected_accounts as ConnectedAccount[]
    if (!account) throw new Error('no account')
    return account
  }

  it('finds an account by its id in upper case', async () => {
    const account = await firstAccount()
    const { status, body } = await s.call('/connected_accounts/get', {
      connected_account_id: account.connected_account_id.toUpperCase(),
    })
    expect(status).toBe(200)
    expect(body.connected_account).toEqual(account)
  })

  it.each([
    ['display_name', ' \u200b '],
    ['display_name', '\u200b\u200d\ufeff'],
    ['customer_key', '   '],
    ['customer_key', '\u2060'],
  ])('refuses a %s of only invisible characters', async (field, value) => {
    const account = await firstAccount()
    const { status, body } = await s.call('/connected_accounts/update', {
      connected_account_id: account.connected_account_id,
      [field]: value,
    })
    expect(status).toBe(400)
    expect(body.error?.message).toContain(`${field} must not be blank`)
    const after = await s.call('/connected_accounts/get', {
      connected_account_id: account.connected_account_id,
    })
    expect(after.body.connected_account).toEqual(account)
  })

  it('counts characters, not UTF-16 units: 255 emoji fit display_name, 256 do not', async () => {
    const account = await firstAccount()
    const ok = await s.call('/connected_accounts/update', {
      connected_account_id: account.connected_account_id,
      display_name: '🏠'.repeat(255),
    })
    expect(ok.status).toBe(200)
    const tooLong = await s.call('/connected_accounts/update', {
      connected_account_id: account.connected_account_id,
      display_name: '🏠'.repeat(256),
    })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.error?.message).toContain(
      'display_name must be at most 255',
    )
  })

  it('refuses the metadata key __proto__ by name instead of dropping it', async () => {
    const account = await firstAccount()
    const { status, body } = await s.call(
      '/connected_accounts/update',
      `{"connected_account_id":"${account.connected_account_id}","custom_metadata":{"__proto__":"x","ok":"y"}}`,
    )
    expect(status).toBe(400)
    expect(body.error?.message).toContain('__proto__')
    const after = await s.call('/connected_accounts/get', {
      connected_account_id: account.connected_account_id,
    })
    expect(after.body.connected_account).toEqual(account)
  })

  it('stores a capability named twice once', async () => {
    const account = await firstAccount()
    const { status, body } = await s.call('/connected_accounts/update', {
      connected_account_id: account.connected_account_id,
      accepted_capabilities: ['lock', 'thermostat', 'lock'],
    })
    expect(status).toBe(200)
    expect(
      (body.connected_account as ConnectedAccount).accepted_capabilities,
    ).toEqual(['lock', 'thermostat'])
  })
})
