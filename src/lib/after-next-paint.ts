/** The longest a task waits for a frame that a hidden or stalled page never paints. */
export const AFTER_PAINT_FALLBACK_MS = 100

/**
 * Runs `task` once the browser has painted the next frame, so what a click
 * changed on screen at once (a pressed button, a pending label) is shown
 * before slower work starts. A hidden page paints no frames: the task then
 * runs after `AFTER_PAINT_FALLBACK_MS` at most. Returns a cancel function.
 */
export function afterNextPaint(task: () => void): () => void {
  let done = false
  const run = () => {
    if (done) return
    done = true
    clearTimeout(fallback)
    task()
  }
  const fallback = setTimeout(run, AFTER_PAINT_FALLBACK_MS)
  // A frame's callbacks run before its paint; a task queued from one runs
  // after it.
  const frame =
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(() => {
          setTimeout(run, 0)
        })
      : null
  return () => {
    done = true
    clearTimeout(fallback)
    if (frame !== null) cancelAnimationFrame(frame)
  }
}
