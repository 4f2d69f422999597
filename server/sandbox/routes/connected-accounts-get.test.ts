import type { ConnectedAccount } from '@seamapi/types/connect'
import { schemas } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import type { SeamBody, TestSandbox } from '../test-sandbox'
import { startTestSandbox } from '../test-sandbox'

const accountSchema = schemas.connected_account.strict()
const accountListSchema = z.array(accountSchema)

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

let t: TestSandbox
/** Every account, newest first, as list returns them. */
let listed: ConnectedAccount[]

beforeEach(async () => {
  t = startTestSandbox()
  const response = await t.call('/connected_accounts/list', {})
  expect(response.status).toBe(200)
  listed = accountListSchema.parse(response.body.connected_accounts)
  expect(listed).toHaveLength(60)
})

afterEach(() => {
  t.cleanup()
})

function nth(index: number): ConnectedAccount {
  const account = listed[index]
  if (!account) throw new Error(`No listed account at ${index}`)
  return account
}

function emailOf(account: ConnectedAccount): string {
  const email = account.user_identifier?.email
  if (email === undefined) throw new Error('The account has no email')
  return email
}

function expectError(
  response: { status: number; body: SeamBody },
  status: number,
  type: string,
): void {
  expect(response.status).toBe(status)
  expect(response.body.ok).toBe(false)
  expect(response.body.error?.type).toBe(type)
}

describe('/connected_accounts/get by connected_account_id', () => {
  it('POST returns the account exactly as list shows it', async () => {
    const account = nth(17)

    const response = await t.call('/connected_accounts/get', {
      connected_account_id: account.connected_account_id,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ connected_account: account, ok: true })
  })

  it('GET with a query string returns the same account', async () => {
    const account = nth(3)

    const response = await t.call('/connected_accounts/get', undefined, {
      query: `connected_account_id=${account.connected_account_id}`,
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ connected_account: account, ok: true })
  })

  it('returns an account with errors and warnings in Seam’s shape', async () => {
    const account = listed.find(
      (a) => a.errors.length > 0 && a.warnings.length > 0,
    )
    if (!account) throw new Error('The seed has no account with both')

    const response = await t.call('/connected_accounts/get', {
      connected_account_id: account.connected_account_id,
    })

    expect(response.status).toBe(200)
    expect(accountSchema.parse(response.body.connected_account)).toEqual(
      account,
    )
  })

  it('answers 404 connected_account_not_found for an unknown id', async () => {
    const response = await t.call('/connected_accounts/get', {
      connected_account_id: UNKNOWN_ID,
    })

    expectError(response, 404, 'connected_account_not_found')
    expect(response.body.error?.message).toBe('Connected account not found')
  })

  it('answers 400 naming connected_account_id when it is not a UUID', async () => {
    const response = await t.call('/connected_accounts/get', {
      connected_account_id: 'abc',
    })

    expectError(response, 400, 'invalid_input')
    expect(response.body.error?.message).toContain('connected_account_id')
    expect(response.body.error?.validation_errors).toEqual({
      connected_account_id: ['connected_account_id must be a UUID'],
    })
  })

  it('answers 400 over GET too when the id is not a UUID', async () => {
    const response = await t.call('/connected_accounts/get', undefined, {
      query: 'connected_account_id=abc',
    })

    expectError(response, 400, 'invalid_input')
    expect(response.body.error?.message).toContain('connected_account_id')
  })
})

describe('/connected_accounts/get by email', () => {
  it('finds the account whatever the case of the email', async () => {
    const account = nth(0)
    const email = emailOf(account)
    const newestWithEmail = listed.find(
      (a) => a.user_identifier?.email === email,
    )

    const response = await t.call('/connected_accounts/get', {
      email: email.toUpperCase(),
    })

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      connected_account: newestWithEmail,
      ok: true,
    })
  })

  it('finds the account over GET with the email in the query string', async () => {
    const account = nth(9)
    const email = emailOf(account)
    const newestWithEmail = listed.find(
      (a) => a.user_identifier?.email === email,
    )

    const response = await t.call('/connected_accounts/get', undefined, {
      query: new URLSearchParams({ email: email.toUpperCase() }).toString(),
    })

    expect(response.status).toBe(200)
    expect(response.body.connected_account).toEqual(newestWithEmail)
  })

  it('returns the newest account when several share the email', async () => {
    const shared = listed.find(
      (a) =>
        listed.filter(
          (other) => other.user_identifier?.email === a.user_identifier?.email,
        ).length > 1,
    )
    if (!shared) throw new Error('The seed has no shared email')
    const email = emailOf(shared)
    const sharing = listed.filter((a) => a.user_identifier?.email === email)
    expect(sharing.length).toBeGreaterThan(1)

    const response = await t.call('/connected_accounts/get', { email })

    expect(response.status).toBe(200)
    expect(response.body.connected_account).toEqual(sharing[0])
  })

  it('answers 404 connected_account_not_found for an email nobody has', async () => {
    const response = await t.call('/connected_accounts/get', {
      email: 'nobody.at.all@example.org',
    })

    expectError(response, 404, 'connected_account_not_found')
  })

  it('answers 400 naming email when it is not an email address', async () => {
    const response = await t.call('/connected_accounts/get', {
      email: 'not an email',
    })

    expectError(response, 400, 'invalid_input')
    expect(response.body.error?.message).toContain('email')
    expect(response.body.error?.validation_errors).toEqual({
      email: ['email must be an email address'],
    })
  })
})

describe('/connected_accounts/get with neither or both', () => {
  it('answers 400 when neither connected_account_id nor email is given', async () => {
    const response = await t.call('/connected_accounts/get', {})

    expectError(response, 400, 'invalid_input')
    expect(response.body.error?.message).toContain('connected_account_id')
    expect(response.body.error?.message).toContain('email')
  })

  it('answers 400 when both connected_account_id and email are given', async () => {
    const account = nth(0)

    const response = await t.call('/connected_accounts/get', {
      connected_account_id: account.connected_account_id,
      email: emailOf(account),
    })

    expectError(response, 400, 'invalid_input')
    expect(response.body.error?.message).toContain('connected_account_id')
    expect(response.body.error?.message).toContain('email')
  })

  it('answers 400 naming an unknown parameter', async () => {
    const response = await t.call('/connected_accounts/get', {
      connected_account_id: nth(0).connected_account_id,
      include_devices: true,
    })

    expectError(response, 400, 'invalid_input')
    expect(response.body.error?.message).toContain('include_devices')
  })
})
