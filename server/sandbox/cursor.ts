import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

import { invalidInput, SandboxError } from './errors'

/**
 * Cursors are opaque to clients: the position of the last row returned and a
 * hash of the query, signed so that a forged position is rejected rather than
 * silently honoured.
 */

const sign = (secret: string, body: string): string =>
  createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22)

/** A stable digest of the parameters a cursor is bound to (order of keys and ids does not matter). */
export function queryDigest(query: Record<string, unknown>): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return (value as unknown[]).map(canonical).sort()
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]) => [k, canonical(v)]),
      )
    }
    return value
  }
  return createHash('sha256')
    .update(JSON.stringify(canonical(query)))
    .digest('base64url')
    .slice(0, 16)
}

/** Where a keyset page ends: the sort timestamp and the id that breaks ties. */
export interface KeysetPosition {
  created_at: string
  id: string
}

export function encodeKeysetCursor(
  secret: string,
  position: KeysetPosition,
  query: string,
): string {
  const body = Buffer.from(
    JSON.stringify([position.created_at, position.id, query]),
  ).toString('base64url')
  return `${body}.${sign(secret, body)}`
}

export function decodeKeysetCursor(
  secret: string,
  cursor: string,
  expectedQuery: string,
): KeysetPosition {
  const malformed = invalidInput(
    'page_cursor is malformed: pass next_page_cursor exactly as returned.',
    {
      page_cursor: ['Malformed page cursor'],
    },
  )
  const [body, signature, extra] = cursor.split('.')
  if (body === undefined || signature === undefined || extra !== undefined)
    throw malformed
  const expected = Buffer.from(sign(secret, body))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw malformed
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    throw malformed
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 3 ||
    !decoded.every((part) => typeof part === 'string')
  ) {
    throw malformed
  }
  const [created_at, id, query] = decoded as [string, string, string]
  if (query !== expectedQuery) {
    throw new SandboxError(
      400,
      'mismatched_page_parameters',
      'page_cursor was issued for a different query: send the same filters and search as the request that returned it, or start again without page_cursor.',
    )
  }
  return { created_at, id }
}
