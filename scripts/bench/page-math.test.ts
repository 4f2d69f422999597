import { describe, expect, it } from 'vitest'

import {
  droppedFrames,
  FRAME_MS,
  interactionLatencies,
  longestTask,
  totalBlockingTime,
} from './page-math'

describe('totalBlockingTime', () => {
  it('sums the part of each long task beyond 50 ms', () => {
    const tasks = [
      { start: 100, duration: 120 }, // 70 blocking
      { start: 300, duration: 50 }, // exactly 50: none
      { start: 400, duration: 51 }, // 1
    ]
    expect(totalBlockingTime(tasks, 0, 10_000)).toBe(71)
  })

  it('clips tasks at the window, as Lighthouse does at first paint', () => {
    const tasks = [
      { start: 0, duration: 200 }, // 150..200 inside: 50, none blocking
      { start: 100, duration: 300 }, // 150..400 inside: 250 - 50 = 200
      { start: 900, duration: 200 }, // 900..1000 inside: 100 - 50 = 50
      { start: 1_200, duration: 500 }, // outside
    ]
    expect(totalBlockingTime(tasks, 150, 1_000)).toBe(250)
  })

  it('is zero without long tasks', () => {
    expect(totalBlockingTime([], 0, 1_000)).toBe(0)
  })
})

describe('longestTask', () => {
  it('takes tasks that start within the window only', () => {
    const tasks = [
      { start: 10, duration: 400 },
      { start: 120, duration: 90 },
      { start: 150, duration: 60 },
    ]
    expect(longestTask(tasks, 100, 200)).toBe(90)
    expect(longestTask(tasks, 300, 400)).toBe(0)
  })
})

describe('droppedFrames', () => {
  const frames = (gaps: number[]) =>
    gaps.reduce<number[]>(
      (stamps, gap) => [...stamps, (stamps.at(-1) ?? 0) + gap],
      [0],
    )

  it('counts no drop at a steady 60 Hz, jitter included', () => {
    expect(droppedFrames(frames([16.5, 16.9, 16.6, 17.2, 16.1]))).toBe(0)
  })

  it('counts the frames a long gap skipped', () => {
    // One gap of three intervals misses two frames; one of two misses one.
    expect(droppedFrames(frames([FRAME_MS, 3 * FRAME_MS, 2 * FRAME_MS]))).toBe(
      3,
    )
  })

  it('needs two frames to see a gap', () => {
    expect(droppedFrames([])).toBe(0)
    expect(droppedFrames([5])).toBe(0)
  })
})

describe('interactionLatencies', () => {
  it('keeps the longest event of each interaction and skips non-interactions', () => {
    expect(
      interactionLatencies([
        { interactionId: 7, duration: 24 },
        { interactionId: 7, duration: 40 },
        { interactionId: 0, duration: 200 },
        { interactionId: 9, duration: 16 },
      ]).sort((a, b) => a - b),
    ).toEqual([16, 40])
  })
})
