import { cn } from '../../lib/cn'

/** A placeholder bar; purely visual, the region around it says it is loading. */
export function Skeleton({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        'block h-3 animate-pulse rounded bg-zinc-200/80 dark:bg-zinc-800',
        className,
      )}
    />
  )
}
