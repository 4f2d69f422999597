import type { TriageProgress } from '../lib/types'

const count = new Intl.NumberFormat('en')

/**
 * A real progress bar: determinate when the server can estimate the total,
 * otherwise what was scanned so far over an indeterminate bar.
 */
export function ScanProgress({
  progress,
}: {
  progress: TriageProgress | null
}) {
  const total = progress?.estimated_total ?? null
  const scanned = progress?.accounts_scanned ?? 0
  const pages = progress?.pages_scanned ?? 0
  const percent =
    total !== null && total > 0
      ? Math.min(100, Math.floor((scanned / total) * 100))
      : null
  const text =
    total !== null
      ? `${count.format(scanned)} of about ${count.format(total)} accounts scanned`
      : `${count.format(scanned)} accounts scanned on ${count.format(pages)} ${pages === 1 ? 'page' : 'pages'}`

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between gap-4 text-[13px]">
        <span className="font-medium text-zinc-900 dark:text-zinc-100">
          Scanning every connected account…
        </span>
        <span className="text-zinc-500 tabular-nums dark:text-zinc-400">
          {percent === null ? null : `${percent} %`}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Scan progress"
        aria-valuemin={percent === null ? undefined : 0}
        aria-valuemax={percent === null ? undefined : 100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={text}
        className="relative h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        {percent === null ? (
          <div className="h-full w-full animate-pulse rounded-full bg-brand-500/60" />
        ) : (
          <div
            className="h-full rounded-full bg-brand-500 transition-[width] duration-500"
            style={{ width: `${percent}%` }}
          />
        )}
      </div>
      <p className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
        {text}
      </p>
    </div>
  )
}
