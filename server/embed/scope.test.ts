import { describe, expect, it } from 'vitest'

import type { EmbedScope } from './model'
import {
  accountShowsScope,
  checkUpdateBody,
  isEmptyScope,
  listFiltersOf,
  parseScope,
  scopeKey,
  scopeListBody,
  scopeWebviewBody,
} from './scope'

const ID_A = '6F1D2C3B-4A5E-4F60-8B7A-9C8D7E6F5A4B'
const ID_B = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'

describe('parseScope', () => {
  it('accepts an empty scope: the whole workspace', () => {
    expect(parseScope({})).toEqual({ ok: true, scope: {} })
    expect(isEmptyScope({})).toBe(true)
  })

  it('accepts every field, lower-cases customer ids and drops duplicates', () => {
    expect(
      parseScope({
        customer_key: 'cust_a',
        customer_ids: [ID_A, ID_A.toLowerCase(), ID_B],
        user_identifier_key: 'user-1',
        custom_metadata_has: { site: 'a', vip: true },
      }),
    ).toEqual({
      ok: true,
      scope: {
        customer_key: 'cust_a',
        customer_ids: [ID_A.toLowerCase(), ID_B],
        user_identifier_key: 'user-1',
        custom_metadata_has: { site: 'a', vip: true },
      },
    })
  })

  it('drops an empty custom_metadata_has: no condition', () => {
    expect(parseScope({ custom_metadata_has: {} })).toEqual({
      ok: true,
      scope: {},
    })
  })

  it.each([
    [null, 'scope'],
    [[], 'scope'],
    ['cust_a', 'scope'],
    [{ customer: 'cust_a' }, 'customer'],
    [{ search: 'x' }, 'search'],
    [{ customer_key: '' }, 'customer_key'],
    [{ customer_key: '  \u200b ' }, 'customer_key'],
    [{ customer_key: 'x'.repeat(256) }, 'customer_key'],
    [{ customer_key: 12 }, 'customer_key'],
    [{ user_identifier_key: ' ' }, 'user_identifier_key'],
    [{ customer_ids: [] }, 'customer_ids'],
    [{ customer_ids: ID_A }, 'customer_ids'],
    [{ customer_ids: Array.from({ length: 101 }, () => ID_A) }, 'customer_ids'],
    [{ customer_ids: [ID_A, 'not-a-uuid'] }, 'customer_ids[1]'],
    [{ customer_ids: [ID_A, 7] }, 'customer_ids[1]'],
    [{ custom_metadata_has: [] }, 'custom_metadata_has'],
    [{ custom_metadata_has: 'site=a' }, 'custom_metadata_has'],
    [{ custom_metadata_has: { '': 'a' } }, 'custom_metadata_has'],
    [{ custom_metadata_has: { ['k'.repeat(41)]: 'a' } }, 'custom_metadata_has'],
    [{ custom_metadata_has: { site: 1 } }, 'custom_metadata_has.site'],
    [{ custom_metadata_has: { site: null } }, 'custom_metadata_has.site'],
    [
      { custom_metadata_has: { site: 'v'.repeat(501) } },
      'custom_metadata_has.site',
    ],
    [
      {
        custom_metadata_has: Object.fromEntries(
          Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']),
        ),
      },
      'custom_metadata_has',
    ],
  ])('refuses %j naming %s', (value, field) => {
    const result = parseScope(value)
    expect(result).toMatchObject({ ok: false, field })
    if (!result.ok) expect(result.message).toContain(field.split('[')[0])
  })

  it('refuses a __proto__ key by name', () => {
    const result = parseScope(
      JSON.parse('{"custom_metadata_has":{"__proto__":"a"}}'),
    )
    expect(result).toMatchObject({
      ok: false,
      field: 'custom_metadata_has.__proto__',
    })
  })

  it('accepts the limits exactly', () => {
    expect(
      parseScope({
        customer_key: 'é'.repeat(255),
        customer_ids: Array.from({ length: 100 }, () => ID_B),
        custom_metadata_has: Object.fromEntries(
          Array.from({ length: 50 }, (_, i) => [
            `k${i}`.padEnd(40, 'x'),
            'v'.repeat(500),
          ]),
        ),
      }).ok,
    ).toBe(true)
  })
})

describe('scopeKey', () => {
  it('is the same however the scope was written', () => {
    const a: EmbedScope = {
      customer_ids: [ID_B, ID_A.toLowerCase()],
      custom_metadata_has: { b: '2', a: true },
    }
    const b: EmbedScope = {
      custom_metadata_has: { a: true, b: '2' },
      customer_ids: [ID_A.toLowerCase(), ID_B],
    }
    expect(scopeKey(a)).toBe(scopeKey(b))
  })

  it('tells different scopes apart', () => {
    const keys = [
      {},
      { customer_key: 'a' },
      { user_identifier_key: 'a' },
      { custom_metadata_has: { a: 'true' } },
      { custom_metadata_has: { a: true } },
      { customer_ids: [ID_B] },
    ].map(scopeKey)
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('scopeListBody', () => {
  const scope: EmbedScope = {
    customer_key: 'cust_a',
    customer_ids: [ID_A.toLowerCase(), ID_B],
    custom_metadata_has: { site: 'a' },
  }

  it('adds the scope to a list call', () => {
    expect(scopeListBody({ search: 'x', limit: 5 }, scope)).toEqual({
      ok: true,
      body: {
        search: 'x',
        limit: 5,
        ...listFiltersOf(scope),
      },
    })
  })

  it('keeps filters that narrow the scope', () => {
    expect(
      scopeListBody(
        {
          customer_key: 'cust_a',
          customer_ids: [ID_A],
          custom_metadata_has: { site: 'a', vip: true },
        },
        scope,
      ),
    ).toEqual({
      ok: true,
      body: {
        customer_key: 'cust_a',
        customer_ids: [ID_A.toLowerCase()],
        custom_metadata_has: { site: 'a', vip: true },
      },
    })
  })

  it.each([
    [{ customer_key: 'cust_b' }, 'out_of_scope', 'customer_key'],
    [
      { customer_ids: [ID_A, crypto.randomUUID()] },
      'out_of_scope',
      'customer_ids',
    ],
    [{ customer_ids: ID_A }, 'invalid_input', 'customer_ids'],
    [
      { custom_metadata_has: { site: 'b' } },
      'out_of_scope',
      'custom_metadata_has.site',
    ],
    [
      { custom_metadata_has: { site: true } },
      'out_of_scope',
      'custom_metadata_has.site',
    ],
    [{ custom_metadata_has: 'site' }, 'invalid_input', 'custom_metadata_has'],
  ])('refuses %j as %s naming %s', (body, type, field) => {
    const result = scopeListBody(body, scope)
    expect(result).toMatchObject({ ok: false, type, field })
    if (!result.ok) expect(result.message).toContain(field)
  })

  it('refuses a user_identifier_key other than the scope', () => {
    expect(
      scopeListBody(
        { user_identifier_key: 'u2' },
        { user_identifier_key: 'u1' },
      ),
    ).toMatchObject({ ok: false, field: 'user_identifier_key' })
  })
})

describe('accountShowsScope', () => {
  const account = {
    connected_account_id: ID_A,
    customer_key: 'cust_a',
    custom_metadata: { site: 'a', vip: true },
  }

  it.each([
    [{}, true],
    [{ customer_key: 'cust_a' }, true],
    [{ customer_key: 'cust_b' }, false],
    [{ custom_metadata_has: { site: 'a', vip: true } }, true],
    [{ custom_metadata_has: { vip: 'true' } }, false],
    [{ custom_metadata_has: { toString: 'x' } }, false],
    [{ custom_metadata_has: { region: 'eu' } }, false],
  ])('checks %j: %s', (scope, inside) => {
    expect(accountShowsScope(account, scope)).toBe(inside)
  })

  it('refuses something that is not an account', () => {
    expect(accountShowsScope(null, {})).toBe(false)
    expect(
      accountShowsScope(
        { customer_key: 'x' },
        { custom_metadata_has: { a: 'b' } },
      ),
    ).toBe(false)
  })
})

describe('checkUpdateBody', () => {
  const scope: EmbedScope = {
    customer_key: 'cust_a',
    custom_metadata_has: { site: 'a' },
  }

  it.each([
    [{ display_name: 'New name' }],
    [{ customer_key: 'cust_a' }],
    [{ custom_metadata: { site: 'a', note: 'x' } }],
  ])('lets %j through', (body) => {
    expect(checkUpdateBody(body, scope)).toBeUndefined()
  })

  it.each([
    [{ customer_key: 'cust_b' }, 'out_of_scope', 'customer_key'],
    [
      { custom_metadata: { site: 'b' } },
      'out_of_scope',
      'custom_metadata.site',
    ],
    [
      { custom_metadata: { site: null } },
      'out_of_scope',
      'custom_metadata.site',
    ],
    // custom_metadata replaces the whole object: leaving the key out removes it.
    [
      { custom_metadata: { note: 'x' } },
      'out_of_scope',
      'custom_metadata.site',
    ],
    [{ custom_metadata: 'site=a' }, 'invalid_input', 'custom_metadata'],
  ])('refuses %j as %s naming %s', (body, type, field) => {
    const refusal = checkUpdateBody(body, scope)
    expect(refusal).toMatchObject({ type, field })
    expect(refusal?.message).toContain(field)
  })
})

describe('scopeWebviewBody', () => {
  const scope: EmbedScope = {
    customer_key: 'cust_a',
    custom_metadata_has: { site: 'a' },
  }

  it('forces the customer key and the metadata pairs', () => {
    expect(
      scopeWebviewBody(
        { accepted_providers: ['august'], custom_metadata: { note: 'x' } },
        scope,
      ),
    ).toEqual({
      ok: true,
      body: {
        accepted_providers: ['august'],
        customer_key: 'cust_a',
        custom_metadata: { note: 'x', site: 'a' },
      },
    })
  })

  it.each([
    [{ customer_key: 'cust_b' }, 'customer_key'],
    [{ custom_metadata: { site: 'b' } }, 'custom_metadata.site'],
  ])('refuses %j naming %s', (body, field) => {
    expect(scopeWebviewBody(body, scope)).toMatchObject({
      ok: false,
      type: 'out_of_scope',
      field,
    })
  })
})
