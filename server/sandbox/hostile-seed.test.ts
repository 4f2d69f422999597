import type { ConnectedAccount } from '@seamapi/types/connect'
import { schemas } from '@seamapi/types/connect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createSandbox } from './create-sandbox'
import {
  HOSTILE_STRINGS,
  type HostileField,
  hostileValue,
} from './hostile-strings'
import { HOSTILE_FULL_COVERAGE_ACCOUNTS } from './seed'
import type { TestSandbox } from './test-sandbox'
import { startTestSandbox } from './test-sandbox'

let t: TestSandbox
let accounts: ConnectedAccount[]

const listAll = async (sandbox: TestSandbox) => {
  const { body } = await sandbox.call('/connected_accounts/list', {})
  return body.connected_accounts as ConnectedAccount[]
}

beforeAll(async () => {
  t = startTestSandbox({ accounts: 240, dataset: 'hostile' })
  accounts = await listAll(t)
})
afterAll(() => {
  t.cleanup()
})

const sitesOf = (account: ConnectedAccount) => [
  ...account.errors.flatMap((e) =>
    'salto_ks_metadata' in e ? e.salto_ks_metadata.sites : [],
  ),
  ...account.warnings.flatMap((w) =>
    'salto_ks_metadata' in w ? w.salto_ks_metadata.sites : [],
  ),
]

/** What each field kind holds across the workspace, read from the API. */
function valuesOf(field: HostileField): Set<string> {
  const values = accounts.flatMap((account): (string | undefined)[] => {
    switch (field) {
      case 'display_name':
        return [account.display_name]
      case 'account_type_display_name':
        return [account.account_type_display_name]
      case 'customer_key':
        return [account.customer_key]
      case 'metadata_key':
        return Object.keys(account.custom_metadata)
      case 'metadata_value':
        return Object.values(account.custom_metadata).map(String)
      case 'user_identifier_key':
        return []
      case 'email':
        return [account.user_identifier?.email]
      case 'phone':
        return [account.user_identifier?.phone]
      case 'username':
        return [account.user_identifier?.username]
      case 'error_message':
        return account.errors.map((e) => e.message)
      case 'warning_message':
        return account.warnings.map((w) => w.message)
      case 'site_name':
        return sitesOf(account).map((site) => site.site_name)
    }
  })
  return new Set(values.filter((value) => value !== undefined))
}

describe('the hostile data set', () => {
  it('needs no more accounts than the default for full coverage', () => {
    expect(HOSTILE_FULL_COVERAGE_ACCOUNTS).toBeLessThanOrEqual(240)
  })

  it.each<HostileField>([
    'display_name',
    'account_type_display_name',
    'customer_key',
    'metadata_key',
    'metadata_value',
    'email',
    'phone',
    'username',
    'error_message',
    'warning_message',
    'site_name',
  ])('puts every payload into %s', (field) => {
    const values = valuesOf(field)
    const missing = HOSTILE_STRINGS.map(({ text }) =>
      hostileValue(text, field),
    ).filter((value) => !values.has(value))
    expect(missing).toEqual([])
  })

  it('puts every payload into user_identifier_key', () => {
    const keys = new Set(
      t.sandbox.store
        .listAccounts({}, null, 1_000)
        .map((account) => account.user_identifier_key),
    )
    for (const { text } of HOSTILE_STRINGS) {
      expect(keys.has(hostileValue(text, 'user_identifier_key'))).toBe(true)
    }
  })

  it('has no string field left from the realistic workspace', () => {
    const payloads = new Set(
      HOSTILE_STRINGS.flatMap(({ text }) =>
        [255, 40, 500, Infinity].map((max) =>
          Array.from(text).slice(0, max).join(''),
        ),
      ),
    )
    for (const account of accounts) {
      const shown = [
        account.display_name,
        account.account_type_display_name,
        account.customer_key ?? '',
        account.user_identifier?.email ?? '',
        ...Object.entries(account.custom_metadata).flat().map(String),
        ...account.errors.map((e) => e.message),
        ...account.warnings.map((w) => w.message),
      ]
      expect(shown.filter((value) => !payloads.has(value))).toEqual([])
    }
  })

  it('gives a third of the accounts an error and a warning, Salto KS sites over and near their limits', () => {
    const withProblems = accounts.filter((a) => a.errors.length > 0)
    expect(withProblems).toHaveLength(80)
    for (const account of withProblems) {
      expect(account.warnings).toHaveLength(1)
      expect(account.account_type).toBe('salto_ks')
    }
    const usage = accounts
      .flatMap(sitesOf)
      .map((s) => s.subscribed_site_user_count / s.site_user_subscription_limit)
    expect(usage.some((u) => u >= 1)).toBe(true)
    expect(usage.some((u) => u >= 0.8 && u < 1)).toBe(true)
  })

  it('is still what Seam answers: accounts, events and devices parse with @seamapi/types', async () => {
    for (const account of accounts) {
      const parsed = schemas.connected_account.strict().safeParse(account)
      expect(parsed.error?.issues ?? []).toEqual([])
    }
    const { body: events } = await t.call('/events/list', {
      since: '2000-01-01T00:00:00Z',
      limit: 10_000,
    })
    for (const event of events.events as unknown[]) {
      expect(schemas.seam_event.safeParse(event).error?.issues ?? []).toEqual(
        [],
      )
    }
    const { body: devices } = await t.call('/devices/list', { limit: 10_000 })
    for (const device of devices.devices as unknown[]) {
      expect(
        schemas.device.strict().safeParse(device).error?.issues ?? [],
      ).toEqual([])
    }
  })

  it("stays within Seam's write limits: every name and metadata can be saved back unchanged", async () => {
    for (const account of accounts) {
      const { status, body } = await t.call('/connected_accounts/update', {
        connected_account_id: account.connected_account_id,
        display_name: account.display_name,
        custom_metadata: account.custom_metadata,
      })
      expect({ status, error: body.error }).toEqual({
        status: 200,
        error: undefined,
      })
    }
    expect(await listAll(t)).toEqual(accounts)
  })

  it('finds a payload by search, as plain text', async () => {
    const needle = "' OR 1=1 --"
    const { body } = await t.call('/connected_accounts/list', {
      search: needle,
    })
    const found = body.connected_accounts as ConnectedAccount[]
    expect(found.length).toBeGreaterThan(0)
    expect(found.length).toBeLessThan(accounts.length)
  })

  it('is deterministic per seed', async () => {
    const again = startTestSandbox({ accounts: 240, dataset: 'hostile' })
    const other = startTestSandbox({
      accounts: 240,
      dataset: 'hostile',
      seed: 8,
    })
    try {
      expect(await listAll(again)).toEqual(accounts)
      const ids = (list: ConnectedAccount[]) =>
        list.map((a) => [a.connected_account_id, a.created_at])
      expect(ids(await listAll(other))).not.toEqual(ids(accounts))
    } finally {
      again.cleanup()
      other.cleanup()
    }
  })

  it('refuses to open a database seeded with the other data set', () => {
    const hostile = startTestSandbox({ accounts: 5, dataset: 'hostile' })
    const realistic = startTestSandbox({ accounts: 5 })
    try {
      hostile.sandbox.close()
      expect(() =>
        createSandbox({ db: hostile.dbPath, dataset: 'realistic' }),
      ).toThrow(
        `The sandbox database ${hostile.dbPath} was seeded with the hostile data set, not realistic: use another database file, or delete this one to seed it again.`,
      )
      realistic.sandbox.close()
      expect(() =>
        createSandbox({ db: realistic.dbPath, dataset: 'hostile' }),
      ).toThrow('was seeded with the realistic data set, not hostile')
      hostile.reopen({ dataset: 'hostile' })
      expect(hostile.sandbox.dataset).toBe('hostile')
      expect(hostile.sandbox.seeded).toBe(false)
      expect(hostile.sandbox.accountCount()).toBe(5)
      realistic.reopen({ dataset: 'hostile', reset: true })
      expect(realistic.sandbox.seeded).toBe(true)
      expect(realistic.sandbox.dataset).toBe('hostile')
    } finally {
      hostile.cleanup()
      realistic.cleanup()
    }
  })

  it('refuses an unknown data set by name', () => {
    expect(() =>
      createSandbox({
        db: ':memory:',
        dataset: 'evil' as unknown as 'hostile',
      }),
    ).toThrow('dataset must be one of realistic, hostile (got "evil")')
  })
})
