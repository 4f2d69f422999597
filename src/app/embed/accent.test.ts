import { describe, expect, it } from 'vitest'

import {
  accentProperties,
  contrastRatio,
  parseAccent,
  readableForeground,
  relativeLuminance,
} from './accent'

describe('parseAccent', () => {
  it('accepts rgb and rrggbb, with or without #, in any case', () => {
    expect(parseAccent('0a7')).toBe('#00aa77')
    expect(parseAccent('#0A7')).toBe('#00aa77')
    expect(parseAccent('3a5ef2')).toBe('#3a5ef2')
    expect(parseAccent('#3A5EF2')).toBe('#3a5ef2')
    expect(parseAccent(' #fff ')).toBe('#ffffff')
  })

  it('refuses anything else', () => {
    for (const value of [
      '',
      '#',
      'ff',
      'ffff',
      '#12345',
      '#1234567',
      'red',
      'ggg',
      'rgb(0,0,0)',
      '##fff',
      'url(x)',
    ]) {
      expect(parseAccent(value), value).toBeNull()
    }
  })
})

describe('contrast', () => {
  it('follows WCAG 2 relative luminance', () => {
    expect(relativeLuminance('#000000')).toBe(0)
    expect(relativeLuminance('#ffffff')).toBe(1)
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 3)
    expect(contrastRatio('#000000', '#ffffff')).toBe(21)
    expect(contrastRatio('#ffffff', '#000000')).toBe(21)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
    expect(contrastRatio('#3a5ef2', '#3a5ef2')).toBe(1)
  })

  it('puts white on dark accents and black on light ones', () => {
    expect(readableForeground('#2a44e3')).toBe('#ffffff')
    expect(readableForeground('#000000')).toBe('#ffffff')
    expect(readableForeground('#7c3aed')).toBe('#ffffff')
    expect(readableForeground('#ffcc00')).toBe('#000000')
    expect(readableForeground('#ffffff')).toBe('#000000')
    expect(readableForeground('#22c55e')).toBe('#000000')
  })

  it('always picks the foreground with at least 4.5:1 available', () => {
    for (const accent of ['#767676', '#777777', '#0a7', '#f43f5e', '#00f']) {
      const hex = parseAccent(accent) ?? ''
      const fg = readableForeground(hex)
      expect(contrastRatio(hex, fg)).toBeGreaterThanOrEqual(4.5)
    }
  })
})

describe('accentProperties', () => {
  const page = '#ffffff'
  const darkPage = '#18181b'

  it('makes the primary button the accent with a readable text colour', () => {
    const yellow = accentProperties('#ffcc00')
    expect(yellow['--accent']).toBe('#ffcc00')
    expect(yellow['--accent-fg']).toBe('#000000')
    expect(yellow['--accent-600']).toBe('#ffcc00')
    expect(yellow['--accent-500']).toBe('#ffcc00')
    const navy = accentProperties('#1e3a8a')
    expect(navy['--accent-fg']).toBe('#ffffff')
  })

  it('keeps the hover colour readable with the same text colour', () => {
    for (const accent of ['#ffcc00', '#1e3a8a', '#0a7', '#e11d48']) {
      const hex = parseAccent(accent) ?? ''
      const properties = accentProperties(hex)
      const hover = properties['--accent-hover'] ?? ''
      const fg = properties['--accent-fg'] ?? ''
      expect(
        contrastRatio(hover, fg),
        `${accent} hover`,
      ).toBeGreaterThanOrEqual(contrastRatio(hex, fg) * 0.85)
    }
  })

  it('keeps the text shades readable on the page, even for a pale accent', () => {
    for (const accent of ['#ffcc00', '#e0f2fe', '#0a7', '#1e3a8a', '#000']) {
      const properties = accentProperties(parseAccent(accent) ?? '')
      expect(
        contrastRatio(properties['--accent-700'] ?? '', page),
      ).toBeGreaterThanOrEqual(4.5)
      expect(
        contrastRatio(properties['--accent-800'] ?? '', page),
      ).toBeGreaterThanOrEqual(4.5)
      expect(
        contrastRatio(properties['--accent-300'] ?? '', darkPage),
      ).toBeGreaterThanOrEqual(4.5)
      expect(
        contrastRatio(properties['--accent-200'] ?? '', darkPage),
      ).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('sets the whole scale, as #rrggbb', () => {
    const properties = accentProperties('#3a5ef2')
    for (const shade of [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950])
      expect(properties[`--accent-${shade}`]).toMatch(/^#[0-9a-f]{6}$/)
  })
})
