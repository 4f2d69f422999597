import { describe, expect, it } from 'vitest'

import {
  type AccountsViewState,
  defaultViewState,
  hasFilters,
  parseViewState,
  serializeViewState,
  toListParams,
  withoutFilters,
  withQuery,
} from './url-state'

const customerA = '0b6c2a8e-54b4-4d4c-9d7e-1b2f3c4d5e6f'
const customerB = 'F0E1D2C3-B4A5-4968-8776-655443322110'

const parse = (query: string) => parseViewState(new URLSearchParams(query))
const roundTrip = (state: AccountsViewState) =>
  parseViewState(new URLSearchParams(serializeViewState(state).toString()))

const fullState: AccountsViewState = {
  search: 'mei.garcia29@gmail.com',
  customerKey: 'cust_harbor_lofts',
  customerIds: [customerA, customerB],
  userIdentifierKey: 'user 42/&?',
  metadata: [
    { key: 'region', value: 'us-east' },
    { key: 'is_vip', value: true },
    { key: 'onboarding_complete', value: false },
    { key: 'query', value: 'a=b&c=d, e' },
  ],
  pageSize: 100,
  page: 3,
  cursor: 'WyIyMDI1LTAz.PZtyvlBWVIG1HsEE3sXE8T',
  sort: { id: 'created_at', desc: true },
  hiddenColumns: ['customer_key', 'custom_metadata'],
}

describe('serializeViewState', () => {
  it('writes nothing for the default view', () => {
    expect(serializeViewState(defaultViewState).toString()).toBe('')
  })

  it('omits each value that equals its default', () => {
    const params = serializeViewState({
      ...defaultViewState,
      search: 'gmail',
    })
    expect([...params.keys()]).toEqual(['q'])
    expect(
      serializeViewState({ ...defaultViewState, pageSize: 25 }).toString(),
    ).toBe('')
  })

  it('writes a full view in a stable order', () => {
    expect([...serializeViewState(fullState).keys()]).toEqual([
      'q',
      'customer_key',
      'customer_ids',
      'user_identifier_key',
      'meta',
      'meta',
      'meta',
      'meta',
      'size',
      'page',
      'cursor',
      'sort',
      'hide',
    ])
  })

  it('writes ascending sort bare and descending with a minus', () => {
    expect(
      serializeViewState({
        ...defaultViewState,
        sort: { id: 'display_name', desc: false },
      }).get('sort'),
    ).toBe('display_name')
    expect(
      serializeViewState({
        ...defaultViewState,
        sort: { id: 'display_name', desc: true },
      }).get('sort'),
    ).toBe('-display_name')
  })

  it('writes an explicit empty column choice, unlike no choice', () => {
    expect(
      serializeViewState({ ...defaultViewState, hiddenColumns: [] }).toString(),
    ).toBe('hide=')
  })

  it('never writes a page number without its cursor', () => {
    expect(
      serializeViewState({
        ...defaultViewState,
        page: 4,
        cursor: null,
      }).toString(),
    ).toBe('')
  })
})

describe('parseViewState', () => {
  it('reads an empty query string as the default view', () => {
    expect(parse('')).toEqual(defaultViewState)
  })

  it('round-trips a full view', () => {
    expect(roundTrip(fullState)).toEqual(fullState)
  })

  it('round-trips each single setting', () => {
    const variants: Partial<AccountsViewState>[] = [
      { search: '+15559972785' },
      { search: '<script>alert(1)</script> & ‮rtl' },
      { customerKey: 'cust_a' },
      { customerIds: [customerA] },
      { userIdentifierKey: 'uik' },
      { metadata: [{ key: 'notes', value: '<b>bold</b> & "x"' }] },
      { pageSize: 50 },
      { page: 2, cursor: 'abc' },
      { sort: { id: 'status', desc: false } },
      { hiddenColumns: [] },
      { hiddenColumns: ['provider'] },
    ]
    for (const variant of variants) {
      const state = { ...defaultViewState, ...variant }
      expect(roundTrip(state)).toEqual(state)
    }
  })

  it('ignores a page size other than 25, 50 or 100', () => {
    for (const size of ['10', '200', 'abc', '', '50.5', '-25']) {
      expect(parse(`size=${size}`).pageSize).toBe(25)
    }
    expect(parse('size=100').pageSize).toBe(100)
  })

  it('ignores a page number that is not a positive integer', () => {
    for (const page of ['0', '-2', 'two', '1.5', '1e3', '']) {
      expect(parse(`page=${page}&cursor=abc`)).toMatchObject({
        page: 1,
        cursor: null,
      })
    }
  })

  it('ignores a page number without a cursor, and a cursor without a page', () => {
    expect(parse('page=3')).toMatchObject({ page: 1, cursor: null })
    expect(parse('cursor=abc')).toMatchObject({ page: 1, cursor: null })
    expect(parse('page=1&cursor=abc')).toMatchObject({ page: 1, cursor: null })
    expect(parse('page=3&cursor=abc')).toMatchObject({
      page: 3,
      cursor: 'abc',
    })
  })

  it('ignores unknown or unsortable sort columns', () => {
    expect(parse('sort=nope').sort).toBeNull()
    expect(parse('sort=-').sort).toBeNull()
    expect(parse('sort=custom_metadata').sort).toBeNull()
    expect(parse('sort=--created_at').sort).toBeNull()
    expect(parse('sort=-created_at').sort).toEqual({
      id: 'created_at',
      desc: true,
    })
  })

  it('keeps only known, hideable columns', () => {
    expect(
      parse('hide=provider,nope,display_name,status').hiddenColumns,
    ).toEqual(['provider', 'status'])
    expect(parse('hide=').hiddenColumns).toEqual([])
  })

  it('drops customer ids that are not UUIDs, and duplicates', () => {
    expect(
      parse(`customer_ids=${customerA},nope,${customerA}, ${customerB}`)
        .customerIds,
    ).toEqual([customerA, customerB])
  })

  it('drops malformed metadata conditions and keeps the last of a key', () => {
    expect(
      parse('meta=region&meta==x&meta=pms%3Dguesty&meta=pms%3Dhostaway')
        .metadata,
    ).toEqual([{ key: 'pms', value: 'hostaway' }])
  })

  it('trims search and text filters', () => {
    expect(parse('q=%20%20gmail%20&customer_key=%20c%20')).toMatchObject({
      search: 'gmail',
      customerKey: 'c',
    })
  })

  it('ignores parameters it does not know', () => {
    expect(parse('utm_source=mail&foo=bar')).toEqual(defaultViewState)
  })
})

describe('withQuery and withoutFilters', () => {
  it('go back to the first page and keep page size, sort and columns', () => {
    const next = withQuery(fullState, { search: 'other' })
    expect(next).toMatchObject({
      search: 'other',
      customerKey: fullState.customerKey,
      page: 1,
      cursor: null,
      pageSize: 100,
      sort: fullState.sort,
      hiddenColumns: fullState.hiddenColumns,
    })
    const cleared = withoutFilters(fullState)
    expect(hasFilters(cleared)).toBe(false)
    expect(cleared).toMatchObject({ page: 1, cursor: null, pageSize: 100 })
    expect(hasFilters(fullState)).toBe(true)
  })
})

describe('toListParams', () => {
  it('sends only the limit for the default view', () => {
    expect(toListParams(defaultViewState)).toEqual({ limit: 25 })
  })

  it('maps every filter to its API parameter', () => {
    expect(toListParams(fullState)).toEqual({
      search: 'mei.garcia29@gmail.com',
      customer_key: 'cust_harbor_lofts',
      customer_ids: [customerA, customerB],
      user_identifier_key: 'user 42/&?',
      custom_metadata_has: {
        region: 'us-east',
        is_vip: true,
        onboarding_complete: false,
        query: 'a=b&c=d, e',
      },
      limit: 100,
      page_cursor: fullState.cursor,
    })
  })
})
