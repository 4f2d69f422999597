import {
  accountsTable,
  expectShown,
  ids,
  listPage,
  pagination,
  searchBox,
  shownIds,
} from './support/accounts'
import { expect, test } from './support/test'

test('reload and back/forward keep the view, Previous included', async ({
  page,
  request,
}) => {
  const search = 'example.com'
  const first = await listPage(request, { search, limit: 25 })
  const cursor = first.pagination.next_page_cursor
  expect(cursor).not.toBeNull()
  const second = await listPage(request, {
    search,
    limit: 25,
    page_cursor: cursor ?? '',
  })

  await page.goto('/accounts')
  await searchBox(page).fill(search)
  await expectShown(page, ids(first.connected_accounts))
  await pagination(page).getByRole('button', { name: 'Next' }).click()
  await expect(pagination(page)).toContainText('Page 2')
  await expectShown(page, ids(second.connected_accounts))

  // Sorting the loaded page by account name, ascending.
  const sortButton = accountsTable(page).getByRole('button', {
    name: 'Account',
  })
  await sortButton.click()
  const accountHeader = accountsTable(page).getByRole('columnheader', {
    name: 'Account',
  })
  await expect(accountHeader).toHaveAttribute('aria-sort', 'ascending')
  const sorted = await shownIds(page)
  expect([...sorted].sort()).toEqual(ids(second.connected_accounts).sort())
  const sortedUrl = page.url()
  expect(new URL(sortedUrl).searchParams.get('sort')).toBe('display_name')

  await page.reload()
  await expect(searchBox(page)).toHaveValue(search)
  await expect(pagination(page)).toContainText('Page 2')
  await expect(accountHeader).toHaveAttribute('aria-sort', 'ascending')
  await expectShown(page, sorted)

  // Previous still knows the way back after the reload.
  await pagination(page).getByRole('button', { name: 'Previous' }).click()
  await expect(pagination(page)).toContainText('Page 1')
  // Page 2 stays on screen, marked busy, until page 1 arrives; page 1 comes
  // back in the chosen order, so compare the sets.
  await expect
    .poll(async () => [...(await shownIds(page))].sort(), {
      intervals: [25, 50, 100],
    })
    .toEqual(ids(first.connected_accounts).sort())
  await expect(accountsTable(page)).toHaveAttribute('aria-busy', 'false')

  await page.goBack()
  await expect(page).toHaveURL(sortedUrl)
  await expect(pagination(page)).toContainText('Page 2')
  await expectShown(page, sorted)

  await page.goForward()
  await expect(pagination(page)).toContainText('Page 1')
  await expect(searchBox(page)).toHaveValue(search)

  // A pasted link shows the same view in a fresh tab.
  const fresh = await page.context().newPage()
  await fresh.goto(sortedUrl)
  await expect(pagination(fresh)).toContainText('Page 2')
  await expectShown(fresh, sorted)
  await fresh.close()
})

test('coming back from an account restores the page and scroll position', async ({
  page,
}) => {
  await page.goto('/accounts?size=100')
  await expect(accountsTable(page).getByRole('link')).toHaveCount(100)
  const link = accountsTable(page).getByRole('link').nth(60)
  await link.scrollIntoViewIfNeeded()
  await page.mouse.wheel(0, 200)
  await expect
    .poll(() => page.evaluate(() => window.scrollY), { intervals: [50, 100] })
    .toBeGreaterThan(1000)
  const scrollY = await page.evaluate(() => window.scrollY)
  const name = (await link.textContent()) ?? ''

  await link.click()
  await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()

  await page.getByRole('link', { name: 'All accounts' }).click()
  await expect(page).toHaveURL(/\/accounts\?size=100$/)
  await expect(accountsTable(page).getByRole('link')).toHaveCount(100)
  await expect
    .poll(() => page.evaluate(() => window.scrollY), { intervals: [50, 100] })
    .toBeCloseTo(scrollY, -1)

  await link.click()
  await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/)
  await page.goBack()
  await expect
    .poll(() => page.evaluate(() => window.scrollY), { intervals: [50, 100] })
    .toBeCloseTo(scrollY, -1)
})

test('a row is a real link: it opens the account in a new tab', async ({
  page,
  context,
}) => {
  await page.goto('/accounts')
  const link = accountsTable(page).getByRole('link').first()
  const href = await link.getAttribute('href')
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    link.click({ modifiers: ['Control'] }),
  ])
  await tab.waitForLoadState()
  expect(new URL(tab.url()).pathname).toBe(href)
  await expect(page).toHaveURL(/\/accounts$/)
  await tab.close()
})

test('an unknown account ID shows a not-found state', async ({ page }) => {
  await page.goto('/accounts/00000000-0000-4000-8000-000000000000')
  await expect(
    page.getByRole('heading', { name: 'Account not found' }),
  ).toBeVisible()
  await page.goto('/accounts/not-an-id')
  await expect(
    page.getByRole('heading', { name: 'Account not found' }),
  ).toBeVisible()
  await page.getByRole('link', { name: 'All accounts' }).click()
  await expect(page).toHaveURL(/\/accounts$/)
})
