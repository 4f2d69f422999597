import { cn } from '../../lib/cn'

/**
 * Text from the API, shown as text: React escapes it, <bdi> keeps
 * right-to-left runs and direction overrides from reordering what is around
 * it, and long values end in an ellipsis with the whole value on hover.
 */
export function PlainText({
  children,
  className,
  truncate = true,
}: {
  children: string
  className?: string
  truncate?: boolean
}) {
  return (
    <span
      title={truncate ? children : undefined}
      className={cn(
        truncate ? 'block truncate' : 'break-words [overflow-wrap:anywhere]',
        className,
      )}
    >
      <bdi>{children}</bdi>
    </span>
  )
}
