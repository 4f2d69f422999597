import type { KeysetPosition } from './cursor'
import { encodeKeysetCursor } from './cursor'
import { paramsToQuery } from './params'

export interface Pagination {
  has_next_page: boolean
  next_page_cursor: string | null
  next_page_url: string | null
}

/**
 * One page of a keyset list. `rows` holds up to `limit + 1` rows: the extra
 * one only says that a next page exists.
 */
export function keysetPage<T>(
  rows: T[],
  {
    limit,
    positionOf,
    secret,
    digest,
    url,
    params,
  }: {
    limit: number
    positionOf: (row: T) => KeysetPosition
    secret: string
    /** The query the cursor is bound to. */
    digest: string
    /** The list route's URL, for `next_page_url`. */
    url: string
    /** The request's parameters, repeated in `next_page_url`. */
    params: Record<string, unknown>
  },
): { page: T[]; pagination: Pagination } {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const cursor =
    rows.length > limit && last !== undefined
      ? encodeKeysetCursor(secret, positionOf(last), digest)
      : null
  return {
    page,
    pagination: {
      has_next_page: cursor !== null,
      next_page_cursor: cursor,
      next_page_url:
        cursor === null
          ? null
          : `${url}?${paramsToQuery({ ...params, page_cursor: cursor }).toString()}`,
    },
  }
}
