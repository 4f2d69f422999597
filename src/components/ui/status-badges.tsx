import { cn } from '../../lib/cn'
import { deriveStatus, type StatusInput } from '../../lib/status'
import { Badge } from './badge'
import { CheckCircleIcon, ErrorIcon, WarningIcon } from './icons'

/**
 * A badge per problem: red for errors, amber for warnings, each with an icon
 * and words, so colour is never the only signal.
 */
export function StatusBadges({
  account,
  className,
}: {
  account: StatusInput
  className?: string
}) {
  const status = deriveStatus(account)
  if (status.healthy) {
    return (
      <span
        className={cn(
          'flex w-fit items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400',
          className,
        )}
      >
        <CheckCircleIcon className="size-3.5 text-emerald-600 dark:text-emerald-400" />
        Healthy
      </span>
    )
  }
  return (
    <ul className={cn('flex min-w-0 flex-wrap gap-1', className)}>
      {status.badges.map((badge) => {
        const isError = badge.severity === 'error'
        const Icon = isError ? ErrorIcon : WarningIcon
        const kind = isError ? 'Error' : 'Warning'
        return (
          <li key={`${badge.severity}:${badge.code}`} className="min-w-0">
            <Badge
              tone={isError ? 'red' : 'amber'}
              title={[
                `${kind}: ${badge.code}`,
                ...new Set(badge.messages),
              ].join('\n')}
            >
              <Icon className="size-3 shrink-0" />
              <span className="sr-only">{kind}: </span>
              <span className={cn('truncate', !badge.known && 'font-mono')}>
                <bdi>{badge.label}</bdi>
              </span>
              {badge.count > 1 ? (
                <>
                  <span aria-hidden="true" className="tabular-nums opacity-75">
                    ×{badge.count}
                  </span>
                  <span className="sr-only">, {badge.count} times</span>
                </>
              ) : null}
              {!badge.known && badge.messages[0] ? (
                <span className="sr-only">: {badge.messages[0]}</span>
              ) : null}
            </Badge>
          </li>
        )
      })}
    </ul>
  )
}
