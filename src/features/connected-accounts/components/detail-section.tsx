import { type ReactNode, useId } from 'react'

import { cn } from '../../../lib/cn'

/** A titled card of the detail page; the title names the region. */
export function DetailSection({
  title,
  description,
  actions,
  children,
  className,
  bodyClassName,
}: {
  title: string
  description?: ReactNode
  actions?: ReactNode
  children: ReactNode
  className?: string
  bodyClassName?: string
}) {
  const titleId = useId()
  return (
    <section
      aria-labelledby={titleId}
      className={cn(
        'rounded-xl bg-white ring-1 ring-zinc-950/[0.08] dark:bg-zinc-900/40 dark:ring-white/[0.08]',
        className,
      )}
    >
      <header className="flex min-h-12 flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-zinc-100 px-4 py-2.5 dark:border-zinc-800/70">
        <div className="min-w-0">
          <h2
            id={titleId}
            className="text-sm font-semibold text-zinc-900 dark:text-zinc-100"
          >
            {title}
          </h2>
          {description ? (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {description}
            </p>
          ) : null}
        </div>
        {actions ? (
          <div className="flex items-center gap-2">{actions}</div>
        ) : null}
      </header>
      <div className={cn('px-4 py-3', bodyClassName)}>{children}</div>
    </section>
  )
}

/** An error line under a field or form, tied to it with aria-describedby. */
export function FieldError({
  id,
  children,
}: {
  id: string
  children: ReactNode
}) {
  return (
    <p
      id={id}
      className="mt-1 text-xs break-words text-red-700 [overflow-wrap:anywhere] dark:text-red-300"
    >
      {children}
    </p>
  )
}
