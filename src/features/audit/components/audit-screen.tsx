import { useMemo } from 'react'

import { buttonClassName } from '../../../components/ui/button'
import { Pagination } from '../../../components/ui/pagination'
import { RequestId } from '../../../components/ui/request-id'
import { useCursorPages } from '../../../components/ui/use-cursor-pages'
import { auditExportUrl, useExportAudit } from '../api/export-audit'
import { type AuditQuery, useListAudit } from '../api/list-audit'
import {
  AUDIT_PAGE_SIZES,
  auditCursorKey,
  type AuditView,
  emptyAuditFilters,
  hasAuditFilters,
  toAuditListParams,
  toAuditQuery,
  withAuditFilters,
} from '../lib/view-state'
import { AuditFilterForm } from './audit-filters'
import {
  AuditEmptyState,
  AuditErrorState,
  ForbiddenState,
  isForbidden,
} from './audit-states'
import { type AuditAccountLink, AuditTable } from './audit-table'

export interface AuditScreenProps {
  /** The view the URL describes; the same object while the URL is unchanged. */
  view: AuditView
  onViewChange: (next: AuditView, options?: { replace?: boolean }) => void
  accountLink: AuditAccountLink
}

function Header({ exportQuery }: { exportQuery: AuditQuery | null }) {
  const exporter = useExportAudit()
  return (
    <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-2">
      <div>
        <h1 className="text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
          Audit log
        </h1>
        <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
          Every change made through this dashboard, newest first.
        </p>
      </div>
      {exportQuery === null ? null : (
        <a
          href={auditExportUrl(exportQuery)}
          download
          aria-disabled={exporter.isPending || undefined}
          className={buttonClassName()}
          onClick={(event) => {
            // A new tab or window, or a saved link, stays a plain download.
            if (
              event.button !== 0 ||
              event.metaKey ||
              event.ctrlKey ||
              event.shiftKey ||
              event.altKey
            ) {
              return
            }
            event.preventDefault()
            if (!exporter.isPending) exporter.mutate(exportQuery)
          }}
        >
          {exporter.isPending ? 'Exporting…' : 'Export CSV'}
        </a>
      )}
      {exporter.error ? (
        <p
          role="alert"
          className="w-full rounded-lg bg-red-50 px-3 py-2 text-xs break-words text-red-800 dark:bg-red-500/10 dark:text-red-200"
        >
          Couldn’t export the audit log: {exporter.error.message}{' '}
          <RequestId error={exporter.error} /> Export CSV tries again.
        </p>
      ) : null}
    </div>
  )
}

/** The audit log for admins: filters in the URL, cursor pages, CSV export. */
export function AuditScreen({
  view,
  onViewChange,
  accountLink,
}: AuditScreenProps) {
  const params = useMemo(() => toAuditListParams(view), [view])
  const list = useListAudit(params)
  const { data, error, isPending, isPlaceholderData, isFetching } = list
  const stackKey = auditCursorKey(view)
  const nextCursor =
    isPlaceholderData || !data?.pagination.has_next_page
      ? null
      : data.pagination.next_page_cursor
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
  if (isForbidden(error)) {
    return (
      <div className="flex flex-col gap-4">
        <Header exportQuery={null} />
        <section
          aria-label="Audit log"
          className="rounded-xl bg-white ring-1 ring-zinc-950/[0.08] dark:bg-zinc-900/40 dark:ring-white/[0.08]"
        >
          <ForbiddenState error={error} />
        </section>
      </div>
    )
  }

  const clearFilters = () => {
    onViewChange(withAuditFilters(view, emptyAuditFilters))
  }
  const records = data?.records ?? []
  const fallback =
    error && !data ? (
      <AuditErrorState
        error={error}
        retrying={isFetching}
        onRetry={() => void list.refetch()}
        onFirstPage={
          view.page > 1
            ? () => {
                pages.onFirst()
              }
            : null
        }
      />
    ) : (
      <AuditEmptyState
        filtered={hasAuditFilters(view)}
        onClear={clearFilters}
      />
    )

  return (
    <div className="flex flex-col gap-4">
      <Header exportQuery={toAuditQuery(view)} />
      <AuditFilterForm
        filters={view}
        onApply={(filters) => {
          onViewChange(withAuditFilters(view, filters))
        }}
      />
      <section
        aria-label="Audit records"
        className="overflow-clip rounded-xl bg-white ring-1 ring-zinc-950/[0.08] dark:bg-zinc-900/40 dark:ring-white/[0.08]"
      >
        <AuditTable
          records={records}
          accountLink={accountLink}
          loading={isPending}
          busy={isPlaceholderData}
          skeletonRows={Math.min(view.pageSize, 10)}
          fallback={fallback}
        />
        <div className="border-t border-zinc-100 dark:border-zinc-800/70">
          <Pagination
            page={view.page}
            pageSize={view.pageSize}
            pageSizes={AUDIT_PAGE_SIZES}
            rowCount={data && !isPlaceholderData ? records.length : null}
            {...pages}
            onPageSizeChange={(pageSize) => {
              onViewChange({ ...view, pageSize, page: 1, cursor: null })
            }}
          />
        </div>
      </section>
    </div>
  )
}
