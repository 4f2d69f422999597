import { formatDateTime, formatRelativeTime } from '../../lib/format'
import { useNow } from '../../lib/use-now'

/** "3 days ago", with the exact time on hover and for assistive tech. */
export function RelativeTime({
  date,
  className,
}: {
  date: string
  className?: string
}) {
  const now = useNow(30_000)
  const exact = formatDateTime(date)
  return (
    <time dateTime={date} title={exact} className={className}>
      {formatRelativeTime(date, now) || date}
    </time>
  )
}
