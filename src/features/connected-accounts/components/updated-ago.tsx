import { useId } from 'react'

import { Button } from '../../../components/ui/button'
import { RefreshIcon } from '../../../components/ui/icons'
import { cn } from '../../../lib/cn'
import { formatAge, formatDateTime } from '../../../lib/format'
import { useNow } from '../../../lib/use-now'

export function UpdatedAgo({
  updatedAt,
  refreshing,
  onRefresh,
}: {
  /** Milliseconds since the epoch; 0 while nothing has loaded. */
  updatedAt: number
  refreshing: boolean
  onRefresh: () => void
}) {
  const now = useNow(1_000)
  const textId = useId()
  return (
    <div className="flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400">
      {updatedAt > 0 ? (
        <p
          id={textId}
          title={formatDateTime(updatedAt)}
          className="tabular-nums"
        >
          {refreshing ? 'Updating…' : `Updated ${formatAge(now - updatedAt)}`}
        </p>
      ) : null}
      <Button
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label="Refresh"
        aria-describedby={updatedAt > 0 ? textId : undefined}
        title="Refresh"
        disabled={refreshing}
        onClick={onRefresh}
      >
        <RefreshIcon className={cn('size-3.5', refreshing && 'animate-spin')} />
      </Button>
    </div>
  )
}
