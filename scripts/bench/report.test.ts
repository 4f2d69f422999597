import { describe, expect, it } from 'vitest'

import { atMost, below, failures, markdownTable, type Row } from './report'

const row = (overrides: Partial<Row>): Row => ({
  measure: 'Bundle',
  case: 'first load',
  figures: '1 KiB',
  target: '',
  verdict: null,
  ...overrides,
})

describe('verdicts', () => {
  it('atMost passes at the limit, below does not', () => {
    expect(atMost(20, 20)).toBe('pass')
    expect(atMost(20.01, 20)).toBe('fail')
    expect(below(19.99, 20)).toBe('pass')
    expect(below(20, 20)).toBe('fail')
  })
})

describe('markdownTable', () => {
  it('writes a header, a rule and one padded line per row', () => {
    const table = markdownTable([
      row({ target: '≤ 2 KiB', verdict: 'pass' }),
      row({ case: 'a | b', figures: 'x\ny', verdict: 'fail', target: 't' }),
    ])
    const lines = table.split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(
      /^\| Measure +\| Case +\| Figures +\| Target +\| Result +\|$/,
    )
    expect(lines[1]).toMatch(/^\| -+ \| -+ \| -+ \| -+ \| -+ \|$/)
    expect(lines[2]).toContain('| pass ')
    // A pipe inside a cell is escaped; a new line would end the row.
    expect(lines[3]).toContain('a \\| b')
    expect(lines[3]).toContain('x y')
    expect(lines[3]).toContain('**FAIL**')
    // Every line is as long as the header: columns line up as text too.
    expect(new Set(lines.map((line) => line.length)).size).toBe(1)
  })

  it('shows a dash where there is no target or verdict', () => {
    expect(markdownTable([row({})]).split('\n')[2]).toMatch(/\| — +\| — +\|$/)
  })
})

describe('failures', () => {
  it('lists the rows that missed their target', () => {
    const missed = row({ case: 'missed', verdict: 'fail' })
    expect(failures([row({ verdict: 'pass' }), missed, row({})])).toEqual([
      missed,
    ])
  })
})
