import { REQUEST_TIMEOUT_MS } from '../../src/lib/api-client'
import { FAKE_RESPONSE_HEADER } from './servers'
import {
  type BrowserContext,
  expect,
  type FrameLocator,
  type Locator,
  type Page,
  type Route,
} from './test'

/** How a request to the dashboard's `/api` fails on its way. */
export type RouteFault =
  'http-500' | 'http-429' | 'timeout' | 'connectionreset' | 'failed'

/** Every way a read fails in the journeys. */
export const READ_FAULTS: readonly RouteFault[] = [
  'http-500',
  'http-429',
  'timeout',
  'connectionreset',
  'failed',
]

/** Every way a change fails in the journeys: the route's, and going offline. */
export type ActionFault = Exclude<RouteFault, 'failed'> | 'offline'
export const ACTION_FAULTS: readonly ActionFault[] = [
  'http-500',
  'http-429',
  'timeout',
  'connectionreset',
  'offline',
]

/** The Seam-shaped errors the made-up answers carry. */
const FAKE_ERRORS = {
  'http-500': {
    status: 500,
    type: 'internal_server_error',
    message: 'The Seam API failed while answering (injected 500).',
    request_id: 'req_e2e_fault_500',
    headers: {},
  },
  'http-429': {
    status: 429,
    type: 'rate_limited',
    message: 'Too many requests to the Seam API (injected 429).',
    request_id: 'req_e2e_fault_429',
    headers: { 'Retry-After': '1' },
  },
} as const

/** What the page says for each fault (the API client's words for no answer). */
export function faultMessage(fault: RouteFault | ActionFault): string {
  switch (fault) {
    case 'http-500':
    case 'http-429':
      return FAKE_ERRORS[fault].message
    case 'timeout':
      return `The dashboard server did not answer within ${REQUEST_TIMEOUT_MS / 1_000} s.`
    case 'connectionreset':
    case 'failed':
      return 'Could not reach the dashboard server. Check your connection and try again.'
    case 'offline':
      return 'You are offline, so this was not sent. Reconnect, then try again.'
  }
}

/** The request id the page shows for a fault, when the answer had one. */
export function faultRequestId(fault: RouteFault | ActionFault): string | null {
  return fault === 'http-500' || fault === 'http-429'
    ? FAKE_ERRORS[fault].request_id
    : null
}

/**
 * For what takes a retry delay or a page load or two: a busy machine
 * stretches those well past the default 10 s.
 */
export const SLOW_TIMEOUT = 30_000

export type RouteMatch = string | RegExp | ((url: URL) => boolean)

/** `/api/<route>` of the dashboard, whatever the query string. */
export const apiRoute =
  (route: string) =>
  (url: URL): boolean =>
    url.pathname === `/api/${route}`

export interface InjectedFault {
  /** Requests that reached the route so far, failed or passed on. */
  hits: () => number
  /** When each of them arrived (ms since the epoch, real time). */
  hitTimes: () => readonly number[]
  /** Each of them as `METHOD url body`. */
  sent: () => readonly string[]
  /**
   * How often the first request was sent, the same address and body: its
   * retries, not the page's other reads on the route (a prefetched page).
   */
  sendsOfFirst: () => number
  /** From now on requests go through to the dashboard server. */
  heal: () => void
}

async function answer(route: Route, fault: RouteFault): Promise<void> {
  switch (fault) {
    case 'http-500':
    case 'http-429': {
      const fake = FAKE_ERRORS[fault]
      await route.fulfill({
        status: fake.status,
        contentType: 'application/json',
        headers: {
          [FAKE_RESPONSE_HEADER]: '1',
          'X-Request-Id': fake.request_id,
          ...fake.headers,
        },
        body: JSON.stringify({
          error: {
            type: fake.type,
            message: fake.message,
            request_id: fake.request_id,
          },
          ok: false,
        }),
      })
      return
    }
    case 'timeout':
      // Never answered: the browser gives up after its time limit.
      return
    case 'connectionreset':
    case 'failed':
      await route.abort(fault)
      return
  }
}

/**
 * Makes requests matching `match` fail with `fault` (the first `times` of
 * them, every one by default) and counts every request that reaches the
 * route. Healed, requests go on to the dashboard server.
 */
export async function injectFault(
  page: Page,
  match: RouteMatch,
  fault: RouteFault,
  { times = Infinity }: { times?: number } = {},
): Promise<InjectedFault> {
  let remaining = times
  const stamps: number[] = []
  const requests: string[] = []
  await page.route(match, async (route) => {
    stamps.push(Date.now())
    const request = route.request()
    requests.push(
      `${request.method()} ${request.url()} ${request.postData() ?? ''}`,
    )
    if (remaining <= 0) {
      await route.continue()
      return
    }
    remaining -= 1
    await answer(route, fault)
  })
  return {
    hits: () => stamps.length,
    hitTimes: () => stamps,
    sent: () => requests,
    sendsOfFirst: () => requests.filter((r) => r === requests[0]).length,
    heal: () => {
      remaining = 0
    },
  }
}

/**
 * Puts the page's timers on a clock the journey can move, so a request held
 * forever reaches the browser's time limit at once. Before `page.goto`.
 */
export async function installClock(page: Page): Promise<void> {
  await page.clock.install()
}

/** Moves the page's clock past the time limit of the requests held now. */
export async function passRequestTimeLimit(page: Page): Promise<void> {
  await page.clock.fastForward(REQUEST_TIMEOUT_MS + 100)
}

/**
 * Waits until `count` requests reached the route; a held one (timeout) is let
 * run out of time each time, as a person waiting would. Needs the page's
 * clock installed (`installClock`).
 */
export async function expectAttempts(
  page: Page,
  injected: InjectedFault,
  fault: RouteFault,
  count: number,
): Promise<void> {
  for (let n = 1; n <= count; n++) {
    await expect
      .poll(() => injected.hits(), { timeout: SLOW_TIMEOUT })
      .toBeGreaterThanOrEqual(n)
    if (fault === 'timeout') await passRequestTimeLimit(page)
    if (n < count) await hurryRetry(page, fault)
  }
}

/** More than the page waits before it retries a failed read by itself. */
const RETRY_WAIT_MS = 2_500

/**
 * The page's automatic retry of a failed read waits a second or two: let
 * that pass at once. A 429's wait is its Retry-After, which the journeys
 * time, so it passes in real time. Needs the page's clock installed.
 */
export async function hurryRetry(page: Page, fault: RouteFault): Promise<void> {
  if (fault !== 'http-429') await page.clock.fastForward(RETRY_WAIT_MS)
}

/** The strip that says the browser is offline, on the page or in its frame. */
export const connectionBanner = (page: Page | FrameLocator): Locator =>
  page
    .getByRole('status')
    .filter({ hasText: /^You’re offline\.|^Back online\./ })

/** Takes the browser offline and waits until the page says so. */
export async function goOffline(
  context: BrowserContext,
  banner: Locator,
): Promise<void> {
  await context.setOffline(true)
  await expect(banner).toContainText('You’re offline.')
}

/**
 * Brings the browser back online and waits until the page no longer says it
 * is offline ("Back online." shows for a few seconds only).
 */
export async function goOnline(
  context: BrowserContext,
  banner: Locator,
): Promise<void> {
  await context.setOffline(false)
  await expect(banner.filter({ hasText: 'You’re offline.' })).toHaveCount(0)
}

/**
 * What a failure shows: the fault's message, and the request id when the
 * answer carried one.
 */
export async function expectFaultShown(
  where: Locator,
  fault: RouteFault | ActionFault,
): Promise<void> {
  await expect(where).toContainText(faultMessage(fault), {
    timeout: SLOW_TIMEOUT,
  })
  const requestId = faultRequestId(fault)
  if (requestId) await expect(where).toContainText(requestId)
}

/** A change whose route is broken: by a route fault, or by going offline. */
export interface BrokenAction {
  /** Requests that reached the route so far. */
  hits: () => number
  /** Requests a failed press sends: none offline, else exactly one. */
  readonly sentPerPress: 0 | 1
  /** Removes the fault (back online); later presses go through. */
  heal: () => Promise<void>
}

/**
 * Breaks the change sent to `/api/<route>` with `fault`. Offline, the route
 * only counts: the browser goes offline and the page must say so in `banner`.
 */
export async function breakAction(
  page: Page,
  context: BrowserContext,
  route: string,
  fault: ActionFault,
  banner: Locator = connectionBanner(page),
): Promise<BrokenAction> {
  if (fault === 'offline') {
    const counted = await injectFault(page, apiRoute(route), 'failed', {
      times: 0,
    })
    await goOffline(context, banner)
    return {
      hits: () => counted.hits(),
      sentPerPress: 0,
      heal: () => goOnline(context, banner),
    }
  }
  const injected = await injectFault(page, apiRoute(route), fault)
  return {
    hits: () => injected.hits(),
    sentPerPress: 1,
    heal: () => {
      injected.heal()
      return Promise.resolve()
    },
  }
}

/**
 * Breaks the change sent to `/api/<route>` with `fault` and presses `button`,
 * then waits for what the press sends (a held request is run out of time, as
 * a person waiting would).
 */
export async function pressUnderFault(
  page: Page,
  context: BrowserContext,
  fault: ActionFault,
  { route, button }: { route: string; button: Locator },
): Promise<BrokenAction> {
  const broken = await breakAction(page, context, route, fault)
  await button.click()
  await afterPress(page, broken, fault, broken.sentPerPress)
  return broken
}

/** After a press: waits until `expectedHits` requests reached the route. */
async function afterPress(
  page: Page,
  broken: BrokenAction,
  fault: ActionFault,
  expectedHits: number,
): Promise<void> {
  await expect
    .poll(() => broken.hits(), { timeout: SLOW_TIMEOUT })
    .toBe(expectedHits)
  if (fault === 'timeout') await passRequestTimeLimit(page)
}

/**
 * Nothing is sent again by itself: not after the Retry-After, nor after any
 * retry delay (the page's clock runs a minute ahead).
 */
export async function expectNoResend(
  page: Page,
  broken: BrokenAction,
  expectedHits: number,
): Promise<void> {
  await page.clock.fastForward(60_000)
  // Real time too, for the requests those timers would start.
  await page.waitForTimeout(500)
  expect(broken.hits()).toBe(expectedHits)
}
