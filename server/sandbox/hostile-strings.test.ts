import { describe, expect, it } from 'vitest'

import {
  HOSTILE_FIELDS,
  HOSTILE_STRINGS,
  type HostileKind,
  hostileValue,
  XSS_MARKER,
} from './hostile-strings'

const texts = HOSTILE_STRINGS.map((item) => item.text)
const ofKind = (kind: HostileKind) =>
  HOSTILE_STRINGS.filter((item) => item.kind === kind).map((item) => item.text)

describe('HOSTILE_STRINGS', () => {
  it('holds at least 50 distinct payloads', () => {
    expect(texts.length).toBeGreaterThanOrEqual(50)
    expect(new Set(texts).size).toBe(texts.length)
  })

  it('covers every kind of attack and breakage', () => {
    const kinds: HostileKind[] = [
      'script',
      'event-handler',
      'javascript-url',
      'svg',
      'iframe',
      'attribute-breakout',
      'template',
      'css',
      'bidi',
      'zero-width',
      'long',
      'csv-formula',
      'sql',
      'json',
      'emoji',
    ]
    for (const kind of kinds) expect(ofKind(kind), kind).not.toEqual([])
  })

  it('includes the classics verbatim', () => {
    const has = (pattern: RegExp) => texts.some((text) => pattern.test(text))
    expect(has(/^<script>/)).toBe(true)
    expect(has(/<img src=x onerror=/)).toBe(true)
    expect(has(/<svg onload=/)).toBe(true)
    expect(has(/^javascript:/)).toBe(true)
    expect(has(/\{\{constructor\.constructor\(/)).toBe(true)
    expect(has(/\$\{window/)).toBe(true)
    expect(has(/<iframe srcdoc=/)).toBe(true)
    expect(has(/^"></)).toBe(true)
    expect(has(/^=cmd\|/)).toBe(true)
    expect(has(/' OR 1=1 --/)).toBe(true)
    expect(has(/\u202e/)).toBe(true)
    expect(has(/\u200d/)).toBe(true)
    expect(has(/\\/)).toBe(true)
    expect(
      has(/\p{Extended_Pictographic}\u200d\p{Extended_Pictographic}/u),
    ).toBe(true)
  })

  it('has a 5,000-character string without a space', () => {
    const long = ofKind('long').filter((text) => text.length === 5_000)
    expect(long).toHaveLength(1)
    expect(long[0]).not.toMatch(/\s/)
  })

  it('makes every payload that would run leave a mark a browser can see', () => {
    const runnable = HOSTILE_STRINGS.filter((item) =>
      ['script', 'event-handler', 'svg', 'iframe'].includes(item.kind),
    )
    for (const { text } of runnable) {
      expect(text.includes(XSS_MARKER) || /alert\(/.test(text), text).toBe(true)
    }
  })
})

describe('hostileValue', () => {
  it('keeps a payload whole in a field without a limit', () => {
    for (const text of texts)
      expect(hostileValue(text, 'error_message')).toBe(text)
  })

  it("cuts a payload to the field's limit, counting characters as Seam does", () => {
    for (const [field, max] of Object.entries(HOSTILE_FIELDS)) {
      if (max === null) continue
      for (const text of texts) {
        const value = hostileValue(text, field as keyof typeof HOSTILE_FIELDS)
        const length = Array.from(value).length
        expect(length).toBe(Math.min(max, Array.from(text).length))
        expect(text.startsWith(value)).toBe(true)
      }
    }
  })

  it('never splits a character made of two UTF-16 units', () => {
    const value = hostileValue('🔑'.repeat(50), 'metadata_key')
    expect(Array.from(value)).toEqual(Array<string>(40).fill('🔑'))
  })
})
