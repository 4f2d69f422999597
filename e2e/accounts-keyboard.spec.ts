import { accountsTable, searchBox } from './support/accounts'
import { expect, test } from './support/test'

test('j/k move through rows, Enter opens one, / searches, ? lists keys', async ({
  page,
}) => {
  await page.goto('/accounts')
  const links = accountsTable(page).getByRole('link')
  await expect(links).toHaveCount(25)

  await page.keyboard.press('/')
  await expect(searchBox(page)).toBeFocused()
  await searchBox(page).blur()

  await page.keyboard.press('j')
  await expect(links.nth(0)).toBeFocused()
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await expect(links.nth(2)).toBeFocused()
  await page.keyboard.press('k')
  await expect(links.nth(1)).toBeFocused()

  const name = (await links.nth(1).textContent()) ?? ''
  const href = (await links.nth(1).getAttribute('href')) ?? ''
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(href)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await page.goBack()
  await expect(links).toHaveCount(25)

  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Next account')
  // Shortcuts are off while the dialog is open.
  await page.keyboard.press('j')
  await expect(links.nth(0)).not.toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})
