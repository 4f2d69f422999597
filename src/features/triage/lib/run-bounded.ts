/**
 * Runs `worker` over `items`, at most `concurrency` at a time, in order.
 * Once `signal` aborts no new item starts; those are reported as skipped.
 */
export async function runBounded<T>(
  items: readonly T[],
  concurrency: number,
  worker: (item: T, signal: AbortSignal) => Promise<void>,
  { signal, onSkip }: { signal: AbortSignal; onSkip?: (item: T) => void },
): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T
      if (signal.aborted) {
        onSkip?.(item)
        continue
      }
      await worker(item, signal)
    }
  }
  const lanes = Math.max(1, Math.min(concurrency, items.length))
  await Promise.all(Array.from({ length: lanes }, lane))
}
