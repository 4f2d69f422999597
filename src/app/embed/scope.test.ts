import { describe, expect, it } from 'vitest'

import {
  defaultViewState,
  parseViewState,
  serializeViewState,
} from '../../features/connected-accounts/lib/url-state'
import { withoutFixedFields } from './fixed-scope'
import { fixedFiltersFromScope, withPortalFilters } from './scope'

const ID_A = '5d2f4c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f'
const ID_B = '0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c'

describe('fixedFiltersFromScope', () => {
  it('turns the session scope into locked filters', () => {
    expect(
      fixedFiltersFromScope({
        customer_key: 'acme',
        customer_ids: [ID_A],
        user_identifier_key: 'jane@acme.com',
        custom_metadata_has: { site: 'north', vip: true },
      }),
    ).toEqual({
      customerKey: 'acme',
      customerIds: [ID_A],
      userIdentifierKey: 'jane@acme.com',
      metadata: [
        { key: 'site', value: 'north' },
        { key: 'vip', value: true },
      ],
    })
  })

  it('leaves out what the scope does not fix', () => {
    expect(fixedFiltersFromScope({})).toEqual({})
    expect(fixedFiltersFromScope({ customer_ids: [] })).toEqual({})
  })
})

describe('withoutFixedFields', () => {
  const view = (query: string) => parseViewState(new URLSearchParams(query))

  it('returns the same view when the address respects the scope', () => {
    const current = view('q=lock&meta=floor=2&size=50')
    expect(
      withoutFixedFields(current, {
        customerKey: 'acme',
        metadata: [{ key: 'site', value: 'north' }],
      }),
    ).toBe(current)
  })

  it('drops another customer and conditions on fixed keys, back to page 1', () => {
    const current = view(
      `q=lock&customer_key=other&customer_ids=${ID_B}&meta=site=south&meta=floor=2&page=3&cursor=abc&size=50`,
    )
    const scoped = withoutFixedFields(current, {
      customerKey: 'acme',
      customerIds: [ID_A],
      metadata: [{ key: 'site', value: 'north' }],
    })
    expect(serializeViewState(scoped).toString()).toBe(
      'q=lock&meta=floor%3D2&size=50',
    )
  })

  it('leaves fields the scope does not fix alone', () => {
    const current = view('customer_key=other&user_identifier_key=bob')
    expect(withoutFixedFields(current, { userIdentifierKey: 'jane' })).toEqual({
      ...current,
      userIdentifierKey: '',
    })
  })
})

describe('withPortalFilters', () => {
  it('replaces the filters the portal names, keeps the rest, starts at page 1', () => {
    const current = parseViewState(
      new URLSearchParams(
        'q=old&user_identifier_key=bob&page=2&cursor=c&sort=display_name',
      ),
    )
    const next = withPortalFilters(
      current,
      { search: 'gmail', custom_metadata_has: { site: 'north' } },
      {},
    )
    expect(serializeViewState(next).toString()).toBe(
      'q=gmail&user_identifier_key=bob&meta=site%3Dnorth&sort=display_name',
    )
  })

  it('lets the fixed scope win', () => {
    const next = withPortalFilters(
      defaultViewState,
      {
        customer_key: 'other',
        customer_ids: [ID_B, 'not-an-id'],
        custom_metadata_has: { site: 'south', floor: '2' },
      },
      { customerKey: 'acme', metadata: [{ key: 'site', value: 'north' }] },
    )
    expect(next.customerKey).toBe('')
    expect(next.customerIds).toEqual([ID_B])
    expect(next.metadata).toEqual([{ key: 'floor', value: '2' }])
  })
})
