import { startTransition, useEffect, useId, useRef, useState } from 'react'

import { afterNextPaint } from '../../lib/after-next-paint'
import { formatNumber } from '../../lib/format'
import { Button } from './button'
import { ChevronLeftIcon, ChevronRightIcon, ChevronsLeftIcon } from './icons'

export interface PaginationProps<Size extends number> {
  page: number
  pageSize: Size
  /** The sizes the reader may pick from. */
  pageSizes: readonly Size[]
  /** Rows on this page, once known. */
  rowCount: number | null
  canPrevious: boolean
  canNext: boolean
  /** Previous is unknown (a link opened in a fresh tab): offer the first page. */
  showFirst: boolean
  onPrevious: () => void
  onNext: () => void
  onFirst: () => void
  onPageSizeChange: (size: Size) => void
}

/**
 * Cursor paging, as Seam pages: forward by the API's cursor, back by the
 * cursors remembered on the way. There is no total to show, so none is made up.
 *
 * A click shows the page it asked for in the very next frame, and only then
 * starts the navigation, whose work (the router, the address, the table)
 * would otherwise hold that frame back.
 */
export function Pagination<Size extends number>({
  page,
  pageSize,
  pageSizes,
  rowCount,
  canPrevious,
  canNext,
  showFirst,
  onPrevious,
  onNext,
  onFirst,
  onPageSizeChange,
}: PaginationProps<Size>) {
  const sizeId = useId()
  const [pendingPage, setPendingPage] = useState<number | null>(null)
  const cancelPending = useRef<(() => void) | null>(null)
  useEffect(() => () => cancelPending.current?.(), [])

  const goTo = (target: number, go: () => void) => {
    if (pendingPage !== null) return
    setPendingPage(target)
    cancelPending.current = afterNextPaint(() => {
      cancelPending.current = null
      go()
      // In the router's transition, so the label never falls back to the
      // old page before the new one renders.
      startTransition(() => {
        setPendingPage(null)
      })
    })
  }

  const shownPage = pendingPage ?? page
  const firstRow = (page - 1) * pageSize + 1
  const range =
    pendingPage !== null || rowCount === null || rowCount === 0
      ? null
      : `${formatNumber(firstRow)}–${formatNumber(firstRow + rowCount - 1)}`
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-2.5 text-[13px]"
    >
      <div className="flex items-center gap-2 text-zinc-500 dark:text-zinc-400">
        <label htmlFor={sizeId}>Rows per page</label>
        <select
          id={sizeId}
          value={pageSize}
          onChange={(event) => {
            const size = pageSizes.find(
              (allowed) => allowed === Number(event.target.value),
            )
            if (size) onPageSizeChange(size)
          }}
          className="h-7 rounded-md bg-white pr-1 pl-2 text-[13px] text-zinc-900 shadow-xs ring-1 ring-zinc-950/10 ring-inset dark:bg-zinc-900 dark:text-zinc-100 dark:ring-white/10"
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-1.5">
        <p
          aria-live="polite"
          className="mr-1.5 text-zinc-600 tabular-nums dark:text-zinc-400"
        >
          <span className="font-medium text-zinc-900 dark:text-zinc-100">
            Page {formatNumber(shownPage)}
          </span>
          {range ? (
            <span className="max-sm:hidden"> · rows {range}</span>
          ) : null}
        </p>
        {showFirst ? (
          <Button
            size="sm"
            onClick={() => {
              goTo(1, onFirst)
            }}
            disabled={page <= 1}
          >
            <ChevronsLeftIcon className="size-3.5" />
            First page
          </Button>
        ) : null}
        <Button
          size="sm"
          onClick={() => {
            goTo(page - 1, onPrevious)
          }}
          disabled={!canPrevious}
        >
          <ChevronLeftIcon className="size-3.5" />
          Previous
        </Button>
        <Button
          size="sm"
          onClick={() => {
            goTo(page + 1, onNext)
          }}
          disabled={!canNext}
        >
          Next
          <ChevronRightIcon className="size-3.5" />
        </Button>
      </div>
    </nav>
  )
}
