import { useEffect } from 'react'

import { cursorForPage, rememberCursor } from '../../lib/cursor-stack'
import type { PaginationProps } from './pagination'

export interface CursorPagesOptions {
  /** Which list the remembered cursors belong to (its query and page size). */
  stackKey: string
  page: number
  /** The cursor the current page was fetched with; null on the first page. */
  cursor: string | null
  /** The API's cursor to the next page, null when there is none (or not yet). */
  nextCursor: string | null
  /** The rows on screen are the previous query's, kept while this one loads. */
  isPlaceholderData: boolean
  goToPage: (page: number, cursor: string | null) => void
}

type CursorPageProps = Pick<
  PaginationProps<number>,
  'canPrevious' | 'canNext' | 'showFirst' | 'onPrevious' | 'onNext' | 'onFirst'
>

/**
 * The Previous/Next/First wiring of a cursor-paged list: forward by the
 * API's cursor, back by the cursors remembered on the way (so a reload or
 * Back keeps working), and "first page" when a link opened in a fresh tab
 * has no way back.
 */
export function useCursorPages({
  stackKey,
  page,
  cursor,
  nextCursor,
  isPlaceholderData,
  goToPage,
}: CursorPagesOptions): CursorPageProps {
  const previousCursor =
    page > 1 ? cursorForPage(stackKey, page - 1) : undefined

  // Where this page starts, so a later page can come back to it.
  useEffect(() => {
    if (cursor) rememberCursor(stackKey, page, cursor)
  }, [stackKey, page, cursor])

  return {
    canPrevious: page > 1 && previousCursor !== undefined && !isPlaceholderData,
    canNext: nextCursor !== null,
    showFirst: page > 2 && previousCursor === undefined,
    onPrevious: () => {
      if (previousCursor !== undefined) goToPage(page - 1, previousCursor)
    },
    onNext: () => {
      if (!nextCursor) return
      rememberCursor(stackKey, page + 1, nextCursor)
      goToPage(page + 1, nextCursor)
    },
    onFirst: () => {
      goToPage(1, null)
    },
  }
}
