import { useSyncExternalStore } from 'react'

interface Clock {
  now: number
  listeners: Set<() => void>
  timer: ReturnType<typeof setInterval> | null
  /** Stable per period: a new function would resubscribe on every render. */
  subscribe: (listener: () => void) => () => void
  getSnapshot: () => number
}

/** One timer per period, shared by every component that shows a time. */
const clocks = new Map<number, Clock>()

function clockFor(intervalMs: number): Clock {
  let clock = clocks.get(intervalMs)
  if (!clock) {
    const created: Clock = {
      now: Date.now(),
      listeners: new Set(),
      timer: null,
      subscribe: (listener) => subscribe(created, intervalMs, listener),
      getSnapshot: () => created.now,
    }
    clocks.set(intervalMs, created)
    clock = created
  }
  return clock
}

function subscribe(
  clock: Clock,
  intervalMs: number,
  listener: () => void,
): () => void {
  clock.listeners.add(listener)
  if (clock.timer === null) {
    clock.now = Date.now()
    clock.timer = setInterval(() => {
      clock.now = Date.now()
      for (const notify of clock.listeners) notify()
    }, intervalMs)
  }
  return () => {
    clock.listeners.delete(listener)
    if (clock.listeners.size === 0 && clock.timer !== null) {
      clearInterval(clock.timer)
      clock.timer = null
    }
  }
}

/** The current time, re-rendering the caller every `intervalMs`. */
export function useNow(intervalMs: number): number {
  const clock = clockFor(intervalMs)
  return useSyncExternalStore(
    clock.subscribe,
    clock.getSnapshot,
    clock.getSnapshot,
  )
}
