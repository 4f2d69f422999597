import { accountsTable } from './support/accounts'
import { expect, test } from './support/test'

test('the list refreshes every minute and says how fresh it is', async ({
  page,
}) => {
  await page.clock.install()
  await page.goto('/accounts')
  await expect(accountsTable(page).getByRole('link')).toHaveCount(25)
  // The refresh button is described by how fresh the data is.
  const refresh = page.getByRole('button', { name: 'Refresh' })
  await expect(refresh).toHaveAccessibleDescription('Updated just now')

  // The installed clock also keeps running in real time: allow a few seconds.
  await page.clock.runFor(30_000)
  await expect(refresh).toHaveAccessibleDescription(/^Updated 3\ds ago$/)

  const refetch = page.waitForRequest(
    (request) =>
      request.url().endsWith('/api/connected_accounts/list') &&
      request.method() === 'POST',
  )
  await page.clock.runFor(31_000)
  await refetch
  await expect(refresh).toHaveAccessibleDescription(
    /^Updated (just now|\ds ago)$/,
  )
})
