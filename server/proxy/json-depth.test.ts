import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { FuzzDashboard } from '../test-support/dashboard'
import { FUZZ_ORIGIN, startFuzzDashboard } from '../test-support/dashboard'
import { fieldNestedTooDeep, MAX_BODY_DEPTH } from './json-depth'

const nestedObject = (depth: number): string =>
  `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
const nestedList = (depth: number): string =>
  `${'['.repeat(depth)}${']'.repeat(depth)}`

describe('fieldNestedTooDeep', () => {
  it('accepts what Seam bodies hold, up to the limit', () => {
    expect(
      fieldNestedTooDeep({
        custom_metadata_has: { region: 'eu' },
        customer_ids: ['a', 'b'],
        limit: 5,
        search: null,
      }),
    ).toBeUndefined()
    expect(
      fieldNestedTooDeep({
        deep: JSON.parse(nestedList(MAX_BODY_DEPTH)) as unknown,
      }),
    ).toBeUndefined()
  })

  it.each([
    ['an object', nestedObject],
    ['a list', nestedList],
  ])(
    'names the field holding %s nested deeper, even 20,000 levels down',
    (_kind, nested) => {
      const body = {
        fine: 'x',
        search: JSON.parse(nested(MAX_BODY_DEPTH + 1)) as unknown,
      }
      expect(fieldNestedTooDeep(body)).toBe('search')
      expect(
        fieldNestedTooDeep({ meta: JSON.parse(nested(20_000)) as unknown }),
      ).toBe('meta')
    },
  )
})

describe('a forwarded body nested thousands of levels deep', () => {
  let d: FuzzDashboard
  beforeEach(() => {
    d = startFuzzDashboard()
  })
  afterEach(() => {
    d.cleanup()
  })

  it.each([
    ['connected_accounts/list', '{"search":%}'],
    [
      'connected_accounts/update',
      '{"connected_account_id":"00000000-0000-4000-8000-000000000000","custom_metadata":%}',
    ],
  ])('is a 400 naming the field on /api/%s, not a 500', async (path, body) => {
    const res = await d.app.request(`${FUZZ_ORIGIN}/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body.replace('%', nestedObject(5_000)),
    })
    expect(res.status).toBe(400)
    const answer = (await res.json()) as { error: { message: string } }
    expect(answer.error.message).toMatch(
      /^Invalid input: (search|custom_metadata) is nested more than 32 levels deep\.$/,
    )
  })
})
