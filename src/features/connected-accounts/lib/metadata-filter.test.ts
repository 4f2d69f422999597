import { describe, expect, it } from 'vitest'

import {
  formatMetadataPair,
  parseMetadataPair,
  toCustomMetadataHas,
  withMetadataPair,
} from './metadata-filter'

describe('parseMetadataPair', () => {
  it('reads key=value as a string condition', () => {
    expect(parseMetadataPair('region=us-east')).toEqual({
      ok: true,
      pair: { key: 'region', value: 'us-east' },
    })
  })

  it('turns true and false into booleans', () => {
    expect(parseMetadataPair('is_vip=true')).toEqual({
      ok: true,
      pair: { key: 'is_vip', value: true },
    })
    expect(parseMetadataPair('onboarding_complete=false')).toEqual({
      ok: true,
      pair: { key: 'onboarding_complete', value: false },
    })
  })

  it('keeps other spellings of true as strings', () => {
    expect(parseMetadataPair('flag=True')).toEqual({
      ok: true,
      pair: { key: 'flag', value: 'True' },
    })
    expect(parseMetadataPair('flag=truthy')).toEqual({
      ok: true,
      pair: { key: 'flag', value: 'truthy' },
    })
  })

  it('ignores spaces around the key and the value', () => {
    expect(parseMetadataPair('  pms =  guesty ')).toEqual({
      ok: true,
      pair: { key: 'pms', value: 'guesty' },
    })
    expect(parseMetadataPair('is_vip = true')).toEqual({
      ok: true,
      pair: { key: 'is_vip', value: true },
    })
  })

  it('splits at the first = only', () => {
    expect(parseMetadataPair('query=a=b&c=d')).toEqual({
      ok: true,
      pair: { key: 'query', value: 'a=b&c=d' },
    })
  })

  it('accepts an empty value as the empty string', () => {
    expect(parseMetadataPair('note=')).toEqual({
      ok: true,
      pair: { key: 'note', value: '' },
    })
  })

  it('rejects input without =', () => {
    expect(parseMetadataPair('region')).toEqual({
      ok: false,
      error: 'Write the condition as key=value.',
    })
    expect(parseMetadataPair('')).toMatchObject({ ok: false })
  })

  it('rejects an empty key', () => {
    expect(parseMetadataPair('=us-east')).toEqual({
      ok: false,
      error: 'The key before = is empty.',
    })
    expect(parseMetadataPair('   = x')).toMatchObject({ ok: false })
  })

  it("rejects keys and values over Seam's limits", () => {
    expect(parseMetadataPair(`${'k'.repeat(40)}=v`)).toMatchObject({
      ok: true,
    })
    expect(parseMetadataPair(`${'k'.repeat(41)}=v`)).toEqual({
      ok: false,
      error: 'Keys are at most 40 characters.',
    })
    expect(parseMetadataPair(`k=${'v'.repeat(500)}`)).toMatchObject({
      ok: true,
    })
    expect(parseMetadataPair(`k=${'v'.repeat(501)}`)).toEqual({
      ok: false,
      error: 'Values are at most 500 characters.',
    })
  })

  it('keeps hostile text as plain data', () => {
    expect(parseMetadataPair('notes=<b>bold</b> & "x"')).toEqual({
      ok: true,
      pair: { key: 'notes', value: '<b>bold</b> & "x"' },
    })
  })
})

describe('formatMetadataPair', () => {
  it('round-trips through the parser', () => {
    for (const input of ['region=us-east', 'is_vip=true', 'a=b=c', 'x=']) {
      const parsed = parseMetadataPair(input)
      if (!parsed.ok) throw new Error(parsed.error)
      expect(formatMetadataPair(parsed.pair)).toBe(input)
    }
  })
})

describe('withMetadataPair', () => {
  it('adds a new key at the end and replaces an existing one in place', () => {
    const pairs = [
      { key: 'a', value: '1' },
      { key: 'b', value: true },
    ]
    expect(withMetadataPair(pairs, { key: 'c', value: '3' })).toEqual([
      ...pairs,
      { key: 'c', value: '3' },
    ])
    expect(withMetadataPair(pairs, { key: 'a', value: false })).toEqual([
      { key: 'a', value: false },
      { key: 'b', value: true },
    ])
  })
})

describe('toCustomMetadataHas', () => {
  it('builds the API object with booleans intact', () => {
    expect(
      toCustomMetadataHas([
        { key: 'region', value: 'us-east' },
        { key: 'is_vip', value: true },
      ]),
    ).toEqual({ region: 'us-east', is_vip: true })
  })

  it('keeps a __proto__ key as data', () => {
    const result = toCustomMetadataHas([{ key: '__proto__', value: 'x' }])
    expect(Object.keys(result)).toEqual(['__proto__'])
    expect(JSON.stringify(result)).toBe('{"__proto__":"x"}')
  })
})
