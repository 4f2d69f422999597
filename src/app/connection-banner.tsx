import { onlineManager } from '@tanstack/react-query'
import { useState, useSyncExternalStore } from 'react'

import { CheckCircleIcon, WarningIcon } from '../components/ui/icons'

export type ConnectionState = 'online' | 'offline' | 'back-online'

/** What the banner needs of React Query's `onlineManager`. */
export interface OnlineSource {
  isOnline: () => boolean
  subscribe: (listener: (online: boolean) => void) => () => void
}

/** How long "Back online" stays after the connection returns. */
export const BACK_ONLINE_MS = 4_000

/**
 * The browser's connection as the banner shows it: offline, back online for
 * a moment after an outage, or online. Listens to `source` only while shown.
 */
export function createConnectionStore(
  source: OnlineSource = onlineManager,
  backOnlineMs: number = BACK_ONLINE_MS,
) {
  let state: ConnectionState = source.isOnline() ? 'online' : 'offline'
  let timer: ReturnType<typeof setTimeout> | undefined
  const listeners = new Set<() => void>()
  let unsubscribe: (() => void) | null = null

  const set = (next: ConnectionState) => {
    if (next === state) return
    state = next
    for (const listener of [...listeners]) listener()
  }

  const onChange = (online: boolean) => {
    clearTimeout(timer)
    if (!online) {
      set('offline')
      return
    }
    if (state !== 'offline') return
    set('back-online')
    timer = setTimeout(() => {
      set('online')
    }, backOnlineMs)
  }

  return {
    getSnapshot: (): ConnectionState => state,
    subscribe: (listener: () => void): (() => void) => {
      listeners.add(listener)
      if (!unsubscribe) {
        unsubscribe = source.subscribe(onChange)
        // It may have changed while nobody listened.
        onChange(source.isOnline())
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && unsubscribe) {
          unsubscribe()
          unsubscribe = null
          clearTimeout(timer)
        }
      }
    },
  }
}

/**
 * A strip above the page while the browser is offline: reads wait and load
 * again once it is back, changes are not sent. Always mounted, so screen
 * readers hear each change.
 */
export function ConnectionBanner({
  source = onlineManager,
}: {
  source?: OnlineSource
}) {
  const [store] = useState(() => createConnectionStore(source))
  const state = useSyncExternalStore(
    store.subscribe,
    store.getSnapshot,
    (): ConnectionState => 'online',
  )
  return (
    <div role="status" aria-live="polite">
      {state === 'offline' ? (
        <p className="flex items-center justify-center gap-2 bg-amber-100 px-4 py-2 text-center text-[13px] text-amber-950 dark:bg-amber-400/15 dark:text-amber-100">
          <WarningIcon className="size-4 shrink-0" />
          <span>
            <strong className="font-semibold">You’re offline.</strong> What’s on
            screen may be out of date, and changes can’t be sent. Pages load
            again when the connection is back.
          </span>
        </p>
      ) : state === 'back-online' ? (
        <p className="flex items-center justify-center gap-2 bg-emerald-50 px-4 py-2 text-center text-[13px] text-emerald-900 dark:bg-emerald-400/10 dark:text-emerald-100">
          <CheckCircleIcon className="size-4 shrink-0" />
          Back online. Loading the latest data.
        </p>
      ) : null}
    </div>
  )
}
