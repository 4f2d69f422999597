import type { ConnectedAccount } from '@seamapi/types/connect'
import {
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  type Updater,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table'
import { type ReactNode, type Ref, useMemo, useRef } from 'react'
import { useNavigate } from 'react-router'

import { DataTable } from '../../../components/ui/data-table'
import { usePrefetchConnectedAccount } from '../api/get-connected-account'
import {
  type AccountColumnId,
  isAccountColumnId,
  SORTABLE_COLUMN_IDS,
} from '../lib/column-ids'
import type { SortState } from '../lib/url-state'
import { type AccountLink, createAccountColumns } from './columns'

export interface AccountsTableProps {
  accounts: readonly ConnectedAccount[]
  accountLink: AccountLink
  loading: boolean
  busy: boolean
  skeletonRows: number
  fallback?: ReactNode
  sort: SortState | null
  onSortChange: (sort: SortState | null) => void
  hiddenColumns: readonly AccountColumnId[]
  ref?: Ref<HTMLTableElement>
}

const HOVER_INTENT_MS = 80

const rowClassName =
  'group/row cursor-pointer transition-colors hover:bg-zinc-50 has-[[data-row-link]:focus-visible]:bg-brand-50/70 dark:hover:bg-zinc-900/70 dark:has-[[data-row-link]:focus-visible]:bg-brand-500/10 max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-3 max-sm:gap-y-1.5 max-sm:border-b max-sm:border-zinc-100 max-sm:px-4 max-sm:py-3 max-sm:dark:border-zinc-800/70'

function toSorting(sort: SortState | null): SortingState {
  return sort ? [{ id: sort.id, desc: sort.desc }] : []
}

function fromSorting(sorting: SortingState): SortState | null {
  const [first] = sorting
  if (!first || !isAccountColumnId(first.id)) return null
  const id = first.id
  return SORTABLE_COLUMN_IDS.includes(id) ? { id, desc: first.desc } : null
}

/** Did this click mean "open the row", not "use a control" or "select text"? */
function isRowActivation(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false
  if (target.closest('a, button, input, select, textarea, label')) return false
  return (window.getSelection()?.toString() ?? '') === ''
}

export function AccountsTable({
  accounts,
  accountLink,
  loading,
  busy,
  skeletonRows,
  fallback,
  sort,
  onSortChange,
  hiddenColumns,
  ref,
}: AccountsTableProps) {
  const navigate = useNavigate()
  const prefetch = usePrefetchConnectedAccount()
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const columns = useMemo(
    () => createAccountColumns(accountLink),
    [accountLink],
  )
  const sorting = useMemo(() => toSorting(sort), [sort])
  const columnVisibility = useMemo<VisibilityState>(
    () => Object.fromEntries(hiddenColumns.map((id) => [id, false])),
    [hiddenColumns],
  )
  // TanStack Table keeps its own mutable state; the React Compiler cannot
  // memoize around it, and this component does not rely on it doing so.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: accounts as ConnectedAccount[],
    columns,
    state: { sorting, columnVisibility },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater
      onSortChange(fromSorting(next))
    },
    getRowId: (account) => account.connected_account_id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    enableMultiSort: false,
  })

  const cancelHover = () => {
    if (hoverTimer.current !== null) clearTimeout(hoverTimer.current)
    hoverTimer.current = null
  }

  return (
    <DataTable
      ref={ref}
      table={table}
      label="Connected accounts"
      loading={loading}
      busy={busy}
      skeletonRows={skeletonRows}
      fallback={fallback}
      // Fixed columns plus room for the account name; narrower screens
      // scroll sideways until cards take over below `sm`.
      className="overflow-x-auto max-sm:overflow-visible xl:overflow-visible"
      tableClassName="min-w-[74rem] max-sm:block max-sm:min-w-0 max-sm:[&>tbody]:block max-sm:[&>colgroup]:hidden"
      theadClassName="max-sm:sr-only"
      rowClassName={rowClassName}
      getRowProps={(row) => {
        const account = row.original
        const { to, state } = accountLink(account)
        return {
          onMouseEnter: () => {
            cancelHover()
            hoverTimer.current = setTimeout(() => {
              prefetch(account.connected_account_id)
            }, HOVER_INTENT_MS)
          },
          onMouseLeave: cancelHover,
          onFocus: () => {
            prefetch(account.connected_account_id)
          },
          onClick: (event) => {
            if (!isRowActivation(event.target)) return
            if (event.metaKey || event.ctrlKey || event.shiftKey) {
              window.open(to, '_blank', 'noopener')
              return
            }
            void navigate(to, { state })
          },
          onAuxClick: (event) => {
            if (event.button === 1 && isRowActivation(event.target)) {
              window.open(to, '_blank', 'noopener')
            }
          },
        }
      }}
    />
  )
}
