/**
 * Page loads and interactions as users feel them, in Chromium at 1x and 4x
 * CPU slowdown: LCP, CLS and TBT of `/accounts`, `/accounts/:id` and
 * `/triage`, and INP of a search and of a page change. Every run is a fresh
 * browser context (cold cache); the median of the runs is reported.
 */
import { type BenchPage, type BrowserSession, type PageRecord } from './browser'
import { interactionLatencies, totalBlockingTime } from './page-math'
import {
  atMost,
  formatMs,
  formatSeconds,
  type Row,
  type Verdict,
} from './report'
import { median } from './stats'

export const THROTTLING = [1, 4] as const
/** Targets at 4x. */
const TARGET = { lcpMs: 1_200, cls: 0.02, inpMs: 100 } as const
const TARGET_THROTTLING = 4
export const SEARCH_TERM = 'salto'

/** INP of the record: web-vitals' figure, else the longest interaction seen. */
function inpOf(record: PageRecord): number | null {
  if (record.inp !== null) return record.inp
  const latencies = interactionLatencies(record.events)
  return latencies.length > 0 ? Math.max(...latencies) : null
}

interface LoadFigures {
  lcp: number
  cls: number
  tbt: number
}

async function loadOnce(
  session: BrowserSession,
  path: string,
  throttling: number,
): Promise<LoadFigures> {
  const bench = await session.open(throttling)
  try {
    if (path === '/accounts') await bench.openAccounts(path)
    else {
      await bench.page.goto(path, { waitUntil: 'networkidle', timeout: 60_000 })
      await bench.page
        .getByRole('heading', { level: 1 })
        .first()
        .waitFor({ timeout: 30_000 })
      await bench.settle()
    }
    const now = await bench.page.evaluate(() => performance.now())
    const record = await bench.finish()
    if (record.lcp === null || record.fcp === null) {
      throw new Error(`${path}: the page reported no LCP or FCP`)
    }
    return {
      lcp: record.lcp,
      cls: record.cls ?? 0,
      tbt: totalBlockingTime(record.longTasks, record.fcp, now),
    }
  } finally {
    await bench.close()
  }
}

interface InteractionFigures {
  inp: number | null
  /** From the user's action to the new rows on screen. */
  shownMs: number
}

/**
 * One interaction on a freshly loaded /accounts: INP, and the time from the
 * user's last key or click (`mark`) to the table settled where `param` =
 * `value` says it should be.
 */
async function interactionOnce(
  session: BrowserSession,
  throttling: number,
  act: (page: BenchPage['page']) => Promise<void>,
  mark: 'lastKeydown' | 'lastPointerdown',
  [param, value]: [string, string],
): Promise<InteractionFigures> {
  const bench = await session.open(throttling)
  try {
    await bench.openAccounts('/accounts')
    await act(bench.page)
    const shown = await bench.tableSettledAt(param, value)
    await bench.settle(500)
    const record = await bench.finish()
    return { inp: inpOf(record), shownMs: shown - (record[mark] ?? shown) }
  } finally {
    await bench.close()
  }
}

/** Types a search; focused without a click, so only the keys are interactions. */
const searchOnce = (session: BrowserSession, throttling: number) =>
  interactionOnce(
    session,
    throttling,
    async (page) => {
      await page.getByRole('searchbox', { name: 'Search accounts' }).focus()
      await page.keyboard.type(SEARCH_TERM, { delay: 150 })
    },
    'lastKeydown',
    ['q', SEARCH_TERM],
  )

/** Clicks Next to page 2. */
const pageChangeOnce = (session: BrowserSession, throttling: number) =>
  interactionOnce(
    session,
    throttling,
    (page) =>
      page
        .getByRole('navigation', { name: 'Pagination' })
        .getByRole('button', { name: 'Next' })
        .click(),
    'lastPointerdown',
    ['page', '2'],
  )

/**
 * `runs` results of `once`. A run that fails (a page that never settled on a
 * machine busy with other work, a build replaced mid-run) is tried again
 * once; a second failure ends the case.
 */
export async function repeat<T>(
  runs: number,
  once: () => Promise<T>,
  log: (line: string) => void,
): Promise<T[]> {
  const results: T[] = []
  for (let i = 0; i < runs; i++) {
    try {
      results.push(await once())
    } catch (error) {
      log(
        `run ${i + 1} failed, trying it again: ${String(error).split('\n')[0] ?? ''}`,
      )
      results.push(await once())
    }
  }
  return results
}

/** A case that could not be measured, in place of its figures. */
export const failedRow = (
  measure: string,
  name: string,
  error: unknown,
): Row => ({
  measure,
  case: name,
  figures: `could not measure: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}`,
  target: '',
  verdict: 'fail',
})

const range = (values: readonly number[], format: (v: number) => string) =>
  `${format(Math.min(...values))}–${format(Math.max(...values))}`

const both = (a: Verdict, b: Verdict): Verdict =>
  a === 'fail' || b === 'fail' ? 'fail' : 'pass'

export async function pageLoadRows(
  session: BrowserSession,
  runs: number,
  log: (line: string) => void,
): Promise<Row[]> {
  const rows: Row[] = []
  const routes = [
    { name: '/accounts', path: '/accounts' },
    { name: '/accounts/:id', path: `/accounts/${session.accountId}` },
    { name: '/triage', path: '/triage' },
  ]
  for (const throttling of THROTTLING) {
    const targeted = throttling === TARGET_THROTTLING
    const measure = `Page load ${throttling}x CPU`
    for (const route of routes) {
      let loads: LoadFigures[]
      try {
        loads = await repeat(
          runs,
          () => loadOnce(session, route.path, throttling),
          log,
        )
      } catch (error) {
        rows.push(failedRow(measure, route.name, error))
        continue
      }
      const lcp = median(loads.map((l) => l.lcp))
      const cls = median(loads.map((l) => l.cls))
      const tbt = median(loads.map((l) => l.tbt))
      rows.push({
        measure,
        case: route.name,
        figures: `LCP ${formatSeconds(lcp)}, CLS ${cls.toFixed(3)}, TBT ${Math.round(tbt)} ms (median of ${runs}; LCP ${range(
          loads.map((l) => l.lcp),
          formatSeconds,
        )})`,
        target: targeted ? 'LCP ≤ 1.2 s, CLS ≤ 0.02' : '',
        verdict: targeted
          ? both(atMost(lcp, TARGET.lcpMs), atMost(cls, TARGET.cls))
          : null,
      })
      log(`${measure} ${route.name}: ${rows.at(-1)?.figures ?? ''}`)
    }

    const interactions = [
      {
        name: `search: type "${SEARCH_TERM}" to results`,
        once: () => searchOnce(session, throttling),
        shown: 'results shown',
        after: 'after the last key (300 ms debounce included)',
      },
      {
        name: 'page change: Next to page 2',
        once: () => pageChangeOnce(session, throttling),
        shown: 'page 2 shown',
        after: 'after the click',
      },
    ]
    for (const interaction of interactions) {
      let results: InteractionFigures[]
      try {
        results = await repeat(runs, interaction.once, log)
      } catch (error) {
        rows.push(
          failedRow(`Interaction ${throttling}x CPU`, interaction.name, error),
        )
        continue
      }
      const inps = results.map((r) => r.inp)
      const measured = inps.filter((v): v is number => v !== null)
      // Event Timing reports nothing under 16 ms: no entry means at most that.
      const inp = measured.length === inps.length ? median(measured) : null
      const shown = median(results.map((r) => r.shownMs))
      rows.push({
        measure: `Interaction ${throttling}x CPU`,
        case: interaction.name,
        figures: `INP ${inp === null ? '≤ 16 ms (no event over 16 ms)' : `${Math.round(inp)} ms`} (median of ${runs}${measured.length > 0 ? `, worst ${Math.round(Math.max(...measured))} ms` : ''}); ${interaction.shown} ${formatMs(shown)} ${interaction.after}`,
        target: targeted ? `INP ≤ ${TARGET.inpMs} ms` : '',
        verdict: targeted ? atMost(inp ?? 16, TARGET.inpMs) : null,
      })
      log(`${interaction.name} ${throttling}x: ${rows.at(-1)?.figures ?? ''}`)
    }
  }
  return rows
}
