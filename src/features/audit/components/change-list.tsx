import type { AuditChanges } from '../../../../server/audit/model'
import { cn } from '../../../lib/cn'
import { summarizeChanges } from '../lib/summary'

/** What a call changed, one chip per key or field; nothing when unknown. */
export function ChangeList({
  changes,
  className,
}: {
  changes: AuditChanges | null
  className?: string
}) {
  const lines = summarizeChanges(changes)
  if (lines.length === 0) return null
  return (
    <ul
      aria-label="What changed"
      className={cn('flex min-w-0 flex-wrap gap-1', className)}
    >
      {lines.map((line, index) => (
        <li
          key={`${index}:${line}`}
          title={line}
          className="max-w-full rounded bg-zinc-100 [overflow-wrap:anywhere] px-1.5 py-0.5 font-mono text-[11px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
        >
          <bdi>{line}</bdi>
        </li>
      ))}
    </ul>
  )
}
