import { accountsTable } from './support/accounts'
import { expect, test } from './support/test'

test('hidden columns stay hidden: in the link and in this browser', async ({
  page,
  context,
}) => {
  await page.goto('/accounts')
  const table = accountsTable(page)
  const metadataHeader = table.getByRole('columnheader', {
    name: 'Custom metadata',
  })
  await expect(metadataHeader).toBeVisible()

  await page.getByRole('button', { name: 'Columns' }).click()
  await page
    .getByRole('dialog', { name: 'Visible columns' })
    .getByLabel('Custom metadata')
    .uncheck()
  await expect(metadataHeader).toHaveCount(0)
  await expect(page).toHaveURL(/[?&]hide=custom_metadata(&|$)/)
  await page.keyboard.press('Escape')

  await page.reload()
  await expect(table.getByRole('link')).toHaveCount(25)
  await expect(metadataHeader).toHaveCount(0)

  // A plain link in another tab: the choice this browser made still applies.
  const other = await context.newPage()
  await other.goto('/accounts')
  await expect(accountsTable(other).getByRole('link')).toHaveCount(25)
  await expect(
    accountsTable(other).getByRole('columnheader', { name: 'Custom metadata' }),
  ).toHaveCount(0)
  await expect(
    accountsTable(other).getByRole('columnheader', { name: 'Status' }),
  ).toBeVisible()
  await other.close()
})
