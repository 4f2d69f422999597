import { saveFile } from '../../../lib/save-file'
import type { TriageAccount } from './types'

/**
 * Spreadsheets run a cell that starts with one of these as a formula
 * (OWASP "CSV injection"); a leading quote makes it plain text.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** RFC 4180: quote when needed, double the quotes inside. */
export function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim()
    ? `"${value.replaceAll('"', '""')}"`
    : value
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => row.map((cell) => quoteCell(neutraliseCell(cell))).join(','))
    .join('\r\n')
    .concat('\r\n')
}

export const TRIAGE_CSV_HEADER = [
  'id',
  'display name',
  'provider',
  'customer',
  'codes',
  'messages',
  'since',
] as const

export function triageCsvRow(account: TriageAccount): string[] {
  const problems = [
    ...account.errors.map((e) => ({ code: e.error_code, message: e.message })),
    ...account.warnings.map((w) => ({
      code: w.warning_code,
      message: w.message,
    })),
  ]
  return [
    account.connected_account_id,
    account.display_name,
    account.account_type_display_name || account.account_type,
    account.customer_key ?? '',
    [...new Set(problems.map((p) => p.code))].join('; '),
    [...new Set(problems.map((p) => p.message).filter((m) => m !== ''))].join(
      '; ',
    ),
    account.since ?? '',
  ]
}

export function triageCsv(accounts: readonly TriageAccount[]): string {
  return toCsv([TRIAGE_CSV_HEADER, ...accounts.map(triageCsvRow)])
}

/** Saved from the data on screen: no server round trip. */
export function downloadCsv(filename: string, csv: string): void {
  // A BOM, so Excel reads the file as UTF-8.
  saveFile(
    filename,
    new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }),
  )
}
