import { accountsTable } from './support/accounts'
import { expect, test } from './support/test'

test('the home page is the accounts list, marked as the sandbox', async ({
  page,
}) => {
  await page.goto('/')

  await expect(page).toHaveURL(/\/accounts$/)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Connected accounts' }),
  ).toBeVisible()
  await expect(page.getByRole('banner')).toContainText('Sandbox')
  await expect(accountsTable(page).getByRole('link')).toHaveCount(25)
})

test('the theme follows the system until one is picked, and the pick stays', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto('/accounts')
  const background = () =>
    page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  const theme = page.getByRole('group', { name: 'Theme' })
  await expect(
    theme.getByRole('button', { name: 'System theme' }),
  ).toHaveAttribute('aria-pressed', 'true')
  const dark = await background()

  await theme.getByRole('button', { name: 'Light theme' }).click()
  await expect.poll(background).not.toBe(dark)
  const light = await background()

  await page.reload()
  await expect(
    theme.getByRole('button', { name: 'Light theme' }),
  ).toHaveAttribute('aria-pressed', 'true')
  expect(await background()).toBe(light)

  await theme.getByRole('button', { name: 'System theme' }).click()
  await expect.poll(background).toBe(dark)
})
