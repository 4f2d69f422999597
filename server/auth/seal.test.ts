import { describe, expect, it } from 'vitest'

import { createSealer } from './seal'

const SECRET = 'seal-secret-0123456789abcdefghijklmn'

describe('createSealer', () => {
  it('opens what it sealed, with a fresh IV each time', () => {
    const sealer = createSealer(SECRET, 'session-cookie')
    const a = sealer.seal('session-id')
    const b = sealer.seal('session-id')
    expect(a).toMatch(/^v1\.[\w-]+$/)
    expect(a).not.toBe(b)
    expect(sealer.open(a)).toBe('session-id')
    expect(sealer.open(b)).toBe('session-id')
    expect(a).not.toContain('session-id')
  })

  it('refuses a value changed anywhere', () => {
    const sealer = createSealer(SECRET, 'session-cookie')
    const sealed = sealer.seal('session-id')
    for (let i = 3; i < sealed.length; i++) {
      const flipped = sealed[i] === 'A' ? 'B' : 'A'
      const changed = `${sealed.slice(0, i)}${flipped}${sealed.slice(i + 1)}`
      expect(sealer.open(changed), `byte ${i}`).toBeUndefined()
    }
    expect(sealer.open(sealed.slice(0, -2))).toBeUndefined()
    expect(sealer.open(`${sealed}.x`)).toBeUndefined()
    expect(sealer.open(`v2${sealed.slice(2)}`)).toBeUndefined()
    expect(sealer.open('')).toBeUndefined()
    expect(sealer.open('v1.')).toBeUndefined()
    expect(sealer.open('v1.!!!')).toBeUndefined()
    expect(sealer.open(`v1.${'A'.repeat(5000)}`)).toBeUndefined()
  })

  it('refuses a last character that differs only in its unused bits', () => {
    const sealer = createSealer(SECRET, 'session-cookie')
    // 'session-id' seals to 38 bytes, 51 characters: the last one's two
    // low bits are unused.
    const sealed = sealer.seal('session-id')
    const last = sealed.at(-1) ?? ''
    const alphabet =
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const index = alphabet.indexOf(last)
    const sameBits = alphabet[index ^ 1] ?? ''
    const changed = `${sealed.slice(0, -1)}${sameBits}`
    expect(changed).not.toBe(sealed)
    expect(sealer.open(changed)).toBeUndefined()
    expect(sealer.open(sealed)).toBe('session-id')
  })

  it('keeps values apart by secret and by purpose', () => {
    const sealed = createSealer(SECRET, 'session-cookie').seal('session-id')
    expect(
      createSealer(`${SECRET}x`, 'session-cookie').open(sealed),
    ).toBeUndefined()
    expect(
      createSealer(SECRET, 'login-state-cookie').open(sealed),
    ).toBeUndefined()
  })
})
