/** What the in-page recordings come to: blocking time and dropped frames. */

export interface Task {
  start: number
  duration: number
}

/** Main-thread time beyond which a task blocks input (Lighthouse's 50 ms). */
export const BLOCKING_THRESHOLD_MS = 50

/**
 * Total blocking time: for each long task, the part of it within
 * [from, to] beyond the first 50 ms, summed. A task that straddles `from`
 * counts only from `from` on, as Lighthouse clips it at first paint.
 */
export function totalBlockingTime(
  tasks: readonly Task[],
  from: number,
  to: number,
): number {
  let total = 0
  for (const task of tasks) {
    const start = Math.max(task.start, from)
    const end = Math.min(task.start + task.duration, to)
    const blocking = end - start - BLOCKING_THRESHOLD_MS
    if (blocking > 0) total += blocking
  }
  return total
}

/** The longest task that started within [from, to], 0 when none. */
export const longestTask = (
  tasks: readonly Task[],
  from: number,
  to: number,
): number =>
  Math.max(
    0,
    ...tasks
      .filter((task) => task.start >= from && task.start <= to)
      .map((task) => task.duration),
  )

export const FRAME_MS = 1000 / 60

/**
 * Frames missed between consecutive animation frames: a gap of about two
 * frame intervals is one missed frame. Rounding absorbs timer jitter.
 */
export function droppedFrames(
  timestamps: readonly number[],
  frameMs = FRAME_MS,
): number {
  let dropped = 0
  for (let i = 1; i < timestamps.length; i++) {
    const gap = (timestamps[i] as number) - (timestamps[i - 1] as number)
    dropped += Math.max(0, Math.round(gap / frameMs) - 1)
  }
  return dropped
}

/** Per interaction, its longest event duration: what INP takes as its latency. */
export function interactionLatencies(
  events: readonly { interactionId: number; duration: number }[],
): number[] {
  const longest = new Map<number, number>()
  for (const event of events) {
    if (event.interactionId === 0) continue
    longest.set(
      event.interactionId,
      Math.max(longest.get(event.interactionId) ?? 0, event.duration),
    )
  }
  return [...longest.values()]
}
