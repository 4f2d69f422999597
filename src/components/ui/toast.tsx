import { useSyncExternalStore } from 'react'

import { cn } from '../../lib/cn'
import { Button } from './button'
import { CloseIcon, ErrorIcon } from './icons'
import { dismissToast, getToasts, subscribeToToasts } from './toast-store'

const noToasts = [] as const

export function Toaster() {
  const toasts = useSyncExternalStore(
    subscribeToToasts,
    getToasts,
    () => noToasts,
  )
  return (
    <section
      aria-label="Notifications"
      // In a portal's frame, as tall as its content, the bottom may be far
      // out of sight: notices show at the top instead.
      className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 in-data-embed:top-0 in-data-embed:bottom-auto sm:items-end"
    >
      {toasts.map((item) => (
        <div
          key={item.id}
          role={item.tone === 'error' ? 'alert' : 'status'}
          className={cn(
            'pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg bg-white p-3 text-[13px] shadow-lg ring-1 ring-zinc-950/10 dark:bg-zinc-900 dark:ring-white/10',
          )}
        >
          {item.tone === 'error' ? (
            <ErrorIcon className="mt-0.5 size-4 shrink-0 text-red-600 dark:text-red-400" />
          ) : null}
          <div className="min-w-0 flex-1">
            <p className="font-medium">{item.title}</p>
            {item.description ? (
              <p className="mt-0.5 break-words text-zinc-500 dark:text-zinc-400">
                {item.description}
              </p>
            ) : null}
          </div>
          <Button
            variant="ghost"
            size="icon"
            className="-my-1 -mr-1 size-7"
            aria-label="Dismiss notification"
            onClick={() => {
              dismissToast(item.id)
            }}
          >
            <CloseIcon />
          </Button>
        </div>
      ))}
    </section>
  )
}
