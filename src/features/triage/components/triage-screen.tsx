import { type ReactNode, useMemo, useState } from 'react'
import type { To } from 'react-router'

import { Button } from '../../../components/ui/button'
import { ErrorIcon, RefreshIcon } from '../../../components/ui/icons'
import { RequestId } from '../../../components/ui/request-id'
import { Skeleton } from '../../../components/ui/skeleton'
import { cn } from '../../../lib/cn'
import type { Permission } from '../../../lib/permissions'
import { isTriageSettling, useTriage } from '../api/get-triage'
import { useRefreshTriage } from '../api/refresh-triage'
import { useBulkSync } from '../api/use-bulk-sync'
import { downloadCsv, triageCsv } from '../lib/csv'
import type { TriageAccount, TriageState } from '../lib/types'
import {
  customerOptions,
  filterQueue,
  providerOptions,
  type TriageView,
} from '../lib/view-state'
import { BulkSyncBar } from './bulk-sync-bar'
import { ProblemTiles, TriageTotals } from './problem-tiles'
import { QueueFilters } from './queue-filters'
import { SaltoSites } from './salto-sites'
import { ScanProgress } from './scan-progress'
import { TriageQueue } from './triage-queue'

export interface TriageScreenProps {
  view: TriageView
  onViewChange: (next: TriageView, options?: { replace?: boolean }) => void
  accountLink: (account: TriageAccount) => To
  /**
   * What the reader's role may do; undefined allows everything. Without
   * sync, selecting for bulk sync and the sync buttons are disabled; without
   * reconnect, the reconnect-link buttons are. Each gives its reason.
   */
  permissions?: { sync: Permission; reconnect: Permission } | undefined
}

const EMPTY_VIEW: TriageView = {
  code: null,
  customer: null,
  provider: null,
  q: '',
}

function Panel({ children }: { children: ReactNode }) {
  return (
    <div className="overflow-clip rounded-xl bg-white ring-1 ring-zinc-950/[0.08] dark:bg-zinc-900/40 dark:ring-white/[0.08]">
      {children}
    </div>
  )
}

function ErrorPanel({
  message,
  error = null,
  retrying,
  onRetry,
}: {
  message: string
  /** The failed request, for its request ID. */
  error?: Error | null
  retrying: boolean
  onRetry: () => void
}) {
  return (
    <Panel>
      <div
        role="alert"
        className="mx-auto flex max-w-md flex-col items-center px-4 py-14 text-center text-[13px]"
      >
        <span className="mb-3 inline-flex size-9 items-center justify-center rounded-lg bg-red-50 text-red-600 dark:bg-red-500/10 dark:text-red-300">
          <ErrorIcon />
        </span>
        <h2 className="font-medium text-zinc-900 dark:text-zinc-100">
          Could not gather the triage data
        </h2>
        <p className="mt-1 break-words text-zinc-500 dark:text-zinc-400">
          {message}
        </p>
        {error ? (
          <RequestId
            error={error}
            className="mt-2 block text-xs text-zinc-500 dark:text-zinc-400"
          />
        ) : null}
        <Button className="mt-4" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </Button>
      </div>
    </Panel>
  )
}

function StatusNote({ state }: { state: TriageState }) {
  if (state.data === null) return null
  const refreshing = isTriageSettling(state)
  if (!refreshing && !state.stale && !state.error) return null
  return (
    <p
      role="status"
      className={cn(
        'flex items-center gap-1.5 rounded-lg px-3 py-2 text-xs',
        state.error && !refreshing
          ? 'bg-red-50 text-red-800 dark:bg-red-500/10 dark:text-red-200'
          : 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300',
      )}
    >
      {refreshing ? (
        <>
          <RefreshIcon className="size-3.5 animate-spin motion-reduce:animate-none" />
          Showing the last data while it refreshes…
        </>
      ) : state.error ? (
        <>
          <ErrorIcon className="size-3.5" />
          The last scan failed ({state.error.message}); showing older data.
        </>
      ) : (
        'This data is out of date. Refresh to scan again.'
      )}
    </p>
  )
}

export function TriageScreen({
  view,
  onViewChange,
  accountLink,
  permissions,
}: TriageScreenProps) {
  const triage = useTriage()
  const refresh = useRefreshTriage()
  const state = triage.data
  const data = state?.data ?? null

  const queue = useMemo(() => data?.queue ?? [], [data])
  const filtered = useMemo(() => filterQueue(queue, view), [queue, view])
  const customers = useMemo(() => customerOptions(queue), [queue])
  const providers = useMemo(() => providerOptions(queue), [queue])

  const scanning = state ? isTriageSettling(state) : false

  const bulk = useBulkSync()
  const canSync = permissions?.sync.allowed !== false
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set())
  const toggle = (id: string) => {
    if (!canSync) return
    setSelected((previous) => {
      const next = new Set(previous)
      if (!next.delete(id)) next.add(id)
      return next
    })
  }
  const toggleAll = () => {
    if (!canSync) return
    const ids = filtered.map((a) => a.connected_account_id)
    setSelected((previous) =>
      ids.every((id) => previous.has(id))
        ? new Set([...previous].filter((id) => !ids.includes(id)))
        : new Set([...previous, ...ids]),
    )
  }

  let body: ReactNode
  if (triage.isPending) {
    body = (
      <div aria-busy="true" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-16" />
        ))}
      </div>
    )
  } else if (triage.isError && !data) {
    body = (
      <ErrorPanel
        message={triage.error.message}
        error={triage.error}
        retrying={triage.isFetching}
        onRetry={() => void triage.refetch()}
      />
    )
  } else if (state && !data && state.status === 'error') {
    body = (
      <ErrorPanel
        message={state.error?.message ?? 'The scan failed.'}
        retrying={refresh.isPending}
        onRetry={() => {
          refresh.mutate()
        }}
      />
    )
  } else if (!data) {
    body = (
      <Panel>
        <div className="px-4 py-6">
          <ScanProgress progress={state?.progress ?? null} />
        </div>
      </Panel>
    )
  } else {
    body = (
      <>
        {state ? <StatusNote state={state} /> : null}
        {state?.progress ? (
          <Panel>
            <div className="px-4 py-3">
              <ScanProgress progress={state.progress} />
            </div>
          </Panel>
        ) : null}
        <TriageTotals data={data} generatedAt={state?.generated_at ?? null} />
        <ProblemTiles
          problems={data.problem_counts}
          activeCode={view.code}
          onCodeChange={(code) => {
            onViewChange({ ...view, code })
          }}
        />
        <section
          aria-labelledby="queue-heading"
          className="flex flex-col gap-2.5"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2
              id="queue-heading"
              className="text-sm font-semibold text-zinc-900 dark:text-zinc-100"
            >
              Queue{' '}
              <span className="font-normal text-zinc-500 tabular-nums dark:text-zinc-400">
                {filtered.length === queue.length
                  ? `${queue.length} accounts`
                  : `${filtered.length} of ${queue.length} accounts`}
              </span>
            </h2>
            <Button
              size="sm"
              disabled={filtered.length === 0}
              onClick={() => {
                downloadCsv(
                  `triage-${new Date().toISOString().slice(0, 10)}.csv`,
                  triageCsv(filtered),
                )
              }}
            >
              Export CSV
            </Button>
          </div>
          <QueueFilters
            view={view}
            customers={customers}
            providers={providers}
            onViewChange={onViewChange}
          />
          <BulkSyncBar
            selectedCount={selected.size}
            batch={bulk.batch}
            results={bulk.results}
            running={bulk.running}
            onSync={() => {
              if (canSync) void bulk.start([...selected])
            }}
            onCancel={bulk.cancel}
            onRetryFailed={(ids) => {
              if (canSync) void bulk.start(ids)
            }}
            permission={permissions?.sync}
            onClearSelection={() => {
              setSelected(new Set())
            }}
          />
          <Panel>
            <TriageQueue
              // A new filter starts again from the first rows.
              key={`${view.code}|${view.customer}|${view.provider}|${view.q}`}
              accounts={filtered}
              total={queue.length}
              accountLink={accountLink}
              onClear={() => {
                onViewChange(EMPTY_VIEW)
              }}
              selected={selected}
              onToggle={toggle}
              onToggleAll={toggleAll}
              results={bulk.results}
              permissions={permissions}
            />
          </Panel>
        </section>
        <SaltoSites sites={data.salto_ks_sites} />
      </>
    )
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-2">
        <div>
          <h1 className="text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
            Triage
          </h1>
          <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
            Every account with a problem, worst and oldest first.
          </p>
        </div>
        <Button
          onClick={() => {
            refresh.mutate()
          }}
          disabled={refresh.isPending || scanning}
        >
          <RefreshIcon
            className={cn(
              'size-3.5',
              (refresh.isPending || scanning) &&
                'animate-spin motion-reduce:animate-none',
            )}
          />
          {scanning ? 'Refreshing…' : 'Refresh'}
        </Button>
      </div>
      {refresh.isError ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          Could not start a refresh: {refresh.error.message}
        </p>
      ) : null}
      {body}
    </div>
  )
}
