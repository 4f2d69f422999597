import { noop, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useRef, useState } from 'react'

import { Button } from '../../../components/ui/button'
import { FilterIcon } from '../../../components/ui/icons'
import { Kbd } from '../../../components/ui/kbd'
import { Pagination } from '../../../components/ui/pagination'
import { useCursorPages } from '../../../components/ui/use-cursor-pages'
import {
  listConnectedAccountsQueryOptions,
  useListConnectedAccounts,
} from '../api/list-connected-accounts'
import type { AccountColumnId } from '../lib/column-ids'
import {
  readHiddenColumnsPreference,
  writeHiddenColumnsPreference,
} from '../lib/column-preference'
import { cursorStackKey } from '../lib/cursor-stack'
import { applyFixedFilters, type FixedFilters } from '../lib/fixed-filters'
import {
  type AccountsQuery,
  type AccountsViewState,
  PAGE_SIZES,
  toListParams,
  withoutFilters,
  withQuery,
} from '../lib/url-state'
import { AccountsTable } from './accounts-table'
import { ColumnMenu } from './column-menu'
import type { AccountLink } from './columns'
import { activeFilterCount, ActiveFilters, FilterPanel } from './filters'
import { EmptyState, ErrorState, isBadCursorError } from './list-states'
import { SearchBox } from './search-box'
import { ShortcutsDialog } from './shortcuts-dialog'
import { UpdatedAgo } from './updated-ago'
import { useResultsAnnouncement } from './use-results-announcement'

export interface ViewChangeOptions {
  /** Replace the history entry instead of adding one (typing, sorting). */
  replace?: boolean
  /** Keep the scroll position (filters); paging scrolls back to the top. */
  keepScroll?: boolean
}

export interface ConnectedAccountsScreenProps {
  /** The view the URL describes; the same object while the URL is unchanged. */
  view: AccountsViewState
  onViewChange: (next: AccountsViewState, options?: ViewChangeOptions) => void
  accountLink: AccountLink
  /**
   * Filters the portal sets: every list request includes them, they show as
   * locked and the reader cannot remove or change them. Keep the object the
   * same between renders while the filters are unchanged.
   */
  fixedFilters?: FixedFilters | undefined
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.closest('input, textarea, select, [contenteditable]') !== null)
  )
}

export function ConnectedAccountsScreen({
  view,
  onViewChange,
  accountLink,
  fixedFilters,
}: ConnectedAccountsScreenProps) {
  const queryClient = useQueryClient()
  const searchRef = useRef<HTMLInputElement>(null)
  const tableRef = useRef<HTMLTableElement>(null)
  const [filtersOpen, setFiltersOpen] = useState(false)
  const [shortcutsOpen, setShortcutsOpen] = useState(false)
  const [storedHidden, setStoredHidden] = useState(readHiddenColumnsPreference)
  const hiddenColumns = view.hiddenColumns ?? storedHidden

  // What is fetched: the reader's view with the portal's filters on top.
  const effective = useMemo(
    () => applyFixedFilters(view, fixedFilters),
    [view, fixedFilters],
  )
  const params = useMemo(() => toListParams(effective), [effective])
  const list = useListConnectedAccounts(params)
  const { data, error, isPending, isPlaceholderData, isFetching } = list
  const stackKey = cursorStackKey(effective)
  const nextCursor = isPlaceholderData
    ? null
    : (data?.pagination.next_page_cursor ?? null)
  const pages = useCursorPages({
    stackKey,
    page: view.page,
    cursor: view.cursor,
    nextCursor,
    isPlaceholderData,
    goToPage: (page, cursor) => {
      onViewChange({ ...view, page, cursor })
    },
  })
  useResultsAnnouncement({
    queryKey: stackKey,
    count: data && !isPlaceholderData ? data.connected_accounts.length : null,
    hasMore: nextCursor !== null,
  })
  // The next page is usually wanted next: have it ready.
  useEffect(() => {
    if (!nextCursor) return
    queryClient
      .query(
        listConnectedAccountsQueryOptions({
          ...params,
          page_cursor: nextCursor,
        }),
      )
      .catch(noop)
  }, [queryClient, params, nextCursor])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey) return
      if (event.altKey || isTyping(event.target)) return
      if (document.querySelector('dialog[open]')) return
      if (event.key === '/') {
        event.preventDefault()
        searchRef.current?.focus()
        searchRef.current?.select()
      } else if (event.key === '?') {
        event.preventDefault()
        setShortcutsOpen(true)
      } else if (event.key === 'j' || event.key === 'k') {
        const links = [
          ...(tableRef.current?.querySelectorAll<HTMLAnchorElement>(
            'a[data-row-link]',
          ) ?? []),
        ]
        if (links.length === 0) return
        event.preventDefault()
        const current = links.findIndex(
          (link) => link === document.activeElement,
        )
        const next =
          current === -1
            ? 0
            : Math.min(
                links.length - 1,
                Math.max(0, current + (event.key === 'j' ? 1 : -1)),
              )
        links[next]?.focus()
        links[next]?.scrollIntoView({ block: 'nearest' })
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [])

  const changeQuery = (
    query: Partial<AccountsQuery>,
    options: ViewChangeOptions = {},
  ) => {
    onViewChange(withQuery(view, query), { keepScroll: true, ...options })
  }
  const clearAll = () => {
    onViewChange(withoutFilters(view), { keepScroll: true })
  }
  const changeHidden = (hidden: AccountColumnId[]) => {
    writeHiddenColumnsPreference(hidden)
    setStoredHidden(hidden)
    onViewChange(
      { ...view, hiddenColumns: hidden },
      { replace: true, keepScroll: true },
    )
  }

  const accounts = data?.connected_accounts ?? []
  const filterCount = activeFilterCount(effective)
  const fallback =
    error && !data ? (
      <ErrorState
        error={error}
        retrying={isFetching}
        onRetry={() => void list.refetch()}
        onFirstPage={
          view.page > 1 && isBadCursorError(error)
            ? () => {
                pages.onFirst()
              }
            : null
        }
      />
    ) : (
      <EmptyState query={view} fixed={fixedFilters} onClear={clearAll} />
    )

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
        <div>
          <h1 className="text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
            Connected accounts
          </h1>
          <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
            Find an account by email, phone, customer key, metadata or ID.
          </p>
        </div>
        <UpdatedAgo
          updatedAt={isPlaceholderData ? 0 : list.dataUpdatedAt}
          refreshing={isFetching && !isPlaceholderData && !isPending}
          onRefresh={() => void list.refetch()}
        />
      </div>

      <search className="flex flex-col gap-2.5">
        <div className="flex items-center gap-2">
          <SearchBox
            ref={searchRef}
            value={view.search}
            onSearch={(search) => {
              changeQuery({ search }, { replace: true })
            }}
          />
          <Button
            aria-expanded={filtersOpen}
            onClick={() => {
              setFiltersOpen((open) => !open)
            }}
            className="h-9"
          >
            <FilterIcon className="size-3.5" />
            <span className="max-sm:sr-only">Filters</span>
            {filterCount > 0 ? (
              <span className="rounded bg-brand-50 px-1 text-[11px] font-semibold text-brand-700 tabular-nums dark:bg-brand-400/15 dark:text-brand-200">
                <span className="sr-only">(</span>
                {filterCount}
                <span className="sr-only"> active)</span>
              </span>
            ) : null}
          </Button>
          <ColumnMenu hidden={hiddenColumns} onChange={changeHidden} />
        </div>
        {filtersOpen ? (
          <FilterPanel
            key={JSON.stringify([
              effective.customerKey,
              effective.customerIds,
              effective.userIdentifierKey,
            ])}
            query={view}
            fixed={fixedFilters}
            onChange={(change) => {
              changeQuery(change)
            }}
          />
        ) : null}
        <ActiveFilters
          query={view}
          fixed={fixedFilters}
          onChange={(change) => {
            changeQuery(change)
          }}
          onClearAll={() => {
            changeQuery({
              customerKey: '',
              customerIds: [],
              userIdentifierKey: '',
              metadata: [],
            })
          }}
        />
      </search>

      <section
        aria-label="Accounts"
        className="overflow-clip rounded-xl bg-white ring-1 ring-zinc-950/[0.08] dark:bg-zinc-900/40 dark:ring-white/[0.08]"
      >
        <AccountsTable
          ref={tableRef}
          accounts={accounts}
          accountLink={accountLink}
          loading={isPending}
          busy={isPlaceholderData}
          skeletonRows={Math.min(view.pageSize, 12)}
          fallback={fallback}
          sort={view.sort}
          onSortChange={(sort) => {
            onViewChange({ ...view, sort }, { replace: true, keepScroll: true })
          }}
          hiddenColumns={hiddenColumns}
        />
        <div className="border-t border-zinc-100 dark:border-zinc-800/70">
          <Pagination
            page={view.page}
            pageSize={view.pageSize}
            pageSizes={PAGE_SIZES}
            rowCount={data && !isPlaceholderData ? accounts.length : null}
            {...pages}
            onPageSizeChange={(pageSize) => {
              onViewChange({ ...view, pageSize, page: 1, cursor: null })
            }}
          />
        </div>
      </section>

      <p className="text-xs text-zinc-500 max-sm:hidden dark:text-zinc-400">
        Press <Kbd>?</Kbd> for keyboard shortcuts.
      </p>
      <ShortcutsDialog
        open={shortcutsOpen}
        onClose={() => {
          setShortcutsOpen(false)
        }}
      />
    </div>
  )
}
