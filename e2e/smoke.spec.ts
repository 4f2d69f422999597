import { expect, test } from '@playwright/test'

test('the home page shows the sandbox workspace status', async ({ page }) => {
  await page.goto('/')

  await expect(
    page.getByRole('heading', { level: 1, name: 'Seam Accounts Console' }),
  ).toBeVisible()

  const status = page.getByRole('region', { name: 'Workspace status' })
  await expect(status.getByLabel('Mode')).toHaveText('Sandbox')
  await expect(status.getByLabel('Connected accounts')).toHaveText(
    /^[1-9][\d,]*$/,
  )
})
