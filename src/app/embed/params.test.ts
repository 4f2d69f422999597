import { describe, expect, it } from 'vitest'

import { parseEmbedParams, routeForPortal } from './params'

const parse = (query: string) => {
  const warnings: string[] = []
  const params = parseEmbedParams(new URLSearchParams(query), (message) => {
    warnings.push(message)
  })
  return { params, warnings }
}

const ID_A = '5d2f4c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f'
const ID_B = '0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c'

describe('parseEmbedParams', () => {
  it('reads nothing from an empty query', () => {
    expect(parse('')).toEqual({
      params: { theme: null, accent: null, scope: {}, role: null },
      warnings: [],
    })
  })

  it('reads the theme and the accent', () => {
    expect(parse('theme=dark&accent=0a7').params).toMatchObject({
      theme: 'dark',
      accent: '#00aa77',
    })
    expect(parse('theme=system&accent=%23FFCC00').params).toMatchObject({
      theme: 'system',
      accent: '#ffcc00',
    })
  })

  it('ignores an invalid theme or accent with a warning naming it', () => {
    const { params, warnings } = parse('theme=blue&accent=red')
    expect(params.theme).toBeNull()
    expect(params.accent).toBeNull()
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toContain('"theme"')
    expect(warnings[1]).toContain('"accent"')
  })

  it('reads the tokenless scope and role', () => {
    const metadata = encodeURIComponent(
      JSON.stringify({ site: 'north', vip: true }),
    )
    const { params, warnings } = parse(
      `customer_key=acme&customer_ids=${ID_A},%20${ID_B},${ID_A}&user_identifier_key=jane%40acme.com&custom_metadata_has=${metadata}&role=operator`,
    )
    expect(warnings).toEqual([])
    expect(params.role).toBe('operator')
    expect(params.scope).toEqual({
      customer_key: 'acme',
      customer_ids: [ID_A, ID_B],
      user_identifier_key: 'jane@acme.com',
      custom_metadata_has: { site: 'north', vip: true },
    })
  })

  it('drops each invalid scope value on its own, with a warning naming it', () => {
    const cases: [string, string][] = [
      ['customer_key=', 'customer_key'],
      [`customer_key=${'k'.repeat(300)}`, 'customer_key'],
      ['customer_ids=not-a-uuid', 'customer_ids'],
      ['customer_ids=,', 'customer_ids'],
      ['user_identifier_key=%20', 'user_identifier_key'],
      ['custom_metadata_has={bad json', 'custom_metadata_has'],
      ['custom_metadata_has=[1]', 'custom_metadata_has'],
      ['custom_metadata_has=%7B%22n%22%3A1%7D', 'custom_metadata_has'],
      ['custom_metadata_has=%7B%7D', 'custom_metadata_has'],
      ['role=owner', 'role'],
    ]
    for (const [query, name] of cases) {
      const { params, warnings } = parse(`${query}&user_identifier_key=kept`)
      expect(warnings, query).toHaveLength(1)
      expect(warnings[0], query).toContain(`"${name}"`)
      expect(params.scope, query).toEqual(
        name === 'user_identifier_key' ? {} : { user_identifier_key: 'kept' },
      )
      expect(params.role, query).toBeNull()
    }
  })
})

describe('routeForPortal', () => {
  it('keeps the page and its filters, not the look or the role', () => {
    expect(
      routeForPortal(
        '/embed/triage',
        '?theme=dark&accent=7c3aed&role=viewer&customer=cust_a&q=x',
      ),
    ).toBe('/embed/triage?customer=cust_a&q=x')
    expect(routeForPortal('/embed/accounts', '?theme=light')).toBe(
      '/embed/accounts',
    )
    expect(routeForPortal('/embed/accounts/abc', '')).toBe(
      '/embed/accounts/abc',
    )
  })
})
