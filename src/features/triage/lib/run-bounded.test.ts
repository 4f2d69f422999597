import { describe, expect, it } from 'vitest'

import { runBounded } from './run-bounded'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('runBounded', () => {
  it('never runs more than the limit at once and runs every item', async () => {
    let running = 0
    let peak = 0
    const done: number[] = []
    await runBounded(
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
      4,
      async (n) => {
        running++
        peak = Math.max(peak, running)
        await tick()
        running--
        done.push(n)
      },
      { signal: new AbortController().signal },
    )
    expect(peak).toBe(4)
    expect([...done].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('starts nothing new once aborted and reports the rest as skipped', async () => {
    const controller = new AbortController()
    const started: number[] = []
    const skipped: number[] = []
    await runBounded(
      [1, 2, 3, 4, 5],
      2,
      async (n) => {
        started.push(n)
        if (n === 2) controller.abort()
        await tick()
      },
      {
        signal: controller.signal,
        onSkip: (n) => {
          skipped.push(n)
        },
      },
    )
    expect(started).toEqual([1, 2])
    expect(skipped).toEqual([3, 4, 5])
  })

  it('does nothing for no items', async () => {
    await runBounded([], 4, () => Promise.reject(new Error('no')), {
      signal: new AbortController().signal,
    })
  })
})
