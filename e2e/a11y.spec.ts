import type { ConnectedAccount } from '@seamapi/types/connect'

import {
  expectNoAxeViolations,
  expectNoAxeViolationsInEachTheme,
  THEMES,
  useTheme,
} from './support/a11y'
import { accountsTable, searchBox } from './support/accounts'
import { findAccount, hasError, hasWarning, isHealthy } from './support/detail'
import {
  customersBySize,
  dashboardFrame,
  FRAME_TITLE,
  mintToken,
  openTestPortal,
  PORTAL_ORIGIN,
} from './support/embed'
import { apiRoute, injectFault } from './support/faults'
import { expect, type Page, test } from './support/test'
import { problemTiles, queueRows, settledTriage } from './support/triage'

const FRAME = `iframe[title="${FRAME_TITLE}"]`

/** A page's first render, which waits for its data and its lazy chunk. */
const FIRST_RENDER = { timeout: 30_000 }

async function openAccount(page: Page, account: ConnectedAccount) {
  await page.goto(`/accounts/${account.connected_account_id}`)
  await expect(
    page.getByRole('heading', { level: 1, name: account.display_name }),
  ).toBeVisible(FIRST_RENDER)
}

async function openAccounts(page: Page, search = '') {
  await page.goto(
    search ? `/accounts?q=${encodeURIComponent(search)}` : '/accounts',
  )
  await expect(accountsTable(page)).toHaveAttribute(
    'aria-busy',
    'false',
    FIRST_RENDER,
  )
}

// Each state is reached once and checked in the system's light theme, then
// in its dark one. The embedded views take their theme from the portal, so
// those journeys open the frame once per theme.
test.describe('every state, light and dark', () => {
  test.beforeEach(() => {
    // Two full axe runs per state, on pages as big as a real workspace's.
    test.slow()
  })

  test('accounts table', async ({ page }) => {
    await openAccounts(page)
    await expect(accountsTable(page).getByRole('link')).toHaveCount(25)
    await expectNoAxeViolationsInEachTheme(page, 'the accounts table')
  })

  test('accounts table with the filters open, a filter set and an invalid one', async ({
    page,
    request,
  }) => {
    const [customer] = await customersBySize(request)
    if (!customer) throw new Error('The sandbox has no customers')
    await page.goto(`/accounts?customer_key=${customer.customerKey}`)
    await page.getByRole('button', { name: /^Filters/ }).click()
    const filters = page.getByRole('form', { name: 'Account filters' })
    await filters.getByLabel('Customer IDs').fill('not-a-uuid')
    await filters.getByRole('button', { name: 'Apply filters' }).click()
    await expect(filters.getByText('is not one')).toBeVisible()
    await expect(
      page.getByRole('button', {
        name: `Remove filter Customer key ${customer.customerKey}`,
      }),
    ).toBeVisible()
    await expectNoAxeViolationsInEachTheme(page, 'the open filter panel')
  })

  test('accounts table with the column menu open', async ({ page }) => {
    await openAccounts(page)
    await page.getByRole('button', { name: 'Columns' }).click()
    await expect(
      page.getByRole('dialog', { name: 'Visible columns' }),
    ).toBeVisible()
    await expectNoAxeViolationsInEachTheme(page, 'the column menu')
  })

  test('a search that finds nothing', async ({ page }) => {
    await openAccounts(page, 'zz-no-such-account-zz')
    await expect(accountsTable(page)).toContainText(
      'No accounts match',
      FIRST_RENDER,
    )
    await expectNoAxeViolationsInEachTheme(page, 'the empty search')
  })

  test('the keyboard shortcuts dialog', async ({ page }) => {
    await openAccounts(page)
    await page.keyboard.press('?')
    await expect(
      page.getByRole('dialog', { name: 'Keyboard shortcuts' }),
    ).toBeVisible()
    await expectNoAxeViolationsInEachTheme(page, 'the shortcuts dialog')
  })

  test('a healthy account', async ({ page, request }) => {
    await openAccount(page, await findAccount(request, 'healthy', isHealthy))
    await expect(page.getByText('Healthy: no errors or warnings')).toBeVisible()
    await expectNoAxeViolationsInEachTheme(page, 'a healthy account')
  })

  test('an account over its Salto KS limit, with errors and warnings', async ({
    page,
    request,
  }) => {
    const account = await findAccount(
      request,
      'Salto KS over-limit with a warning',
      (a) =>
        hasError(a, 'salto_ks_subscription_limit_exceeded') &&
        a.warnings.length > 0,
    ).catch(() =>
      findAccount(request, 'Salto KS over-limit', (a) =>
        hasError(a, 'salto_ks_subscription_limit_exceeded'),
      ),
    )
    await openAccount(page, account)
    await expect(page.getByRole('meter').first()).toBeVisible()
    await expectNoAxeViolationsInEachTheme(page, 'an account over its limit')
  })

  test('an account near its Salto KS limit', async ({ page, request }) => {
    const account = await findAccount(request, 'Salto KS almost-full', (a) =>
      hasWarning(a, 'salto_ks_subscription_limit_almost_reached'),
    )
    await openAccount(page, account)
    await expect(page.getByRole('meter').first()).toBeVisible()
    await expectNoAxeViolationsInEachTheme(page, 'an account near its limit')
  })

  test('the metadata editor with a validation error', async ({
    page,
    request,
  }) => {
    await openAccount(page, await findAccount(request, 'healthy', isHealthy))
    await page.getByRole('button', { name: 'Edit metadata' }).click()
    const form = page.getByRole('form', { name: 'Edit custom metadata' })
    await form.getByRole('button', { name: 'Add pair' }).click()
    await form.getByRole('button', { name: 'Save metadata' }).click()
    await expect(form.locator('[aria-invalid="true"]').first()).toBeFocused()
    await expectNoAxeViolationsInEachTheme(page, 'the metadata editor')
    await form.getByRole('button', { name: 'Cancel' }).click()
  })

  test('the delete confirmation', async ({ page, request }) => {
    await openAccount(page, await findAccount(request, 'healthy', isHealthy))
    await page.getByRole('button', { name: 'Delete' }).click()
    const dialog = page.getByRole('dialog', {
      name: 'Delete this connected account?',
    })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('textbox').fill('not the name')
    await expectNoAxeViolationsInEachTheme(page, 'the delete confirmation')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()
  })

  test('triage: tiles, queue and Salto KS sites', async ({ page, request }) => {
    const data = await settledTriage(request)
    expect(data.salto_ks_sites.length).toBeGreaterThan(0)
    await page.goto('/triage')
    await expect(queueRows(page).first()).toBeVisible(FIRST_RENDER)
    await expect(
      page.getByRole('region', { name: 'Salto KS sites' }).getByRole('meter'),
    ).toHaveCount(data.salto_ks_sites.length)
    await expectNoAxeViolationsInEachTheme(page, 'the triage page')

    await problemTiles(page).getByRole('button').first().click()
    await expect(
      problemTiles(page).getByRole('button', { pressed: true }),
    ).toHaveCount(1)
    await expectNoAxeViolationsInEachTheme(
      page,
      'the triage page filtered by a tile',
    )
  })

  test('the audit log with its filters', async ({ page }) => {
    await page.goto('/audit?action=update')
    await expect(
      page.getByRole('heading', { level: 1, name: 'Audit log' }),
    ).toBeVisible(FIRST_RENDER)
    await expect(
      page.getByRole('form', { name: 'Filter the audit log' }),
    ).toBeVisible()
    await expectNoAxeViolationsInEachTheme(page, 'the audit log')
  })

  test('the portal demo and the dashboard in its frame', async ({
    page,
    request,
  }) => {
    for (const theme of THEMES) {
      // The portal's page follows the system; the frame, its theme parameter.
      await useTheme(page, theme)
      const [customer] = await customersBySize(request)
      if (!customer) throw new Error('The sandbox has no customers')
      await page.goto(
        `${PORTAL_ORIGIN}/?customer_key=${customer.customerKey}&role=operator&theme=${theme}`,
      )
      const frame = dashboardFrame(page)
      await expect(accountsTable(frame).getByRole('link').first()).toBeVisible(
        FIRST_RENDER,
      )
      await expectNoAxeViolations(
        page,
        `the embedded accounts (${theme} theme)`,
        {
          frame: FRAME,
        },
      )
      await expectNoAxeViolations(
        page,
        `the portal demo around the frame (${theme} theme)`,
        {
          exclude: FRAME,
        },
      )

      await accountsTable(frame).getByRole('link').first().click()
      await expect(frame.getByRole('heading', { level: 1 })).toBeVisible(
        FIRST_RENDER,
      )
      await expectNoAxeViolations(
        page,
        `an embedded account (${theme} theme)`,
        {
          frame: FRAME,
        },
      )
    }
  })

  test('embedded triage, and a frame whose link has expired', async ({
    page,
  }) => {
    for (const theme of THEMES) {
      // The portal's page follows the system; the frame, its theme parameter.
      await useTheme(page, theme)
      await openTestPortal(page, {
        token: mintToken({ role: 'operator' }),
        route: `/embed/triage?theme=${theme}`,
      })
      const frame = dashboardFrame(page)
      await expect(
        frame.getByRole('table', { name: 'Accounts with problems' }),
      ).toBeVisible(FIRST_RENDER)
      await expectNoAxeViolations(page, `embedded triage (${theme} theme)`, {
        frame: FRAME,
      })

      const stale = () =>
        mintToken({ ttlSeconds: 60, now: Date.now() - 10 * 60_000 })
      await openTestPortal(page, {
        token: stale(),
        route: `/embed/accounts?theme=${theme}`,
      })
      await page.evaluate((token) => {
        ;(window as unknown as { nextToken: string }).nextToken = token
      }, stale())
      await expect(
        dashboardFrame(page).getByRole('heading', {
          name: 'This embedded view’s link has expired',
        }),
      ).toBeVisible({ timeout: 15_000 })
      await expectNoAxeViolations(
        page,
        `an expired embed link (${theme} theme)`,
        {
          frame: FRAME,
        },
      )
    }
  })

  test('embedded triage in a portal with a pale and with a dark accent', async ({
    page,
  }) => {
    for (const theme of THEMES) {
      // The portal's page follows the system; the frame, its theme parameter.
      await useTheme(page, theme)
      // Buttons, links and the focus ring take the portal's colour.
      for (const accent of ['ffe14d', '1b1540']) {
        await openTestPortal(page, {
          token: mintToken({ role: 'operator' }),
          route: `/embed/triage?theme=${theme}&accent=${accent}`,
        })
        const frame = dashboardFrame(page)
        await expect(
          frame.getByRole('button', { name: /^Create reconnect link for / }),
        ).not.toHaveCount(0, FIRST_RENDER)
        await expectNoAxeViolations(
          page,
          `embedded triage, accent ${accent} (${theme} theme)`,
          {
            frame: FRAME,
          },
        )
      }
    }
  })

  test('a failed list load', async ({ page }) => {
    await injectFault(page, apiRoute('connected_accounts/list'), 'http-500')
    await page.goto('/accounts')
    await expect(accountsTable(page).getByRole('alert')).toContainText(
      'Couldn’t load accounts',
      FIRST_RENDER,
    )
    await expectNoAxeViolationsInEachTheme(page, 'a failed list load')
  })

  test('a failed account load and an account that does not exist', async ({
    page,
  }) => {
    await page.goto('/accounts/00000000-0000-4000-8000-000000000000')
    await expect(
      page.getByRole('heading', { level: 1, name: 'Account not found' }),
    ).toBeVisible(FIRST_RENDER)
    await expectNoAxeViolationsInEachTheme(page, 'an account not found')

    await injectFault(page, apiRoute('connected_accounts/get'), 'http-500')
    await page.goto('/accounts/00000000-0000-4000-8000-000000000001')
    await expect(
      page.getByRole('heading', { name: 'Couldn’t load this account' }),
    ).toBeVisible(FIRST_RENDER)
    await expectNoAxeViolationsInEachTheme(page, 'a failed account load')
  })

  test('a failed triage scan', async ({ page }) => {
    await injectFault(page, apiRoute('dashboard/triage'), 'http-500')
    await page.goto('/triage')
    await expect(page.getByRole('alert').first()).toBeVisible(FIRST_RENDER)
    await expectNoAxeViolationsInEachTheme(page, 'a failed triage load')
  })

  test('the signed-out and not-found pages', async ({ page }) => {
    await page.goto('/signed-out')
    await expect(
      page.getByRole('heading', { level: 1, name: 'Signed out' }),
    ).toBeVisible()
    await expectNoAxeViolationsInEachTheme(page, 'the signed-out page')

    await page.goto('/no-such-page')
    await expect(
      page.getByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeVisible()
    await expectNoAxeViolationsInEachTheme(page, 'the not-found page')
  })

  test('the accounts search box with a search typed', async ({ page }) => {
    await openAccounts(page, 'gmail')
    await expect(searchBox(page)).toHaveValue('gmail')
    await expectNoAxeViolationsInEachTheme(page, 'a search with results')
  })
})

test('the theme switch overrides the system in both directions', async ({
  page,
}) => {
  test.slow()
  for (const [system, chosen] of [
    ['light', 'dark'],
    ['dark', 'light'],
  ] as const) {
    await useTheme(page, system)
    await openAccounts(page)
    await page
      .getByRole('group', { name: 'Theme' })
      .getByRole('button', {
        name: `${chosen === 'dark' ? 'Dark' : 'Light'} theme`,
      })
      .click()
    await expect(page.locator('html')).toHaveClass(
      new RegExp(`(^|\\s)${chosen}(\\s|$)`),
    )
    await expectNoAxeViolationsInEachTheme(
      page,
      `${chosen} chosen on a ${system} system`,
    )
  }
})

test('the check itself fails on a violation, in the page and inside a frame', async ({
  page,
}) => {
  const broken = `
    <main>
      <h1>Broken on purpose</h1>
      <p style="color:#bbb;background:#fff">Text too pale to read</p>
      <button></button>
    </main>`
  await page.setContent(
    `<!doctype html><html lang="en"><head><title>Check</title></head><body>${broken}</body></html>`,
  )
  await expect(
    expectNoAxeViolations(page, 'a page broken on purpose'),
  ).rejects.toThrow(
    /color-contrast[\s\S]*button-name|button-name[\s\S]*color-contrast/,
  )

  await page.setContent(
    `<!doctype html><html lang="en"><head><title>Check</title></head><body><main><h1>Portal</h1><iframe title="Inner" srcdoc="${broken.replaceAll('"', '&quot;')}"></iframe></main></body></html>`,
  )
  await expect(
    expectNoAxeViolations(page, 'a frame broken on purpose', {
      frame: 'iframe[title="Inner"]',
    }),
  ).rejects.toThrow(/color-contrast/)
})
