import type { ConnectedAccount } from '@seamapi/types/connect'

import {
  accountsTable,
  expectShown,
  ids,
  listAll,
  listPage,
} from './support/accounts'
import { expect, type Page, test } from './support/test'

async function openFilters(page: Page) {
  await page.getByRole('button', { name: 'Filters' }).click()
  return page.getByRole('form', { name: 'Account filters' })
}

async function addMetadata(page: Page, condition: string) {
  const form = page.getByRole('form', { name: 'Metadata filter' })
  await form.getByLabel('Custom metadata').fill(condition)
  await form.getByRole('button', { name: 'Add' }).click()
}

/** The customer key with the most accounts, and a metadata value some have. */
function pickCustomerAndRegion(accounts: ConnectedAccount[]) {
  const counts = new Map<string, number>()
  for (const account of accounts) {
    if (account.customer_key) {
      counts.set(
        account.customer_key,
        (counts.get(account.customer_key) ?? 0) + 1,
      )
    }
  }
  const [customerKey] =
    [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? []
  if (!customerKey) throw new Error('the seed has no customer keys')
  const region = accounts.find(
    (a) =>
      a.customer_key === customerKey &&
      typeof a.custom_metadata.region === 'string',
  )?.custom_metadata.region
  if (typeof region !== 'string') throw new Error('no region to filter on')
  return { customerKey, region }
}

test('filters combine, show as chips and clear all at once', async ({
  page,
  request,
}) => {
  const accounts = await listAll(request)
  const { customerKey, region } = pickCustomerAndRegion(accounts)
  const byCustomer = ids(
    (await listPage(request, { customer_key: customerKey, limit: 25 }))
      .connected_accounts,
  )
  const byBoth = ids(
    (
      await listPage(request, {
        customer_key: customerKey,
        custom_metadata_has: { region },
        limit: 25,
      })
    ).connected_accounts,
  )
  expect(byBoth.length).toBeGreaterThan(0)
  expect(byBoth.length).toBeLessThan(byCustomer.length)

  await page.goto('/accounts')
  const form = await openFilters(page)
  await form.getByLabel('Customer key').fill(customerKey)
  await form.getByRole('button', { name: 'Apply filters' }).click()
  await expectShown(page, byCustomer)

  await addMetadata(page, `region = ${region}`)
  await expectShown(page, byBoth)

  const chips = page.getByRole('list', { name: 'Active filters' })
  await expect(chips.getByRole('listitem')).toHaveCount(2)
  await expect(chips).toContainText(customerKey)
  await expect(chips).toContainText(`region=${region}`)
  await expect(page).toHaveURL(
    (url) =>
      url.searchParams.get('customer_key') === customerKey &&
      url.searchParams.get('meta') === `region=${region}`,
  )

  // Removing one chip keeps the other.
  await chips
    .getByRole('button', { name: `Remove filter Metadata region=${region}` })
    .click()
  await expectShown(page, byCustomer)

  await page.getByRole('button', { name: 'Clear all' }).click()
  await expect(chips).toHaveCount(0)
  await expect(page).toHaveURL(/\/accounts$/)
  const firstPage = ids(
    (await listPage(request, { limit: 25 })).connected_accounts,
  )
  await expectShown(page, firstPage)
})

test('true and false in a metadata filter match booleans', async ({
  page,
  request,
}) => {
  const vip = ids(
    (
      await listPage(request, {
        custom_metadata_has: { is_vip: true },
        limit: 25,
      })
    ).connected_accounts,
  )
  expect(vip.length).toBeGreaterThan(0)
  const vipAsString = (
    await listPage(request, {
      custom_metadata_has: { is_vip: 'true' },
      limit: 25,
    })
  ).connected_accounts
  expect(vipAsString).toHaveLength(0)

  await page.goto('/accounts')
  await openFilters(page)
  await addMetadata(page, 'is_vip=true')
  await expectShown(page, vip)
})

test('a malformed metadata condition is explained, not sent', async ({
  page,
}) => {
  await page.goto('/accounts')
  await openFilters(page)
  await addMetadata(page, 'region')
  const input = page.getByLabel('Custom metadata')
  await expect(input).toHaveAttribute('aria-invalid', 'true')
  await expect(input).toHaveAccessibleDescription(
    'Write the condition as key=value.',
  )
  await expect(page).toHaveURL(/\/accounts$/)
})

test('customer IDs filter by customer, and must be UUIDs', async ({ page }) => {
  await page.goto('/accounts')
  const form = await openFilters(page)
  await form.getByLabel('Customer IDs').fill('not-a-uuid')
  await form.getByRole('button', { name: 'Apply filters' }).click()
  await expect(form.getByLabel('Customer IDs')).toHaveAccessibleDescription(
    /“not-a-uuid” is not one/,
  )

  // No customer has this ID: an empty result that names the filter.
  const unknown = '00000000-0000-4000-8000-000000000000'
  await form.getByLabel('Customer IDs').fill(unknown)
  await form.getByRole('button', { name: 'Apply filters' }).click()
  await expect(
    page.getByRole('heading', { name: 'No accounts match' }),
  ).toBeVisible()
  await expect(accountsTable(page)).toContainText(`customer ID ${unknown}`)
})
