import { describe, expect, it } from 'vitest'

import { neutraliseCell, quoteCell, toCsv, triageCsv } from './csv'
import type { TriageAccount } from './types'

const account = (overrides: Partial<TriageAccount> = {}): TriageAccount => ({
  connected_account_id: 'acc_1',
  display_name: 'Front desk',
  account_type: 'salto_ks',
  account_type_display_name: 'Salto KS',
  customer_key: 'cust_1',
  custom_metadata: {},
  errors: [
    {
      error_code: 'account_disconnected',
      message: 'Gone, "really"',
      created_at: '2026-01-01T00:00:00.000Z',
    },
  ],
  warnings: [
    {
      warning_code: 'scheduled_maintenance_window',
      message: 'Soon',
      created_at: '2026-01-02T00:00:00.000Z',
    },
  ],
  severity: 'error',
  since: '2026-01-01T00:00:00.000Z',
  ...overrides,
})

describe('neutraliseCell', () => {
  it.each(['=', '+', '-', '@', '\t', '\r'])(
    'prefixes a quote to a cell starting with %j',
    (start) => {
      expect(neutraliseCell(`${start}1+1`)).toBe(`'${start}1+1`)
    },
  )

  it('leaves other cells, empty ones and inner formula characters alone', () => {
    expect(neutraliseCell('a=b')).toBe('a=b')
    expect(neutraliseCell('')).toBe('')
    expect(neutraliseCell(' =1')).toBe(' =1')
  })
})

describe('quoteCell', () => {
  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(quoteCell('a,b')).toBe('"a,b"')
    expect(quoteCell('say "hi"')).toBe('"say ""hi"""')
    expect(quoteCell('line\nbreak')).toBe('"line\nbreak"')
    expect(quoteCell('cr\rhere')).toBe('"cr\rhere"')
  })

  it('keeps plain and empty cells bare, quotes edge spaces', () => {
    expect(quoteCell('plain')).toBe('plain')
    expect(quoteCell('')).toBe('')
    expect(quoteCell(' padded ')).toBe('" padded "')
  })
})

describe('toCsv', () => {
  it('neutralises before quoting and ends rows with CRLF', () => {
    expect(toCsv([['=HYPERLINK("x","y")', '', '-1']])).toBe(
      `"'=HYPERLINK(""x"",""y"")",,'-1\r\n`,
    )
  })
})

describe('triageCsv', () => {
  it('writes the header and one row per account', () => {
    const csv = triageCsv([account()])
    expect(csv.split('\r\n')).toEqual([
      'id,display name,provider,customer,codes,messages,since',
      'acc_1,Front desk,Salto KS,cust_1,account_disconnected; scheduled_maintenance_window,"Gone, ""really""; Soon",2026-01-01T00:00:00.000Z',
      '',
    ])
  })

  it('leaves empty cells for a missing customer, since and messages', () => {
    const csv = triageCsv([
      account({
        customer_key: null,
        since: null,
        errors: [{ error_code: 'x', message: '', created_at: '' }],
        warnings: [],
      }),
    ])
    expect(csv.split('\r\n')[1]).toBe('acc_1,Front desk,Salto KS,,x,,')
  })

  it('neutralises a formula-looking display name', () => {
    const csv = triageCsv([account({ display_name: '@SUM(A1)' })])
    expect(csv.split('\r\n')[1]).toContain(",'@SUM(A1),")
  })
})
