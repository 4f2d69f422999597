import { afterEach, describe, expect, it, vi } from 'vitest'

import { AFTER_PAINT_FALLBACK_MS, afterNextPaint } from './after-next-paint'

/** Frames the test paints by hand: `paint()` runs the waiting callbacks. */
function stubFrames() {
  const frames: FrameRequestCallback[] = []
  const cancelFrame = vi.fn()
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    frames.push(callback)
    return frames.length
  })
  vi.stubGlobal('cancelAnimationFrame', cancelFrame)
  return {
    cancelFrame,
    paint: () => {
      for (const frame of frames.splice(0)) frame(0)
    },
  }
}

describe('afterNextPaint', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('runs the task in a task of its own after the next frame, not inside it', () => {
    vi.useFakeTimers()
    const { paint } = stubFrames()
    const task = vi.fn()

    afterNextPaint(task)
    expect(task).not.toHaveBeenCalled()

    // The frame: its callbacks run, then the browser paints.
    paint()
    expect(task).not.toHaveBeenCalled()

    vi.advanceTimersByTime(0)
    expect(task).toHaveBeenCalledTimes(1)

    // The fallback does not run it a second time.
    vi.advanceTimersByTime(AFTER_PAINT_FALLBACK_MS)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('runs the task after the fallback delay when no frame comes', () => {
    vi.useFakeTimers()
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', vi.fn())
    const task = vi.fn()

    afterNextPaint(task)
    vi.advanceTimersByTime(AFTER_PAINT_FALLBACK_MS - 1)
    expect(task).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('runs the task without frames where there are none', () => {
    vi.useFakeTimers()
    vi.stubGlobal('requestAnimationFrame', undefined)
    const task = vi.fn()

    afterNextPaint(task)
    vi.advanceTimersByTime(AFTER_PAINT_FALLBACK_MS)
    expect(task).toHaveBeenCalledTimes(1)
  })

  it('never runs a cancelled task', () => {
    vi.useFakeTimers()
    const { cancelFrame, paint } = stubFrames()
    const task = vi.fn()

    const cancel = afterNextPaint(task)
    cancel()
    expect(cancelFrame).toHaveBeenCalledWith(1)
    paint()
    vi.advanceTimersByTime(AFTER_PAINT_FALLBACK_MS)
    expect(task).not.toHaveBeenCalled()
  })
})
