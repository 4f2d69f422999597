import { describe, expect, it } from 'vitest'

import type { TriageAccount } from './types'
import {
  customerOptions,
  filterQueue,
  hasTriageFilters,
  parseTriageView,
  providerOptions,
  serializeTriageView,
  type TriageView,
} from './view-state'

const account = (
  id: string,
  overrides: Partial<TriageAccount> = {},
): TriageAccount => ({
  connected_account_id: id,
  display_name: `Account ${id}`,
  account_type: 'august',
  account_type_display_name: 'August',
  customer_key: null,
  custom_metadata: {},
  errors: [],
  warnings: [],
  severity: 'warning',
  since: null,
  ...overrides,
})

const queue = [
  account('a1', {
    customer_key: 'cust_b',
    errors: [
      { error_code: 'account_disconnected', message: '', created_at: '' },
    ],
    severity: 'error',
  }),
  account('a2', {
    account_type: 'salto_ks',
    account_type_display_name: 'Salto KS',
    customer_key: 'cust_a',
    custom_metadata: { property_id: 'prop_42', vip: true },
    warnings: [{ warning_code: 'future_code', message: '', created_at: '' }],
  }),
  account('a3', { display_name: 'Lobby' }),
]

const empty: TriageView = { code: null, customer: null, provider: null, q: '' }

describe('URL state', () => {
  it('parses what is set and ignores blanks', () => {
    expect(
      parseTriageView(
        new URLSearchParams('code=x&customer=&provider=%20&q=hi'),
      ),
    ).toEqual({ code: 'x', customer: null, provider: null, q: 'hi' })
    expect(parseTriageView(new URLSearchParams())).toEqual(empty)
  })

  it('round-trips and writes only what is set', () => {
    const view = { code: 'c', customer: 'k', provider: 'p', q: 'q w' }
    const params = serializeTriageView(view)
    expect(params.toString()).toBe('code=c&customer=k&provider=p&q=q+w')
    expect(parseTriageView(params)).toEqual(view)
    expect(serializeTriageView(empty).toString()).toBe('')
  })

  it('knows when anything narrows the queue', () => {
    expect(hasTriageFilters(empty)).toBe(false)
    expect(hasTriageFilters({ ...empty, q: '  ' })).toBe(false)
    expect(hasTriageFilters({ ...empty, provider: 'august' })).toBe(true)
  })
})

describe('filterQueue', () => {
  const ids = (view: Partial<TriageView>) =>
    filterQueue(queue, { ...empty, ...view }).map((a) => a.connected_account_id)

  it('keeps the server order when nothing is set', () => {
    expect(ids({})).toEqual(['a1', 'a2', 'a3'])
  })

  it('filters by error or warning code, unknown ones too', () => {
    expect(ids({ code: 'account_disconnected' })).toEqual(['a1'])
    expect(ids({ code: 'future_code' })).toEqual(['a2'])
  })

  it('filters by customer and provider', () => {
    expect(ids({ customer: 'cust_a' })).toEqual(['a2'])
    expect(ids({ provider: 'august' })).toEqual(['a1', 'a3'])
    expect(ids({ provider: 'august', customer: 'cust_a' })).toEqual([])
  })

  it('searches name, id, customer key and metadata values, any case', () => {
    expect(ids({ q: 'lob' })).toEqual(['a3'])
    expect(ids({ q: 'A2' })).toEqual(['a2'])
    expect(ids({ q: 'CUST_B' })).toEqual(['a1'])
    expect(ids({ q: 'prop_42' })).toEqual(['a2'])
    expect(ids({ q: 'true' })).toEqual(['a2'])
    expect(ids({ q: '  ' })).toEqual(['a1', 'a2', 'a3'])
  })
})

describe('options', () => {
  it('lists each customer and provider once, sorted by label', () => {
    expect(customerOptions(queue)).toEqual([
      { value: 'cust_a', label: 'cust_a' },
      { value: 'cust_b', label: 'cust_b' },
    ])
    expect(providerOptions(queue)).toEqual([
      { value: 'august', label: 'August' },
      { value: 'salto_ks', label: 'Salto KS' },
    ])
  })
})
