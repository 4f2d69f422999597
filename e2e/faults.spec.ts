import { accountsTable, searchBox, type Surface } from './support/accounts'
import { findAccount, isHealthy } from './support/detail'
import { dashboardFrame, mintToken, openTestPortal } from './support/embed'
import {
  apiRoute,
  connectionBanner,
  expectAttempts,
  expectFaultShown,
  goOffline,
  goOnline,
  hurryRetry,
  injectFault,
  installClock,
  READ_FAULTS,
  SLOW_TIMEOUT,
} from './support/faults'
import {
  type APIRequestContext,
  expect,
  type Locator,
  type Page,
  test,
} from './support/test'

/** One screen: how to open it, the read it needs, and what it shows. */
interface Screen {
  name: string
  /** The `/api` route of the screen's main read. */
  read: string
  /** Opens the screen; the dashboard's page or the portal's frame. */
  open: (page: Page, request: APIRequestContext) => Promise<Surface>
  /** Visible once the read succeeded. */
  loaded: (surface: Surface) => Locator
  /** The failed read's message, with its Retry button. */
  failure: (surface: Surface) => Locator
}

let detailId: string | null = null
/** A healthy account, for the detail page. */
async function detailAccount(request: APIRequestContext): Promise<string> {
  detailId ??= (await findAccount(request, 'healthy', isHealthy))
    .connected_account_id
  return detailId
}

const SCREENS: readonly Screen[] = [
  {
    name: 'the accounts list',
    read: 'connected_accounts/list',
    open: async (page) => {
      await page.goto('/accounts')
      return page
    },
    loaded: (surface) => accountsTable(surface).getByRole('link').first(),
    failure: (surface) =>
      accountsTable(surface)
        .getByRole('alert')
        .filter({ hasText: 'Couldn’t load accounts' }),
  },
  {
    name: 'an account’s page',
    read: 'connected_accounts/get',
    // Reached inside the app (as Forward does), so the browser reads the
    // account itself: a page opened by its address comes with the account
    // already read by the server (see page-shell.spec.ts).
    open: async (page, request) => {
      const path = `/accounts/${await detailAccount(request)}`
      await page.goto('/accounts')
      await accountsTable(page).getByRole('link').first().waitFor()
      await page.evaluate((to) => {
        history.pushState(null, '', to)
        dispatchEvent(new PopStateEvent('popstate'))
      }, path)
      return page
    },
    loaded: (surface) => surface.getByRole('button', { name: 'Edit metadata' }),
    failure: (surface) =>
      surface
        .getByRole('alert')
        .filter({ hasText: 'Couldn’t load this account' }),
  },
  {
    name: 'triage',
    read: 'dashboard/triage',
    open: async (page) => {
      await page.goto('/triage')
      return page
    },
    loaded: (surface) =>
      surface.getByRole('table', { name: 'Accounts with problems' }),
    failure: (surface) =>
      surface
        .getByRole('alert')
        .filter({ hasText: 'Could not gather the triage data' }),
  },
  {
    name: 'the audit log',
    read: 'audit',
    open: async (page) => {
      await page.goto('/audit')
      return page
    },
    loaded: (surface) =>
      surface
        .getByRole('table', { name: 'Audit log' })
        .and(surface.locator('[aria-busy="false"]')),
    failure: (surface) =>
      surface
        .getByRole('alert')
        .filter({ hasText: 'Couldn’t load the audit log' }),
  },
  {
    name: 'the embedded accounts list',
    read: 'connected_accounts/list',
    open: async (page) => {
      await openTestPortal(page, { token: mintToken({ role: 'viewer' }) })
      return dashboardFrame(page)
    },
    loaded: (surface) => accountsTable(surface).getByRole('link').first(),
    failure: (surface) =>
      accountsTable(surface)
        .getByRole('alert')
        .filter({ hasText: 'Couldn’t load accounts' }),
  },
]

for (const screen of SCREENS) {
  test.describe(`reads of ${screen.name}`, () => {
    for (const fault of READ_FAULTS) {
      test(`under ${fault}: a passing fault heals by itself; a lasting one is shown, with Retry`, async ({
        page,
        request,
      }) => {
        // Two page loads, retry delays and waits for a time limit.
        test.slow()
        await installClock(page)
        const injected = await injectFault(page, apiRoute(screen.read), fault, {
          times: 1,
        })

        // One failure: the page retries once by itself and shows the data.
        let surface = await screen.open(page, request)
        await expectAttempts(page, injected, fault, 1)
        await hurryRetry(page, fault)
        await expect(screen.loaded(surface)).toBeVisible({
          timeout: SLOW_TIMEOUT,
        })
        // (A screen that polls may have read again since.)
        expect(injected.sendsOfFirst()).toBeGreaterThanOrEqual(2)
        await expect(screen.failure(surface)).toBeHidden()
        if (fault === 'http-429') {
          // Not before the Retry-After it was given.
          const [first = 0, second = 0] = injected.hitTimes()
          expect(second - first).toBeGreaterThanOrEqual(950)
        }

        // A lasting failure: one retry, then what happened and Retry. The
        // screen is left first: one that polls would read again from the
        // old page, into the new fault's count, before the next one loads.
        await page.goto('about:blank')
        await page.unrouteAll({ behavior: 'ignoreErrors' })
        const lasting = await injectFault(page, apiRoute(screen.read), fault)
        surface = await screen.open(page, request)
        await expectAttempts(page, lasting, fault, 2)
        const failure = screen.failure(surface)
        await expectFaultShown(failure, fault)
        expect(lasting.sendsOfFirst()).toBe(2)
        expect(lasting.hits()).toBe(2)

        // The fault is gone; Retry loads the screen.
        lasting.heal()
        await failure.getByRole('button', { name: 'Retry' }).click()
        await expect(screen.loaded(surface)).toBeVisible({
          timeout: SLOW_TIMEOUT,
        })
        await expect(failure).toBeHidden()
        expect(lasting.sendsOfFirst()).toBeGreaterThanOrEqual(3)
      })
    }

    test('offline: the page says so, and a failed read loads again once back online', async ({
      page,
      context,
      request,
    }) => {
      test.slow()
      const injected = await injectFault(page, apiRoute(screen.read), 'failed')
      const surface = await screen.open(page, request)
      const failure = screen.failure(surface)
      await expectFaultShown(failure, 'failed')

      const banner = connectionBanner(surface)
      await goOffline(context, banner)
      const offlineSends = injected.sendsOfFirst()
      injected.heal()
      // Nothing is sent while offline.
      await page.waitForTimeout(1_000)
      expect(injected.sendsOfFirst()).toBe(offlineSends)
      await goOnline(context, banner)
      // No Retry pressed: coming back online reads again.
      await expect(screen.loaded(surface)).toBeVisible({
        timeout: SLOW_TIMEOUT,
      })
      await expect(failure).toBeHidden()
      expect(injected.sendsOfFirst()).toBeGreaterThan(offlineSends)
    })
  })
}

test('offline, a search waits and is sent once back online', async ({
  page,
  context,
}) => {
  const injected = await injectFault(
    page,
    apiRoute('connected_accounts/list'),
    'failed',
    { times: 0 },
  )
  await page.goto('/accounts')
  await expect(accountsTable(page).getByRole('link').first()).toBeVisible()
  const banner = connectionBanner(page)
  await goOffline(context, banner)
  const searches = () =>
    injected
      .sent()
      .filter((r) => r.includes('"search":"gmail"') && !r.includes('cursor'))
      .length

  await searchBox(page).fill('gmail')
  await expect(page).toHaveURL(/q=gmail/)
  await expect(accountsTable(page)).toHaveAttribute('aria-busy', 'true')
  // Nothing leaves while offline.
  await page.waitForTimeout(1_000)
  expect(searches()).toBe(0)

  await goOnline(context, banner)
  await expect(accountsTable(page)).toHaveAttribute('aria-busy', 'false', {
    timeout: SLOW_TIMEOUT,
  })
  await expect(accountsTable(page).getByRole('link').first()).toBeVisible()
  expect(searches()).toBe(1)
})

test('an account page whose side reads fail shows each in place, with Retry', async ({
  page,
  request,
}) => {
  const events = await injectFault(page, apiRoute('events/list'), 'http-500')
  const devices = await injectFault(page, apiRoute('devices/list'), 'http-500')
  await page.goto(`/accounts/${await detailAccount(request)}`)
  await expect(
    page.getByRole('button', { name: 'Edit metadata' }),
  ).toBeVisible()

  const activity = page
    .getByRole('alert')
    .filter({ hasText: 'Couldn’t load activity' })
  await expectFaultShown(activity, 'http-500')
  // Each tried once more by itself.
  expect(events.sendsOfFirst()).toBe(2)
  await expect.poll(() => devices.sendsOfFirst()).toBe(2)

  events.heal()
  devices.heal()
  await activity.getByRole('button', { name: 'Retry' }).click()
  await expect(page.getByRole('list', { name: 'Events' })).toBeVisible()
  await expect(activity).toBeHidden()
})
