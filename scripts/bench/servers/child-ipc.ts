/** The child side of the benchmark's process protocol (see ../processes.ts). */
import type { ChildMessage, Memory, ParentMessage } from '../processes'

function send(message: ChildMessage): void {
  if (!process.send) {
    throw new Error('Run this file through the benchmark (npm run bench)')
  }
  process.send(message)
}

/** Heap and RSS after collecting garbage until it settles. */
export async function settledMemory(): Promise<Memory> {
  for (let i = 0; i < 4; i++) {
    globalThis.gc?.()
    await new Promise((resolve) => setImmediate(resolve))
  }
  const { rss, heapUsed } = process.memoryUsage()
  return { rss, heapUsed }
}

/** Says the server is ready, then answers memory questions until stopped. */
export function serveParent(
  ready: { url: string; apiKey: string },
  stop: () => Promise<void> | void,
): void {
  // The only question a parent asks (ParentMessage) is for memory.
  process.on('message', (_message: ParentMessage) => {
    void settledMemory().then((memory) => {
      send({ type: 'memory', memory })
    })
  })
  const shutdown = () => {
    void Promise.resolve(stop()).finally(() => process.exit(0))
  }
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)
  process.once('disconnect', shutdown)
  send({ type: 'ready', ...ready })
}

/** Sends a finished measurement to the parent, then ends the process. */
export function sendResultAndExit(result: unknown): void {
  if (!process.send) {
    throw new Error('Run this file through the benchmark (npm run bench)')
  }
  process.send({ type: 'result', result } satisfies ChildMessage, () => {
    process.exit(0)
  })
}
