import type { AuditAction, AuditOutcome } from './model'
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from './model'
import type { AuditFilters } from './store'

export const MAX_LIMIT = 200
export const DEFAULT_LIMIT = 50
/** The per-account endpoint shows recent changes, not the whole history. */
export const DEFAULT_ACCOUNT_LIMIT = 20
const MAX_TEXT = 256
const MAX_CURSOR = 512

/** A query parameter the API refuses, and why. */
export class InvalidParam extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`Invalid input: ${field} ${reason}.`)
  }
}

type Query = Record<string, string[]>

/** One value per parameter: `?actor=a&actor=b` is a mistake, not an OR. */
function single(query: Query, field: string): string | undefined {
  const values = query[field]
  if (values === undefined) return undefined
  if (values.length > 1) throw new InvalidParam(field, 'must be given once')
  return values[0]
}

function text(query: Query, field: string): string | undefined {
  const value = single(query, field)
  if (value === undefined) return undefined
  if (value === '') throw new InvalidParam(field, 'must not be empty')
  if (value.length > MAX_TEXT) {
    throw new InvalidParam(field, `must be at most ${MAX_TEXT} characters`)
  }
  return value
}

function oneOf<T extends string>(
  query: Query,
  field: string,
  values: readonly T[],
): T | undefined {
  const value = single(query, field)
  if (value === undefined) return undefined
  const found = values.find((item) => item === value)
  if (found === undefined) {
    throw new InvalidParam(field, `must be one of ${values.join(', ')}`)
  }
  return found
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/
const DAY_MS = 86_400_000

/**
 * `YYYY-MM-DD` (a UTC day) or an ISO date-time with a zone. `to` includes
 * the whole of a day it names.
 */
function time(query: Query, field: 'from' | 'to'): string | undefined {
  const value = single(query, field)
  if (value === undefined) return undefined
  const isDay = DATE.test(value)
  const ms = isDay || DATE_TIME.test(value) ? Date.parse(value) : Number.NaN
  // Date.parse rolls 2026-02-31 over to March; a real day reads back the same.
  const day = value.slice(0, 10)
  if (
    Number.isNaN(ms) ||
    new Date(Date.parse(day)).toISOString().slice(0, 10) !== day
  ) {
    throw new InvalidParam(
      field,
      'must be a date (2026-11-01) or an ISO date-time with a time zone (2026-11-01T12:00:00Z)',
    )
  }
  return new Date(isDay && field === 'to' ? ms + DAY_MS - 1 : ms).toISOString()
}

function limit(query: Query, fallback: number): number {
  const value = single(query, 'limit')
  if (value === undefined) return fallback
  const n = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN
  if (!(n >= 1 && n <= MAX_LIMIT)) {
    throw new InvalidParam('limit', `must be an integer from 1 to ${MAX_LIMIT}`)
  }
  return n
}

function cursor(query: Query): string | undefined {
  const value = single(query, 'cursor')
  if (value === undefined) return undefined
  if (!/^[\w-]+$/.test(value) || value.length > MAX_CURSOR) {
    throw new InvalidParam('cursor', 'is not a cursor this API gave out')
  }
  return value
}

function rejectUnknown(query: Query, known: readonly string[]): void {
  const unknown = Object.keys(query).find((key) => !known.includes(key))
  if (unknown !== undefined) {
    throw new InvalidParam(
      unknown,
      `is not a parameter of this endpoint (use ${known.join(', ')})`,
    )
  }
}

export interface ListQuery {
  filters: AuditFilters
  limit: number
  cursor: string | undefined
}

const FILTER_PARAMS = [
  'actor',
  'connected_account_id',
  'action',
  'outcome',
  'from',
  'to',
] as const

function filtersOf(query: Query): AuditFilters {
  const filters: AuditFilters = {}
  const actor = text(query, 'actor')
  const account = text(query, 'connected_account_id')
  const action: AuditAction | undefined = oneOf(query, 'action', AUDIT_ACTIONS)
  const outcome: AuditOutcome | undefined = oneOf(
    query,
    'outcome',
    AUDIT_OUTCOMES,
  )
  const from = time(query, 'from')
  const to = time(query, 'to')
  if (actor !== undefined) filters.actor = actor
  if (account !== undefined) filters.connected_account_id = account
  if (action !== undefined) filters.action = action
  if (outcome !== undefined) filters.outcome = outcome
  if (from !== undefined) filters.from = from
  if (to !== undefined) filters.to = to
  if (from !== undefined && to !== undefined && from > to) {
    throw new InvalidParam('to', 'must not be before from')
  }
  return filters
}

/** `GET /api/audit`. Throws InvalidParam. */
export function parseListQuery(query: Query): ListQuery {
  rejectUnknown(query, [...FILTER_PARAMS, 'limit', 'cursor'])
  return {
    filters: filtersOf(query),
    limit: limit(query, DEFAULT_LIMIT),
    cursor: cursor(query),
  }
}

/** `GET /api/audit/export.csv`: the filters alone; every match is exported. */
export function parseExportQuery(query: Query): AuditFilters {
  rejectUnknown(query, FILTER_PARAMS)
  return filtersOf(query)
}

/** `GET /api/audit/account/:id`. */
export function parseAccountQuery(
  query: Query,
  connectedAccountId: string,
): ListQuery {
  rejectUnknown(query, ['limit', 'cursor'])
  if (connectedAccountId === '' || connectedAccountId.length > MAX_TEXT) {
    throw new InvalidParam(
      'connected_account_id',
      `must be 1 to ${MAX_TEXT} characters`,
    )
  }
  return {
    filters: { connected_account_id: connectedAccountId },
    limit: limit(query, DEFAULT_ACCOUNT_LIMIT),
    cursor: cursor(query),
  }
}
