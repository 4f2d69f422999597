/**
 * The browser side of the benchmark: the built app served by the real
 * dashboard server in sandbox mode (a child process on a fresh temporary
 * database), Debian's Chromium driven through Playwright's library API, and
 * probes installed in every page before its own scripts run: web-vitals
 * (LCP, CLS, INP), long tasks and Event Timing entries.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

import {
  type Browser,
  type BrowserContext,
  chromium,
  type Page,
} from '@playwright/test'
import type { CLSMetric, INPMetric, LCPMetric } from 'web-vitals'

import { CHROMIUM_PATH } from './machine'
import type { Task } from './page-math'
import { type RunningServer, startDashboard } from './processes'
import { ROOT_DIR } from './seeded-db'

/** Accounts in the page-load sandbox: several pages at every page size. */
export const PAGE_LOAD_ACCOUNTS = 1_000

export interface PageRecord {
  lcp: number | null
  cls: number | null
  inp: number | null
  fcp: number | null
  longTasks: Task[]
  events: {
    name: string
    interactionId: number
    duration: number
    start: number
  }[]
  /** When the last key went down, for search-to-results. */
  lastKeydown: number | null
  /** When the last click began, for page changes. */
  lastPointerdown: number | null
  frames: number[] | null
}

interface WebVitalsGlobal {
  onLCP(report: (metric: LCPMetric) => void, opts: object): void
  onCLS(report: (metric: CLSMetric) => void, opts: object): void
  onINP(report: (metric: INPMetric) => void, opts: object): void
  onFCP(report: (metric: { value: number }) => void, opts: object): void
}

/**
 * Runs in the page before its scripts (serialised by Playwright: it may use
 * nothing from this module). Records into `window.__bench`.
 */
function installProbes(): void {
  const scope = window as unknown as {
    webVitals: WebVitalsGlobal
    __bench: PageRecord
  }
  const record: PageRecord = {
    lcp: null,
    cls: null,
    inp: null,
    fcp: null,
    longTasks: [],
    events: [],
    lastKeydown: null,
    lastPointerdown: null,
    frames: null,
  }
  scope.__bench = record
  const all = { reportAllChanges: true }
  scope.webVitals.onLCP((metric) => (record.lcp = metric.value), all)
  scope.webVitals.onCLS((metric) => (record.cls = metric.value), all)
  scope.webVitals.onFCP((metric) => (record.fcp = metric.value), all)
  // Event Timing reports nothing under 16 ms; web-vitals' own default would
  // hide everything under 40 ms.
  scope.webVitals.onINP((metric) => (record.inp = metric.value), {
    ...all,
    durationThreshold: 16,
  })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      record.longTasks.push({
        start: entry.startTime,
        duration: entry.duration,
      })
    }
  }).observe({ type: 'longtask', buffered: true })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceEventTiming[]) {
      if (!entry.interactionId) continue
      record.events.push({
        name: entry.name,
        interactionId: entry.interactionId,
        duration: entry.duration,
        start: entry.startTime,
      })
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true })
  addEventListener(
    'keydown',
    () => (record.lastKeydown = performance.now()),
    true,
  )
  addEventListener(
    'pointerdown',
    () => (record.lastPointerdown = performance.now()),
    true,
  )
}

export interface BenchPage {
  page: Page
  /** Reads what the probes recorded. */
  record(): Promise<PageRecord>
  /**
   * Makes web-vitals report final values, as when a user leaves the page
   * (visibility hidden), then reads the record.
   */
  finish(): Promise<PageRecord>
  /** Waits until the page has had no long task for `quietMs` (at most `maxMs`). */
  settle(quietMs?: number, maxMs?: number): Promise<void>
  /** Opens `path`, waits for the accounts table's rows, then for quiet. */
  openAccounts(path: string): Promise<void>
  /**
   * The page's clock when its URL has `param` = `value` and the accounts
   * table has settled (on `rows` rows, when given): new data on screen.
   */
  tableSettledAt(param: string, value: string, rows?: number): Promise<number>
  close(): Promise<void>
}

export interface BrowserSession {
  baseUrl: string
  /** An account whose detail page is measured. */
  accountId: string
  /** A fresh context (cold cache, no cookies) at the given CPU slowdown. */
  open(cpuThrottling: number): Promise<BenchPage>
}

/** web-vitals' script build, which sets a `webVitals` global (not in its exports map). */
const webVitalsIife = () =>
  join(
    dirname(createRequire(import.meta.url).resolve('web-vitals')),
    'web-vitals.iife.js',
  )

async function openPage(
  browser: Browser,
  baseUrl: string,
  cpuThrottling: number,
): Promise<BenchPage> {
  const context: BrowserContext = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 800 },
  })
  const page = await context.newPage()
  if (cpuThrottling > 1) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottling })
  }
  // Playwright runs an init script in a scope of its own: the `var` the
  // script build declares is made a global by hand.
  await page.addInitScript({
    content: `${readFileSync(webVitalsIife(), 'utf8')}\n;globalThis.webVitals = webVitals;`,
  })
  await page.addInitScript(installProbes)
  const record = () =>
    page.evaluate(() => (window as unknown as { __bench: PageRecord }).__bench)
  const settle = async (quietMs = 1_000, maxMs = 15_000) => {
    const deadline = Date.now() + maxMs
    while (Date.now() < deadline) {
      const quietFor = await page.evaluate(() => {
        const { longTasks } = (window as unknown as { __bench: PageRecord })
          .__bench
        const last = longTasks.at(-1)
        return performance.now() - (last ? last.start + last.duration : 0)
      })
      if (quietFor >= quietMs) return
      await page.waitForTimeout(Math.max(50, quietMs - quietFor))
    }
  }
  return {
    page,
    record,
    async finish() {
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', {
          value: 'hidden',
          configurable: true,
        })
        document.dispatchEvent(new Event('visibilitychange'))
      })
      return record()
    },
    settle,
    async openAccounts(path) {
      await page.goto(path, { waitUntil: 'networkidle', timeout: 60_000 })
      await page
        .getByRole('table', { name: 'Connected accounts' })
        .getByRole('link')
        .first()
        .waitFor({ timeout: 30_000 })
      await settle()
    },
    async tableSettledAt(param, value, rows) {
      const handle = await page.waitForFunction(
        (expected) => {
          const table = document.querySelector('table[aria-busy]')
          return new URLSearchParams(location.search).get(expected.param) ===
            expected.value &&
            table?.getAttribute('aria-busy') === 'false' &&
            (expected.rows === null ||
              table.querySelectorAll('tbody tr').length === expected.rows)
            ? performance.now()
            : false
        },
        { param, value, rows: rows ?? null },
        { polling: 'raf', timeout: 30_000 },
      )
      return (await handle.jsonValue()) as number
    },
    close: () => context.close(),
  }
}

export async function withBrowserSession(
  log: (line: string) => void,
  run: (session: BrowserSession) => Promise<void>,
): Promise<void> {
  if (!existsSync(join(ROOT_DIR, 'dist', 'index.html'))) {
    throw new Error('dist/index.html does not exist: run npm run build first')
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-browser-'))
  let server: RunningServer | undefined
  let browser: Browser | undefined
  try {
    log(
      `starting the dashboard on a fresh sandbox of ${PAGE_LOAD_ACCOUNTS} accounts`,
    )
    server = await startDashboard({
      SANDBOX_DB: join(dir, 'sandbox.db'),
      SANDBOX_ACCOUNTS: String(PAGE_LOAD_ACCOUNTS),
      SANDBOX_SYNC_DELAY_MS: '0',
    })
    const baseUrl = server.url
    const listed = await fetch(`${baseUrl}/api/connected_accounts/list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 1 }),
    })
    const body = (await listed.json()) as {
      connected_accounts?: { connected_account_id: string }[]
    }
    const accountId = body.connected_accounts?.[0]?.connected_account_id
    if (!accountId) throw new Error('the page-load sandbox lists no account')

    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--no-sandbox',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    const opened = browser
    await run({
      baseUrl,
      accountId,
      open: (cpuThrottling) => openPage(opened, baseUrl, cpuThrottling),
    })
  } finally {
    await browser?.close()
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
