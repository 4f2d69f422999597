import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  type AuditAction,
  type AuditOutcome,
} from '../../../../server/audit/model'
import type { AuditQuery, ListAuditParams } from '../api/list-audit'

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const
export type AuditPageSize = (typeof AUDIT_PAGE_SIZES)[number]
export const DEFAULT_AUDIT_PAGE_SIZE: AuditPageSize = 25

/** What the reader filters the log by; dates are local `YYYY-MM-DD`, or ''. */
export interface AuditFilters {
  actor: string
  account: string
  action: AuditAction | null
  outcome: AuditOutcome | null
  from: string
  to: string
}

/** Everything that decides what the audit page shows. */
export interface AuditView extends AuditFilters {
  pageSize: AuditPageSize
  /** 1-based. Above 1 only together with the cursor that starts the page. */
  page: number
  cursor: string | null
}

export const emptyAuditFilters: AuditFilters = {
  actor: '',
  account: '',
  action: null,
  outcome: null,
  from: '',
  to: '',
}

export const defaultAuditView: AuditView = {
  ...emptyAuditFilters,
  pageSize: DEFAULT_AUDIT_PAGE_SIZE,
  page: 1,
  cursor: null,
}

/** Query-string names, in the order they are written. */
export const AUDIT_PARAM = {
  actor: 'actor',
  account: 'account',
  action: 'action',
  outcome: 'outcome',
  from: 'from',
  to: 'to',
  pageSize: 'size',
  page: 'page',
  cursor: 'cursor',
} as const

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The local midnight that starts a `YYYY-MM-DD` day, or null if it is no date. */
function startOfDay(value: string): Date | null {
  const match = DATE.exec(value)
  if (!match) return null
  const [, year, month, day] = match.map(Number)
  if (year === undefined || month === undefined || day === undefined) {
    return null
  }
  const date = new Date(year, month - 1, day)
  // 2026-02-31 rolls over into March: not a date anyone picked.
  return date.getFullYear() === year &&
    date.getMonth() === month - 1 &&
    date.getDate() === day
    ? date
    : null
}

const isDate = (value: string) => startOfDay(value) !== null

function oneOf<T extends string>(
  allowed: readonly T[],
  value: string | null,
): T | null {
  return allowed.find((item) => item === value) ?? null
}

function parsePage(value: string | null): number {
  if (value === null || !/^\d{1,6}$/.test(value)) return 1
  const page = Number(value)
  return page >= 1 ? page : 1
}

/** Reads a query string; anything malformed falls back to its default. */
export function parseAuditView(params: URLSearchParams): AuditView {
  const from = params.get(AUDIT_PARAM.from) ?? ''
  const to = params.get(AUDIT_PARAM.to) ?? ''
  const size = Number(params.get(AUDIT_PARAM.pageSize))
  const page = parsePage(params.get(AUDIT_PARAM.page))
  const cursor = params.get(AUDIT_PARAM.cursor) || null
  // A page number without its cursor (or the reverse) cannot be fetched.
  const onLaterPage = page > 1 && cursor !== null
  return {
    actor: (params.get(AUDIT_PARAM.actor) ?? '').trim(),
    account: (params.get(AUDIT_PARAM.account) ?? '').trim(),
    action: oneOf(AUDIT_ACTIONS, params.get(AUDIT_PARAM.action)),
    outcome: oneOf(AUDIT_OUTCOMES, params.get(AUDIT_PARAM.outcome)),
    from: isDate(from) ? from : '',
    to: isDate(to) ? to : '',
    pageSize:
      AUDIT_PAGE_SIZES.find((allowed) => allowed === size) ??
      DEFAULT_AUDIT_PAGE_SIZE,
    page: onLaterPage ? page : 1,
    cursor: onLaterPage ? cursor : null,
  }
}

/** Writes only what differs from the defaults, in a fixed order. */
export function serializeAuditView(view: AuditView): URLSearchParams {
  const params = new URLSearchParams()
  const actor = view.actor.trim()
  const account = view.account.trim()
  if (actor) params.set(AUDIT_PARAM.actor, actor)
  if (account) params.set(AUDIT_PARAM.account, account)
  if (view.action) params.set(AUDIT_PARAM.action, view.action)
  if (view.outcome) params.set(AUDIT_PARAM.outcome, view.outcome)
  if (view.from) params.set(AUDIT_PARAM.from, view.from)
  if (view.to) params.set(AUDIT_PARAM.to, view.to)
  if (view.pageSize !== DEFAULT_AUDIT_PAGE_SIZE) {
    params.set(AUDIT_PARAM.pageSize, String(view.pageSize))
  }
  if (view.page > 1 && view.cursor) {
    params.set(AUDIT_PARAM.page, String(view.page))
    params.set(AUDIT_PARAM.cursor, view.cursor)
  }
  return params
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return (
    filters.actor.trim() !== '' ||
    filters.account.trim() !== '' ||
    filters.action !== null ||
    filters.outcome !== null ||
    filters.from !== '' ||
    filters.to !== ''
  )
}

/** Only the filter fields of a view. */
export function auditFiltersOf(view: AuditFilters): AuditFilters {
  const { actor, account, action, outcome, from, to } = view
  return { actor, account, action, outcome, from, to }
}

/** New filters start again from the first page. */
export function withAuditFilters(
  view: AuditView,
  filters: AuditFilters,
): AuditView {
  return { ...view, ...auditFiltersOf(filters), page: 1, cursor: null }
}

/**
 * The filters as the API takes them. Dates are the reader's local days:
 * `from` from its first millisecond, `to` to its last, both inclusive.
 */
export function toAuditQuery(filters: AuditFilters): AuditQuery {
  const actor = filters.actor.trim()
  const account = filters.account.trim()
  const from = startOfDay(filters.from)
  const dayAfterTo = startOfDay(filters.to)
  dayAfterTo?.setDate(dayAfterTo.getDate() + 1)
  return {
    ...(actor ? { actor } : {}),
    ...(account ? { connected_account_id: account } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(from ? { from: from.toISOString() } : {}),
    ...(dayAfterTo
      ? { to: new Date(dayAfterTo.getTime() - 1).toISOString() }
      : {}),
  }
}

/** The list call for a view: only set parameters, so equal views share a cache entry. */
export function toAuditListParams(view: AuditView): ListAuditParams {
  return {
    ...toAuditQuery(view),
    limit: view.pageSize,
    ...(view.cursor ? { cursor: view.cursor } : {}),
  }
}

/** The key of this query's remembered cursors (see `lib/cursor-stack`). */
export function auditCursorKey(view: AuditView): string {
  const query = toAuditQuery(view)
  return JSON.stringify([
    'audit',
    query.actor ?? '',
    query.connected_account_id ?? '',
    query.action ?? '',
    query.outcome ?? '',
    query.from ?? '',
    query.to ?? '',
    view.pageSize,
  ])
}
