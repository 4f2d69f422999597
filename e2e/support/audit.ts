import {
  type APIRequestContext,
  expect,
  type Locator,
  type Page,
} from '@playwright/test'
import type { ConnectedAccount } from '@seamapi/types/connect'

import type {
  AuditAction,
  AuditListResponse,
  AuditOutcome,
  AuditRecord,
} from '../../server/audit/model'
import type { Surface } from './accounts'
import { oldHealthyAccount } from './detail'

/** The filters of `GET /api/audit` and of its CSV export. */
export interface AuditFilters {
  actor?: string
  connected_account_id?: string
  action?: AuditAction
  outcome?: AuditOutcome
  /** ISO date-time with a zone, or a `YYYY-MM-DD` (UTC) day. */
  from?: string
  to?: string
}

export const auditSearch = (
  filters: AuditFilters,
  extra: Record<string, string> = {},
): string => {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries({ ...filters, ...extra })) {
    params.set(name, value)
  }
  const search = params.toString()
  return search === '' ? '' : `?${search}`
}

/** One page of the log, newest first, as an admin reads it. */
export async function auditPage(
  request: APIRequestContext,
  filters: AuditFilters,
  { limit, cursor }: { limit?: number; cursor?: string } = {},
): Promise<AuditListResponse> {
  const response = await request.get(
    `/api/audit${auditSearch(filters, {
      ...(limit === undefined ? {} : { limit: String(limit) }),
      ...(cursor === undefined ? {} : { cursor }),
    })}`,
  )
  expect(response.status(), await response.text()).toBe(200)
  return (await response.json()) as AuditListResponse
}

/** Every record matching `filters`, newest first, walking the API's pages. */
export async function allAuditRecords(
  request: APIRequestContext,
  filters: AuditFilters,
): Promise<AuditRecord[]> {
  const records: AuditRecord[] = []
  let cursor: string | null = null
  do {
    const page: AuditListResponse = await auditPage(request, filters, {
      limit: 200,
      ...(cursor === null ? {} : { cursor }),
    })
    records.push(...page.records)
    cursor = page.pagination.next_page_cursor
  } while (cursor !== null)
  return records
}

/**
 * The records of `filters` once there are `count` of them and none is still
 * pending: a call's record is completed as its answer leaves the server.
 */
export async function settledAuditRecords(
  request: APIRequestContext,
  filters: AuditFilters,
  count: number,
): Promise<AuditRecord[]> {
  let records: AuditRecord[] = []
  await expect
    .poll(
      async () => {
        records = await allAuditRecords(request, filters)
        return {
          count: records.length,
          pending: records.filter((r) => r.outcome === 'pending').length,
        }
      },
      { intervals: [100, 250, 500] },
    )
    .toEqual({ count, pending: 0 })
  return records
}

/** The one record of `filters`, or a failure that shows what there is. */
export async function onlyAuditRecord(
  request: APIRequestContext,
  filters: AuditFilters,
): Promise<AuditRecord> {
  const [record] = await settledAuditRecords(request, filters, 1)
  if (!record) throw new Error('unreachable')
  return record
}

/** The actor of every call in AUTH_MODE=none, the test server's mode. */
export const LOCAL_ACTOR = { id: 'local', email: null, name: 'Local user' }

/** An account as the API has it now. */
export async function getAccount(
  request: APIRequestContext,
  id: string,
): Promise<ConnectedAccount> {
  const response = await request.post('/api/connected_accounts/get', {
    data: { connected_account_id: id },
  })
  expect(response.status()).toBe(200)
  return ((await response.json()) as { connected_account: ConnectedAccount })
    .connected_account
}

/** A healthy account with a customer key, scanning the old end from `from`. */
export async function oldCustomerAccount(
  request: APIRequestContext,
  from: number,
): Promise<ConnectedAccount & { customer_key: string }> {
  for (let offset = from; offset < from + 10; offset++) {
    const account = await oldHealthyAccount(request, offset)
    const { customer_key } = account
    if (customer_key) return { ...account, customer_key }
  }
  throw new Error('The sandbox has no old healthy account with a customer key')
}

/**
 * Adds one key/value pair through the account page's metadata editor (in the
 * dashboard or in a portal's frame) and waits until it is saved.
 */
export async function addMetadataPair(
  surface: Surface,
  account: ConnectedAccount,
  key: string,
  value: string,
): Promise<void> {
  const section = surface.getByRole('region', { name: 'Custom metadata' })
  await section.getByRole('button', { name: 'Edit metadata' }).click()
  const form = surface.getByRole('form', { name: 'Edit custom metadata' })
  await form.getByRole('button', { name: 'Add pair' }).click()
  const n = Object.keys(account.custom_metadata).length + 1
  await form.getByRole('textbox', { name: `Key ${n}`, exact: true }).fill(key)
  await form
    .getByRole('textbox', { name: `Value ${n}`, exact: true })
    .fill(value)
  await form.getByRole('button', { name: 'Save metadata' }).click()
  await expect(section.getByRole('status')).toContainText('Metadata saved.')
}

/** The account page's "Recent changes" list, newest first. */
export const recentChanges = (surface: Surface): Locator =>
  surface
    .getByRole('region', { name: 'Recent changes' })
    .getByRole('list', { name: 'Recent changes' })

/** One entry of "Recent changes" (not the chips of its "What changed" list). */
export const recentChange = (surface: Surface, index: number): Locator =>
  recentChanges(surface).locator(':scope > li').nth(index)

/** The chips of a record's "What changed" list, in order. */
export const changeChips = (within: Locator): Locator =>
  within.getByRole('list', { name: 'What changed' }).getByRole('listitem')

export const auditTable = (page: Page): Locator =>
  page.getByRole('table', { name: 'Audit log' })

/** Data rows only: the header row has no cells. */
export const auditRows = (page: Page): Locator =>
  auditTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })

/** The row of one record, found by its request ID. */
export const auditRow = (page: Page, record: AuditRecord): Locator =>
  auditRows(page).filter({
    has: page.locator('code', { hasText: record.request_id }),
  })

/** The records the page shows, in order, as their request IDs. */
export async function shownRequestIds(page: Page): Promise<string[]> {
  return auditTable(page).locator('tbody tr code').allTextContents()
}

/** Waits until the table shows exactly these records, in this order. */
export async function expectAuditShown(
  page: Page,
  expected: readonly AuditRecord[],
): Promise<void> {
  await expect(auditTable(page)).toHaveAttribute('aria-busy', 'false')
  await expect
    .poll(() => shownRequestIds(page), { intervals: [50, 100, 250] })
    .toEqual(expected.map((record) => record.request_id))
  await expect(auditTable(page)).toHaveAttribute('aria-busy', 'false')
}

/** `YYYY-MM-DD` of the local day `days` after `date`, as a date input holds it. */
export function localDay(date: Date, days = 0): string {
  const day = new Date(date.getFullYear(), date.getMonth(), date.getDate())
  day.setDate(day.getDate() + days)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`
}

/** The first millisecond of a local `YYYY-MM-DD` day, as an ISO time. */
export function localDayStart(day: string): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number)
  return new Date(year, month - 1, date).toISOString()
}

/** The last millisecond of a local `YYYY-MM-DD` day, as an ISO time. */
export function localDayEnd(day: string): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number)
  return new Date(
    new Date(year, month - 1, date + 1).getTime() - 1,
  ).toISOString()
}

// CSV export

/** The export's columns, written here on purpose: the test must not trust the app. */
export const AUDIT_CSV_HEADER = [
  'audit_id',
  'created_at',
  'actor_id',
  'actor_email',
  'actor_name',
  'role',
  'via',
  'origin',
  'action',
  'connected_account_id',
  'outcome',
  'upstream_status',
  'error_type',
  'request_id',
  'completed_at',
  'truncated',
  'changes',
]

/** A cell as a spreadsheet must not run it: a `'` before a formula's start. */
const neutralised = (value: string) =>
  /^[=+\-@\t\r]/.test(value) ? `'${value}` : value

/** The cells a record's row must hold, once unquoted. */
export function expectedCsvCells(record: AuditRecord): string[] {
  const text = (value: string | null) =>
    value === null ? '' : neutralised(value)
  return [
    text(record.audit_id),
    text(record.created_at),
    text(record.actor.id),
    text(record.actor.email),
    text(record.actor.name),
    text(record.role),
    text(record.via),
    text(record.origin),
    text(record.action),
    text(record.connected_account_id),
    text(record.outcome),
    record.upstream_status === null ? '' : String(record.upstream_status),
    text(record.error_type),
    text(record.request_id),
    text(record.completed_at),
    String(record.truncated ?? false),
    record.changes === null ? '' : text(JSON.stringify(record.changes)),
  ]
}

/**
 * Parses RFC 4180 text strictly: records end with CRLF (the last one too),
 * a quoted field may hold commas, quotes (doubled) and line breaks, and an
 * unquoted one none of them. Anything else throws.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let i = 0
  const fail = (what: string): never => {
    throw new Error(`CSV: ${what} at offset ${i}`)
  }
  while (i < text.length) {
    let field = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field')
        const char = text.charAt(i)
        if (char === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
          } else {
            i++
            break
          }
        } else {
          field += char
          i++
        }
      }
    } else {
      while (i < text.length && !/[,\r\n"]/.test(text.charAt(i))) {
        field += text.charAt(i)
        i++
      }
      if (text[i] === '"') fail('quote inside an unquoted field')
    }
    row.push(field)
    if (text[i] === ',') {
      i++
      continue
    }
    if (text.startsWith('\r\n', i)) {
      i += 2
      rows.push(row)
      row = []
      continue
    }
    fail(i >= text.length ? 'no CRLF after the last record' : 'bare CR or LF')
  }
  return rows
}
