import { createHash } from 'node:crypto'

import { AUDIT_ID_PREFIX } from './audit-id'
import type { AuditFilters } from './store'

/** Filter fields in a fixed order, so equal filters give one key. */
const FILTER_KEYS = [
  'actor',
  'connected_account_id',
  'action',
  'outcome',
  'from',
  'to',
] as const satisfies readonly (keyof AuditFilters)[]

/** A short digest of the filters a cursor was made for. */
function filterKey(filters: AuditFilters): string {
  const canonical = JSON.stringify(
    FILTER_KEYS.map((key) => filters[key] ?? null),
  )
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22)
}

interface CursorBody {
  v: 1
  /** The last audit id of the page before. */
  b: string
  /** The filters it was made for. */
  f: string
}

/** Opaque to the browser: where the next page starts, and for which filters. */
export function encodeCursor(before: string, filters: AuditFilters): string {
  const body: CursorBody = { v: 1, b: before, f: filterKey(filters) }
  return Buffer.from(JSON.stringify(body)).toString('base64url')
}

export type DecodedCursor =
  | { ok: true; before: string }
  | { ok: false; reason: 'malformed' | 'other_filters' }

export function decodeCursor(
  cursor: string,
  filters: AuditFilters,
): DecodedCursor {
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (
    body === null ||
    typeof body !== 'object' ||
    !('v' in body) ||
    body.v !== 1 ||
    !('b' in body) ||
    typeof body.b !== 'string' ||
    !body.b.startsWith(AUDIT_ID_PREFIX) ||
    !('f' in body) ||
    typeof body.f !== 'string'
  ) {
    return { ok: false, reason: 'malformed' }
  }
  if (body.f !== filterKey(filters))
    return { ok: false, reason: 'other_filters' }
  return { ok: true, before: body.b }
}
