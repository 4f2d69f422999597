/**
 * The accounts table at each page size the dashboard offers (25, 50, 100
 * rows: it never renders more): how long a page change takes to paint the
 * new rows, the longest main-thread task meanwhile, and the animation frames
 * dropped during the change and while scrolling the page.
 */
import { PAGE_SIZES } from '../../src/features/connected-accounts/lib/url-state'
import type { BenchPage, BrowserSession, PageRecord } from './browser'
import { failedRow, repeat, THROTTLING } from './page-load'
import { droppedFrames, longestTask } from './page-math'
import { formatMs, type Row } from './report'
import { median } from './stats'

type Bench = { __bench: PageRecord }

const rowCount = (page: BenchPage['page']) =>
  page.evaluate(
    () => document.querySelectorAll('table[aria-busy] tbody tr').length,
  )

const startFrames = (page: BenchPage['page']) =>
  page.evaluate(() => {
    const record = (window as unknown as Bench).__bench
    const frames: number[] = []
    record.frames = frames
    // A method, not a named function: tsx names those through a helper that
    // does not exist in the page.
    const loop = {
      tick(time: number) {
        if (record.frames !== frames) return
        frames.push(time)
        requestAnimationFrame((next) => {
          loop.tick(next)
        })
      },
    }
    requestAnimationFrame((time) => {
      loop.tick(time)
    })
  })

const stopFrames = (page: BenchPage['page']) =>
  page.evaluate(() => {
    const record = (window as unknown as Bench).__bench
    const frames = record.frames ?? []
    record.frames = null
    return frames
  })

interface LargePageFigures {
  renderMs: number
  longestTaskMs: number
  changeDropped: number
  scrollDropped: number
  scrollMs: number
}

async function once(
  session: BrowserSession,
  size: number,
  throttling: number,
): Promise<LargePageFigures> {
  const bench = await session.open(throttling)
  try {
    const { page } = bench
    await bench.openAccounts(`/accounts?size=${size}`)
    const shownRows = await rowCount(page)
    if (shownRows !== size) {
      throw new Error(`/accounts?size=${size} shows ${shownRows} rows`)
    }

    await startFrames(page)
    await page
      .getByRole('navigation', { name: 'Pagination' })
      .getByRole('button', { name: 'Next' })
      .click()
    const shown = await bench.tableSettledAt('page', '2', size)
    await page.waitForTimeout(300)
    const changeFrames = await stopFrames(page)
    const afterChange = await bench.record()
    const clicked = afterChange.lastPointerdown ?? shown

    // Scroll the page from the top to the last row with the mouse wheel.
    await page.evaluate(() => {
      scrollTo(0, 0)
    })
    await page.mouse.move(640, 400)
    await startFrames(page)
    const scrollStarted = Date.now()
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, 250)
      await page.waitForTimeout(80)
    }
    await page.waitForTimeout(300)
    const scrollMs = Date.now() - scrollStarted
    const scrollFrames = await stopFrames(page)

    return {
      renderMs: shown - clicked,
      longestTaskMs: longestTask(afterChange.longTasks, clicked, shown + 300),
      changeDropped: droppedFrames(changeFrames),
      scrollDropped: droppedFrames(scrollFrames),
      scrollMs,
    }
  } finally {
    await bench.close()
  }
}

export async function largePageRows(
  session: BrowserSession,
  runs: number,
  log: (line: string) => void,
): Promise<Row[]> {
  const rows: Row[] = []
  for (const throttling of THROTTLING) {
    for (const size of PAGE_SIZES) {
      const measure = `Table ${throttling}x CPU`
      const name = `${size} rows: page change, then scroll`
      let results: LargePageFigures[]
      try {
        results = await repeat(runs, () => once(session, size, throttling), log)
      } catch (error) {
        rows.push(failedRow(measure, name, error))
        continue
      }
      const m = (pick: (r: LargePageFigures) => number) =>
        median(results.map(pick))
      rows.push({
        measure,
        case: name,
        figures: `new rows painted ${formatMs(m((r) => r.renderMs))} after the click, longest task ${Math.round(m((r) => r.longestTaskMs))} ms, ${m((r) => r.changeDropped)} frames dropped; scrolling ${(m((r) => r.scrollMs) / 1000).toFixed(1)} s: ${m((r) => r.scrollDropped)} frames dropped (medians of ${runs})`,
        target: '',
        verdict: null,
      })
      log(`table ${size} rows ${throttling}x: ${rows.at(-1)?.figures ?? ''}`)
    }
  }
  return rows
}
