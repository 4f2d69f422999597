import type { ConnectedAccount } from '@seamapi/types/connect'

import {
  accountsTable,
  expectShown,
  ids,
  listAll,
  listPage,
  searchBox,
} from './support/accounts'
import { type APIRequestContext, expect, type Page, test } from './support/test'

/**
 * Each search finds the account it was taken from, and the table shows
 * exactly what the API returns for that search: the server searches, not
 * the page.
 */
async function searchFinds(
  page: Page,
  request: APIRequestContext,
  term: string,
  account: ConnectedAccount,
) {
  const expected = ids(
    (await listPage(request, { search: term, limit: 25 })).connected_accounts,
  )
  expect(expected).toContain(account.connected_account_id)

  await searchBox(page).fill(term)
  await expect(page).toHaveURL(
    (url) => url.searchParams.get('q') === term.trim(),
  )
  await expectShown(page, expected)
  await expect(
    accountsTable(page).getByRole('link', {
      name: account.display_name,
      exact: true,
    }),
  ).not.toHaveCount(0)
}

test.describe('searching', () => {
  let accounts: ConnectedAccount[] = []

  test.beforeAll(async ({ request }) => {
    accounts = await listAll(request)
    expect(accounts.length).toBeGreaterThan(100)
  })

  const pick = (
    predicate: (account: ConnectedAccount, index: number) => boolean,
  ) => {
    const account = accounts.find(predicate)
    if (!account) throw new Error('the seed has no such account')
    return account
  }

  test.beforeEach(async ({ page }) => {
    await page.goto('/accounts')
    await expect(accountsTable(page).getByRole('link')).toHaveCount(25)
  })

  test('by email', async ({ page, request }) => {
    // An account further down the list, so finding it means searching.
    const account = pick(
      (a) => Boolean(a.user_identifier?.email) && accounts.indexOf(a) > 150,
    )
    await searchFinds(
      page,
      request,
      account.user_identifier?.email ?? '',
      account,
    )
  })

  test('by phone', async ({ page, request }) => {
    const account = pick(
      (a) => Boolean(a.user_identifier?.phone) && accounts.indexOf(a) > 120,
    )
    await searchFinds(
      page,
      request,
      account.user_identifier?.phone ?? '',
      account,
    )
  })

  test('by customer key', async ({ page, request }) => {
    const account = pick(
      (a) => Boolean(a.customer_key) && accounts.indexOf(a) > 100,
    )
    await searchFinds(page, request, account.customer_key ?? '', account)
  })

  test('by a metadata value', async ({ page, request }) => {
    const account = pick(
      (a) =>
        typeof a.custom_metadata.internal_id === 'string' &&
        accounts.indexOf(a) > 200,
    )
    await searchFinds(
      page,
      request,
      String(account.custom_metadata.internal_id),
      account,
    )
  })

  test('by ID', async ({ page, request }) => {
    const account = pick((_, index) => index === 180)
    await searchFinds(page, request, account.connected_account_id, account)
    await expect(accountsTable(page).getByRole('link')).toHaveCount(1)
  })

  test('hostile names are shown as plain text', async ({ page, request }) => {
    page.on('dialog', () => {
      throw new Error('a hostile string ran as script')
    })
    const account = pick((a) => a.display_name.startsWith('<script>'))
    await searchFinds(page, request, account.connected_account_id, account)
    await expect(
      accountsTable(page).getByRole('link', { name: account.display_name }),
    ).toHaveText(account.display_name)
  })

  test('says which search found nothing and clears it', async ({ page }) => {
    await searchBox(page).fill('zz-no-account-has-this-zz')
    const empty = page.getByRole('heading', { name: 'No accounts match' })
    await expect(empty).toBeVisible()
    await expect(accountsTable(page)).toContainText(
      'Nothing matches search “zz-no-account-has-this-zz”.',
    )
    await page.getByRole('button', { name: 'Clear search and filters' }).click()
    await expect(searchBox(page)).toHaveValue('')
    await expect(page).toHaveURL(/\/accounts$/)
    await expect(accountsTable(page).getByRole('link')).toHaveCount(25)
  })
})

test('the search box offers to clear what was typed, and only then', async ({
  page,
}) => {
  await page.goto('/accounts')
  await expect(accountsTable(page).getByRole('link').first()).toBeVisible()
  const clear = page.getByRole('button', { name: 'Clear search' })
  const hint = page.getByRole('search').locator('kbd', { hasText: '/' })
  await expect(clear).toBeHidden()
  await expect(hint).toBeVisible()

  await searchBox(page).fill('salto')
  await expect(page).toHaveURL(/q=salto/)
  await expect(clear).toBeVisible()
  await expect(hint).toBeHidden()

  await clear.click()
  await expect(searchBox(page)).toHaveValue('')
  await expect(page).not.toHaveURL(/q=/)
  await expect(clear).toBeHidden()
  await expect(hint).toBeVisible()
})
