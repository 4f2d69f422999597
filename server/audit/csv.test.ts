import { describe, expect, it } from 'vitest'

import { csvCell, csvLine } from './csv'

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
  ])('quotes per RFC 4180: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['=1,2', `"'=1,2"`],
  ])('neutralises a formula: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })

  it('writes numbers, booleans and null as they are', () => {
    expect(csvCell(404)).toBe('404')
    expect(csvCell(true)).toBe('true')
    expect(csvCell(null)).toBe('')
  })

  it('ends a line with CRLF', () => {
    expect(csvLine(['a', null, 1])).toBe('a,,1\r\n')
  })
})
