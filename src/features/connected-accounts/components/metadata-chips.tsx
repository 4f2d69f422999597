import type { ConnectedAccount } from '@seamapi/types/connect'

import { cn } from '../../../lib/cn'

const chipClassName =
  'inline-flex max-w-full min-w-0 items-center rounded bg-zinc-100 px-1.5 py-px text-xs text-zinc-900 dark:bg-zinc-800 dark:text-zinc-200'

/** The first pairs as chips, then "+N more"; every pair on hover. */
export function MetadataChips({
  metadata,
  max = 2,
  nowrap = false,
  className,
}: {
  metadata: ConnectedAccount['custom_metadata']
  max?: number
  /** One line: the first chip shrinks to make room for the "+N". */
  nowrap?: boolean
  className?: string
}) {
  const entries = Object.entries(metadata)
  if (entries.length === 0) {
    return (
      <span data-empty="" className="text-xs text-zinc-500 dark:text-zinc-400">
        <span aria-hidden="true">—</span>
        <span className="sr-only">No metadata</span>
      </span>
    )
  }
  const shown = entries.slice(0, max)
  const hidden = entries.slice(max)
  const describe = (pairs: typeof entries) =>
    pairs.map(([key, value]) => `${key}: ${String(value)}`).join('\n')
  return (
    <ul
      className={cn(
        'flex min-w-0 gap-1',
        nowrap ? 'flex-nowrap' : 'flex-wrap',
        className,
      )}
    >
      {shown.map(([key, value]) => (
        <li key={key} className="max-w-full min-w-0">
          <span className={chipClassName} title={`${key}: ${String(value)}`}>
            <span className="truncate">
              <bdi className="text-zinc-600 dark:text-zinc-400">{key}</bdi>
              <span className="text-zinc-600 dark:text-zinc-400">: </span>
              <bdi
                className={cn(
                  typeof value === 'boolean' && 'font-mono text-[11px]',
                )}
              >
                {String(value)}
              </bdi>
            </span>
          </span>
        </li>
      ))}
      {hidden.length > 0 ? (
        <li className="shrink-0">
          <span
            className={cn(chipClassName, 'text-zinc-600 dark:text-zinc-400')}
            title={describe(hidden)}
          >
            +{hidden.length}
            {nowrap ? <span className="sr-only"> more</span> : ' more'}
          </span>
        </li>
      ) : null}
    </ul>
  )
}
