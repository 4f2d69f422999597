import { describe, expect, it } from 'vitest'

import {
  characterCount,
  FORM_ERROR,
  metadataFromRows,
  type MetadataRow,
  metadataServerErrors,
  rowsFromMetadata,
  validateDisplayName,
  validateMetadataRows,
} from './account-form-schema'

let id = 0
const row = (patch: Partial<MetadataRow> = {}): MetadataRow => ({
  id: `r${++id}`,
  key: `key_${id}`,
  type: 'string',
  text: 'value',
  flag: false,
  ...patch,
})

describe('metadata form validation', () => {
  it('accepts 50 pairs and refuses 51', () => {
    const fifty = Array.from({ length: 50 }, () => row())
    expect(validateMetadataRows(fifty)).toEqual({})
    expect(validateMetadataRows([...fifty, row()])[FORM_ERROR]).toMatch(
      /at most 50 pairs/,
    )
  })

  it('accepts keys of 1 and 40 characters, refuses empty and 41', () => {
    const one = row({ key: 'k' })
    const forty = row({ key: 'k'.repeat(40) })
    expect(validateMetadataRows([one, forty])).toEqual({})
    const empty = row({ key: '' })
    const long = row({ key: 'k'.repeat(41) })
    const errors = validateMetadataRows([empty, long])
    expect(errors[`${empty.id}.key`]).toBe('Enter a key')
    expect(errors[`${long.id}.key`]).toMatch(/at most 40 characters.*41/)
  })

  it('counts code points, not UTF-16 units', () => {
    const emoji = '🔑'.repeat(40)
    expect(emoji.length).toBe(80)
    expect(characterCount(emoji)).toBe(40)
    expect(validateMetadataRows([row({ key: emoji })])).toEqual({})
    const tooLong = row({ key: `${emoji}x` })
    expect(validateMetadataRows([tooLong])[`${tooLong.id}.key`]).toBeDefined()
  })

  it('refuses a key used twice, on the second row', () => {
    const first = row({ key: 'same' })
    const second = row({ key: 'same' })
    const errors = validateMetadataRows([first, second])
    expect(errors[`${first.id}.key`]).toBeUndefined()
    expect(errors[`${second.id}.key`]).toMatch(/already uses this key/)
  })

  it('refuses __proto__ as a key, as the server does', () => {
    const proto = row({ key: '__proto__' })
    expect(validateMetadataRows([proto])[`${proto.id}.key`]).toBeDefined()
  })

  it('accepts text values of 500 characters and refuses 501', () => {
    expect(validateMetadataRows([row({ text: 'v'.repeat(500) })])).toEqual({})
    const long = row({ text: 'é'.repeat(501) })
    expect(validateMetadataRows([long])[`${long.id}.text`]).toMatch(
      /at most 500 characters.*501/,
    )
    expect(validateMetadataRows([row({ text: '' })])).toEqual({})
  })

  it('ignores the hidden text of a boolean pair', () => {
    const flag = row({ type: 'boolean', text: 'v'.repeat(600), flag: true })
    expect(validateMetadataRows([flag])).toEqual({})
    expect(metadataFromRows([flag])).toEqual({ [flag.key]: true })
  })

  it('round-trips metadata, booleans included', () => {
    const metadata = { a: 'x', b: true, c: false, d: '' }
    expect(metadataFromRows(rowsFromMetadata(metadata))).toEqual(metadata)
  })

  it('builds __proto__ as an own key, never the prototype', () => {
    const built = metadataFromRows([row({ key: '__proto__', text: 'x' })])
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype)
    expect(JSON.stringify(built)).toBe('{"__proto__":"x"}')
  })
})

describe('server errors on the metadata form', () => {
  it('puts a key-specific error on its row and the rest on the form', () => {
    const a = row({ key: 'notes' })
    const errors = metadataServerErrors(
      {
        'custom_metadata.notes': ['custom_metadata values must be at most 500'],
        custom_metadata: ['custom_metadata may have at most 50 keys'],
      },
      [a],
    )
    expect(errors[`${a.id}.text`]).toMatch(/values must be/)
    expect(errors[FORM_ERROR]).toMatch(/at most 50 keys/)
  })
})

describe('display name validation', () => {
  it('accepts 1 and 255 characters, refuses empty, blank and 256', () => {
    expect(validateDisplayName('a')).toBeNull()
    expect(validateDisplayName('a'.repeat(255))).toBeNull()
    expect(validateDisplayName('')).toBe('Enter a display name')
    expect(validateDisplayName('   ')).toMatch(/visible characters/)
    expect(validateDisplayName('\u200b\u200b')).toMatch(/visible characters/)
    expect(validateDisplayName('a'.repeat(256))).toMatch(/at most 255/)
    expect(validateDisplayName('😀'.repeat(255))).toBeNull()
  })
})
