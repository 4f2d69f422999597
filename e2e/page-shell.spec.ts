import type { Page } from '@playwright/test'

import { accountsTable } from './support/accounts'
import { expect, test } from './support/test'

/**
 * Holds the app's script until `release` is called: the page shows only what
 * its HTML drew.
 */
async function holdApp(page: Page): Promise<() => void> {
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await released
    await route.continue()
  })
  return release
}

const shell = (page: Page) => page.locator('[data-page-shell]')

for (const [path, heading, title] of [
  ['/accounts', 'Connected accounts', 'Accounts · Seam Accounts Console'],
  ['/triage', 'Triage', 'Triage · Seam Accounts Console'],
] as const) {
  test(`${path} is drawn before the app runs, inert, then replaced by the app`, async ({
    page,
  }) => {
    const release = await holdApp(page)
    await page.goto(path, { waitUntil: 'domcontentloaded' })

    await expect(shell(page).locator('h1')).toHaveText(heading)
    await expect(page).toHaveTitle(title)
    // A picture of the page: nothing in it is announced or reachable.
    await expect(page.getByRole('heading', { name: heading })).toHaveCount(0)
    await page.keyboard.press('Tab')
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-page-shell]'),
      ),
    ).toBeNull()

    release()
    await expect(
      page.getByRole('heading', { level: 1, name: heading }),
    ).toBeVisible()
    await expect(shell(page)).toHaveCount(0)
  })
}

test('an account page is drawn with its account, and the app starts from it', async ({
  page,
}) => {
  await page.goto('/accounts')
  const link = accountsTable(page).getByRole('link').first()
  const href = await link.getAttribute('href')
  const name = (await link.textContent())?.trim() ?? ''
  expect(href).toMatch(/^\/accounts\//)
  expect(name).not.toBe('')

  const reads: string[] = []
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname
    if (path === '/api/connected_accounts/get' || path === '/api/auth/me') {
      reads.push(path)
    }
  })
  const release = await holdApp(page)
  await page.goto(href ?? '', { waitUntil: 'domcontentloaded' })
  // The account is on screen before the app has run.
  await expect(shell(page).locator('h1')).toHaveText(name)
  await expect(page).toHaveTitle(`${name} · Seam Accounts Console`)
  await expect(page.getByRole('heading', { name })).toHaveCount(0)

  release()
  await expect(shell(page)).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  // The reader's role came with the page: the actions are ready at once.
  await expect(
    page.getByRole('button', { name: 'Edit metadata' }),
  ).not.toHaveAttribute('aria-disabled', 'true')
  // The side reads still load, and the account was not read a second time.
  await expect(page.getByRole('region', { name: 'Activity' })).toBeVisible()
  expect(reads).toEqual([])
})

test('an account the server cannot read is outlined, and the app reads it', async ({
  page,
}) => {
  const reads: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/api/connected_accounts/get')) {
      reads.push(request.url())
    }
  })
  const release = await holdApp(page)
  await page.goto('/accounts/00000000-0000-4000-8000-0000000000ff', {
    waitUntil: 'domcontentloaded',
  })
  await expect(
    shell(page).getByRole('banner', { includeHidden: true }),
  ).toBeVisible()
  await expect(page).toHaveTitle(/^Account · /)

  release()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Account not found' }),
  ).toBeVisible()
  expect(reads).toHaveLength(1)
})

test('a chosen theme is applied before the outline is drawn', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.addInitScript(() => {
    localStorage.setItem('seam-console:theme', 'dark')
  })
  const release = await holdApp(page)
  await page.goto('/accounts', { waitUntil: 'domcontentloaded' })

  await expect(shell(page)).toBeVisible()
  await expect(page.locator('html')).toHaveClass(/\bdark\b/)
  const headerBackground = () =>
    shell(page)
      .locator('header')
      .evaluate((header) => getComputedStyle(header).backgroundColor)
  const drawn = await headerBackground()
  // The light theme's header is white.
  expect(drawn).not.toBe('rgb(255, 255, 255)')

  release()
  await expect(shell(page)).toHaveCount(0)
  await expect(
    page.getByRole('group', { name: 'Theme' }).getByRole('button', {
      name: 'Dark theme',
    }),
  ).toHaveAttribute('aria-pressed', 'true')
  expect(
    await page
      .getByRole('banner')
      .evaluate((header) => getComputedStyle(header).backgroundColor),
  ).toBe(drawn)
})
