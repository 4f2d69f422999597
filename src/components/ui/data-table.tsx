import {
  flexRender,
  type Header,
  type Row,
  type RowData,
  type Table,
} from '@tanstack/react-table'
import type { HTMLAttributes, ReactNode, Ref } from 'react'

import { cn } from '../../lib/cn'
import { ArrowDownIcon, ArrowUpIcon, SortIcon } from './icons'
import { Skeleton } from './skeleton'

declare module '@tanstack/react-table' {
  // Merged into TanStack's own interface, whose parameters it must repeat.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /**
     * Fixed width as a Tailwind class such as `w-[11rem]` (a class, not a
     * style, so that pages drawn by the server need no inline style);
     * columns without one share the rest.
     */
    widthClassName?: string
    headerClassName?: string
    cellClassName?: string
    /** What a loading row shows in this column. */
    skeleton?: ReactNode
  }
}

export interface DataTableProps<TData> {
  table: Table<TData>
  /** Accessible name of the table. */
  label: string
  /** Shows skeleton rows instead of data. */
  loading?: boolean
  skeletonRows?: number
  /** Rows are on screen but newer ones are on their way. */
  busy?: boolean
  /** Shown across all columns instead of rows (empty or error state). */
  fallback?: ReactNode
  getRowProps?: (row: Row<TData>) => HTMLAttributes<HTMLTableRowElement>
  className?: string
  tableClassName?: string
  theadClassName?: string
  rowClassName?: string
  ref?: Ref<HTMLTableElement> | undefined
}

function SortButton<TData>({ header }: { header: Header<TData, unknown> }) {
  const sorted = header.column.getIsSorted()
  const label = flexRender(header.column.columnDef.header, header.getContext())
  return (
    <button
      type="button"
      onClick={header.column.getToggleSortingHandler()}
      className="group -mx-1.5 inline-flex max-w-full items-center gap-1 rounded px-1.5 py-0.5 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
    >
      <span className="truncate">{label}</span>
      {sorted === 'asc' ? (
        <ArrowUpIcon className="size-3 shrink-0 text-zinc-900 dark:text-zinc-100" />
      ) : sorted === 'desc' ? (
        <ArrowDownIcon className="size-3 shrink-0 text-zinc-900 dark:text-zinc-100" />
      ) : (
        // Only on hover or focus, so it takes no room from the label.
        <SortIcon className="hidden size-3 shrink-0 opacity-60 group-hover:block group-focus-visible:block" />
      )}
    </button>
  )
}

const ariaSort = { asc: 'ascending', desc: 'descending' } as const

/**
 * A TanStack table rendered as a real <table>. Columns describe their width,
 * classes and loading placeholder in `meta`, so loading rows have exactly the
 * layout of the loaded ones.
 */
export function DataTable<TData>({
  table,
  label,
  loading = false,
  skeletonRows = 10,
  busy = false,
  fallback,
  getRowProps,
  className,
  tableClassName,
  theadClassName,
  rowClassName,
  ref,
}: DataTableProps<TData>) {
  const columns = table.getVisibleLeafColumns()
  const rows = table.getRowModel().rows
  return (
    // A layer of its own: a change elsewhere on the page (a key in the
    // search box, a pressed button) repaints without walking every row.
    <div className={cn('relative isolate', className)}>
      <table
        ref={ref}
        aria-label={label}
        aria-busy={loading || busy}
        className={cn('w-full table-fixed border-collapse', tableClassName)}
      >
        <colgroup>
          {columns.map((column) => (
            <col
              key={column.id}
              className={column.columnDef.meta?.widthClassName}
            />
          ))}
        </colgroup>
        <thead className={theadClassName}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted()
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      header.column.getCanSort()
                        ? sorted
                          ? ariaSort[sorted]
                          : 'none'
                        : undefined
                    }
                    className={cn(
                      'text-left text-xs font-medium text-zinc-500 dark:text-zinc-400',
                      header.column.columnDef.meta?.headerClassName,
                    )}
                  >
                    {header.isPlaceholder ? null : header.column.getCanSort() ? (
                      <SortButton header={header} />
                    ) : (
                      flexRender(
                        header.column.columnDef.header,
                        header.getContext(),
                      )
                    )}
                  </th>
                )
              })}
            </tr>
          ))}
        </thead>
        <tbody className={cn(busy && 'opacity-60 transition-opacity')}>
          {loading ? (
            Array.from({ length: skeletonRows }, (_, index) => (
              <tr key={index} className={rowClassName}>
                {columns.map((column) => (
                  <td
                    key={column.id}
                    className={column.columnDef.meta?.cellClassName}
                  >
                    {column.columnDef.meta?.skeleton ?? (
                      <Skeleton className="w-3/4" />
                    )}
                  </td>
                ))}
              </tr>
            ))
          ) : fallback !== undefined && rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="block sm:table-cell">
                {fallback}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} className={rowClassName} {...getRowProps?.(row)}>
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={cell.column.columnDef.meta?.cellClassName}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  )
}
