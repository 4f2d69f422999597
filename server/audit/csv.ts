import type { AuditRecord } from './model'

/** Byte order mark: spreadsheet apps then read the file as UTF-8. */
export const CSV_BOM = '\ufeff'

export const CSV_COLUMNS = [
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
] as const

/** A cell a spreadsheet would run as a formula starts with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One field: text a spreadsheet would run as a formula gets a leading `'`
 * (OWASP's advice), and a field holding a quote, comma or line break is
 * quoted with its quotes doubled (RFC 4180).
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export const csvLine = (cells: (string | number | boolean | null)[]): string =>
  `${cells.map(csvCell).join(',')}\r\n`

export const csvHeader = (): string => csvLine([...CSV_COLUMNS])

export function csvRow(record: AuditRecord): string {
  const cells: Record<
    (typeof CSV_COLUMNS)[number],
    string | number | boolean | null
  > = {
    audit_id: record.audit_id,
    created_at: record.created_at,
    actor_id: record.actor.id,
    actor_email: record.actor.email,
    actor_name: record.actor.name,
    role: record.role,
    via: record.via,
    origin: record.origin,
    action: record.action,
    connected_account_id: record.connected_account_id,
    outcome: record.outcome,
    upstream_status: record.upstream_status,
    error_type: record.error_type,
    request_id: record.request_id,
    completed_at: record.completed_at,
    truncated: record.truncated ?? false,
    changes: record.changes === null ? null : JSON.stringify(record.changes),
  }
  return csvLine(CSV_COLUMNS.map((column) => cells[column]))
}
