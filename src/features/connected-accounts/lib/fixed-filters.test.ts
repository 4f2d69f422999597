import { describe, expect, it } from 'vitest'

import {
  applyFixedFilters,
  fixedFilterCount,
  type FixedFilters,
  fixedFiltersAsQuery,
  hasFixedFilters,
  isFixedField,
  isFixedMetadataKey,
  normalizeFixedFilters,
  userFilters,
} from './fixed-filters'
import { defaultViewState, toListParams } from './url-state'

const ID_A = '1b4e28ba-2fa1-11d2-883f-0016d3cca427'
const ID_B = '6fa459ea-ee8a-3ca4-894e-db77e160355e'

const userView = {
  ...defaultViewState,
  search: 'gmail',
  customerKey: 'someone_else',
  customerIds: [ID_B],
  userIdentifierKey: 'me@example.com',
  metadata: [
    { key: 'region', value: 'us' },
    { key: 'vip', value: true },
  ],
}

describe('normalizeFixedFilters', () => {
  it('drops blanks, trims, deduplicates IDs and keeps one pair per key', () => {
    expect(
      normalizeFixedFilters({
        customerKey: '  acme ',
        customerIds: [ID_A, ` ${ID_A}`, ''],
        userIdentifierKey: '   ',
        metadata: [
          { key: ' region ', value: 'eu' },
          { key: 'region', value: 'uk' },
          { key: '  ', value: 'x' },
        ],
      }),
    ).toEqual({
      customerKey: 'acme',
      customerIds: [ID_A],
      userIdentifierKey: '',
      metadata: [{ key: 'region', value: 'uk' }],
    })
  })

  it('treats no filters as nothing fixed', () => {
    expect(normalizeFixedFilters(undefined)).toEqual({
      customerKey: '',
      customerIds: [],
      userIdentifierKey: '',
      metadata: [],
    })
    expect(hasFixedFilters(undefined)).toBe(false)
    expect(hasFixedFilters({ customerIds: [], customerKey: '' })).toBe(false)
  })
})

describe('isFixedField', () => {
  const fixed: FixedFilters = {
    customerKey: 'acme',
    metadata: [{ key: 'region', value: 'eu' }],
  }

  it('says which fields the portal sets', () => {
    expect(isFixedField(fixed, 'customerKey')).toBe(true)
    expect(isFixedField(fixed, 'metadata')).toBe(true)
    expect(isFixedField(fixed, 'customerIds')).toBe(false)
    expect(isFixedField(fixed, 'userIdentifierKey')).toBe(false)
    expect(isFixedField(undefined, 'customerKey')).toBe(false)
    expect(isFixedField({ customerKey: ' ' }, 'customerKey')).toBe(false)
  })

  it('knows the fixed metadata keys', () => {
    expect(isFixedMetadataKey(fixed, 'region')).toBe(true)
    expect(isFixedMetadataKey(fixed, ' region ')).toBe(true)
    expect(isFixedMetadataKey(fixed, 'vip')).toBe(false)
    expect(isFixedMetadataKey(undefined, 'region')).toBe(false)
  })

  it('counts each fixed condition', () => {
    expect(fixedFilterCount({ ...fixed, customerIds: [ID_A, ID_B] })).toBe(4)
    expect(fixedFilterCount(undefined)).toBe(0)
  })
})

describe('applyFixedFilters', () => {
  it('returns the same view when nothing is fixed', () => {
    expect(applyFixedFilters(userView, undefined)).toBe(userView)
    expect(applyFixedFilters(userView, {})).toBe(userView)
  })

  it('lets fixed values win over the reader’s own', () => {
    const applied = applyFixedFilters(userView, {
      customerKey: 'acme',
      customerIds: [ID_A],
      userIdentifierKey: 'portal-user',
    })
    expect(applied).toMatchObject({
      search: 'gmail',
      customerKey: 'acme',
      customerIds: [ID_A],
      userIdentifierKey: 'portal-user',
      metadata: userView.metadata,
    })
  })

  it('keeps the reader’s filters on fields that are not fixed', () => {
    const applied = applyFixedFilters(userView, { customerKey: 'acme' })
    expect(applied.customerIds).toEqual([ID_B])
    expect(applied.userIdentifierKey).toBe('me@example.com')
  })

  it('drops the reader’s metadata pairs on a fixed key', () => {
    const applied = applyFixedFilters(userView, {
      metadata: [{ key: 'region', value: 'eu' }],
    })
    expect(applied.metadata).toEqual([
      { key: 'region', value: 'eu' },
      { key: 'vip', value: true },
    ])
  })

  it('puts the fixed filters in the list request', () => {
    const params = toListParams(
      applyFixedFilters(
        { ...defaultViewState, customerKey: 'other' },
        {
          customerKey: 'acme',
          customerIds: [ID_A],
          metadata: [{ key: 'region', value: 'eu' }],
        },
      ),
    )
    expect(params).toEqual({
      customer_key: 'acme',
      customer_ids: [ID_A],
      custom_metadata_has: { region: 'eu' },
      limit: defaultViewState.pageSize,
    })
  })
})

describe('userFilters', () => {
  it('leaves out what the portal sets', () => {
    const own = userFilters(userView, {
      customerKey: 'acme',
      customerIds: [ID_A],
      metadata: [{ key: 'region', value: 'eu' }],
    })
    expect(own).toMatchObject({
      search: 'gmail',
      customerKey: '',
      customerIds: [],
      userIdentifierKey: 'me@example.com',
      metadata: [{ key: 'vip', value: true }],
    })
  })

  it('is the view itself when nothing is fixed', () => {
    expect(userFilters(userView, undefined)).toBe(userView)
  })
})

describe('fixedFiltersAsQuery', () => {
  it('is a query without a search', () => {
    expect(fixedFiltersAsQuery({ customerKey: 'acme' })).toEqual({
      search: '',
      customerKey: 'acme',
      customerIds: [],
      userIdentifierKey: '',
      metadata: [],
    })
  })
})
