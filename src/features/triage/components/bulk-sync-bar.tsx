import { Button } from '../../../components/ui/button'
import { GuardedButton } from '../../../components/ui/guarded-button'
import type { Permission } from '../../../lib/permissions'
import type { SyncResult } from '../api/use-bulk-sync'

export function BulkSyncBar({
  selectedCount,
  batch,
  results,
  running,
  onSync,
  onCancel,
  onRetryFailed,
  onClearSelection,
  permission,
}: {
  selectedCount: number
  batch: readonly string[]
  results: ReadonlyMap<string, SyncResult>
  running: boolean
  onSync: () => void
  onCancel: () => void
  onRetryFailed: (ids: string[]) => void
  onClearSelection: () => void
  /** Syncing; undefined allows it. */
  permission?: Permission | undefined
}) {
  if (selectedCount === 0 && batch.length === 0) return null
  const states = batch.map((id) => results.get(id)?.state)
  const accepted = states.filter((s) => s === 'accepted').length
  const failedIds = batch.filter((id) => results.get(id)?.state === 'failed')
  const cancelled = states.filter((s) => s === 'cancelled').length
  const done = accepted + failedIds.length + cancelled
  const percent =
    batch.length === 0 ? 0 : Math.round((done / batch.length) * 100)
  const summary = [
    `${done} of ${batch.length} done`,
    `${accepted} accepted`,
    `${failedIds.length} failed`,
    ...(cancelled > 0 ? [`${cancelled} cancelled`] : []),
  ].join(' · ')

  return (
    <div
      role="region"
      aria-label="Bulk sync"
      className="flex flex-col gap-2 rounded-xl bg-white px-4 py-3 ring-1 ring-zinc-950/[0.08] dark:bg-zinc-900/40 dark:ring-white/[0.08]"
    >
      <div className="flex flex-wrap items-center gap-2 text-[13px]">
        <span className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">
          {selectedCount} selected
        </span>
        <GuardedButton
          permission={permission}
          tooltipAlign="start"
          size="sm"
          variant="primary"
          disabled={running || selectedCount === 0}
          onClick={onSync}
        >
          Sync {selectedCount} {selectedCount === 1 ? 'account' : 'accounts'}
        </GuardedButton>
        {selectedCount > 0 && !running ? (
          <Button size="sm" variant="ghost" onClick={onClearSelection}>
            Clear selection
          </Button>
        ) : null}
        {running ? (
          <Button size="sm" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        {!running && failedIds.length > 0 ? (
          <GuardedButton
            permission={permission}
            size="sm"
            onClick={() => {
              onRetryFailed(failedIds)
            }}
          >
            Retry {failedIds.length} failed
          </GuardedButton>
        ) : null}
      </div>
      {batch.length > 0 ? (
        <div className="flex flex-col gap-1">
          <div
            role="progressbar"
            aria-label="Sync progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={summary}
            className="h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
          >
            <div
              className="h-full rounded-full bg-brand-500 transition-[width] duration-300"
              style={{ width: `${percent}%` }}
            />
          </div>
          <p
            role="status"
            className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
          >
            {running ? 'Syncing… ' : 'Finished: '}
            {summary}
          </p>
        </div>
      ) : null}
    </div>
  )
}

export function SyncResultNote({ result }: { result: SyncResult | undefined }) {
  if (!result) return null
  const text =
    result.state === 'failed'
      ? `Sync failed: ${result.message}`
      : {
          queued: 'Sync queued',
          syncing: 'Syncing…',
          accepted: 'Sync accepted',
          cancelled: 'Sync cancelled',
        }[result.state]
  return (
    <p
      className={
        result.state === 'failed'
          ? 'mt-1 text-xs text-red-700 dark:text-red-300'
          : result.state === 'accepted'
            ? 'mt-1 text-xs text-emerald-700 dark:text-emerald-300'
            : 'mt-1 text-xs text-zinc-500 dark:text-zinc-400'
      }
    >
      {text}
    </p>
  )
}
