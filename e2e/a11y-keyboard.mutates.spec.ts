import { expectVisibleFocus, tabTo } from './support/a11y'
import { accountsTable, searchBox } from './support/accounts'
import { onlyAuditRecord } from './support/audit'
import { getAccount, hasError, oldHealthyAccount } from './support/detail'
import { expect, type Locator, type Page, test } from './support/test'

/** Its own account, away from the ones other journeys take. */
const ACCOUNT_OFFSET = 60

/** The app's polite live region, where actions announce their outcome. */
const announcement = (page: Page, text: string | RegExp) =>
  page.locator('[aria-live="polite"]').filter({ hasText: text })

/** Whether the focused element is inside `container`. */
const focusIsIn = (container: Locator) =>
  container.evaluate((element) => element.contains(document.activeElement))

test('search, open, edit, sync and delete an account with the keyboard alone', async ({
  page,
  request,
}) => {
  test.slow()
  const account = await oldHealthyAccount(request, ACCOUNT_OFFSET)
  const id = account.connected_account_id
  // A problem a sync clears: the sync then shows on the account.
  const disconnect = await request.post(
    '/api/connected_accounts/simulate/disconnect',
    { data: { connected_account_id: id } },
  )
  expect(disconnect.status()).toBe(200)

  await page.goto('/accounts')
  await expect(accountsTable(page).getByRole('link')).toHaveCount(25)

  // Search: "/" jumps to the box; the result is announced.
  await page.keyboard.press('/')
  await expect(searchBox(page)).toBeFocused()
  await expectVisibleFocus(page)
  await page.keyboard.type(id)
  await page.keyboard.press('Enter')
  await expect(accountsTable(page).getByRole('link')).toHaveCount(1)
  await expect(announcement(page, '1 account found.')).toHaveCount(1)

  // Open: Tab from the search to the account's row, Enter.
  const row = accountsTable(page).getByRole('link', {
    name: account.display_name,
  })
  await tabTo(page, row)
  await page.keyboard.press('Enter')
  await expect(
    page.getByRole('heading', { level: 1, name: account.display_name }),
  ).toBeVisible()
  await expect(page.getByText(/Needs attention/)).toBeVisible()

  // Edit the metadata: a new pair, saved with Enter.
  const edit = page.getByRole('button', { name: 'Edit metadata' })
  await tabTo(page, edit, { max: 60 })
  await page.keyboard.press('Enter')
  const form = page.getByRole('form', { name: 'Edit custom metadata' })
  await expect(form).toBeVisible()
  // The button that opened the form is gone: the focus moved into the form.
  expect(await focusIsIn(form)).toBe(true)
  await expectVisibleFocus(page)
  await tabTo(page, form.getByRole('button', { name: 'Add pair' }), {
    max: 200,
  })
  await page.keyboard.press('Enter')
  const pairs = Object.keys(account.custom_metadata).length
  // A key of this run's own: the account may carry an earlier run's.
  const key = `keyboard_${Date.now().toString(36)}`
  const newKey = form.getByRole('textbox', { name: `Key ${pairs + 1}` })
  await expect(newKey).toBeFocused()
  await expectVisibleFocus(page)
  await page.keyboard.type(key)
  await tabTo(page, form.getByRole('textbox', { name: `Value ${pairs + 1}` }))
  await page.keyboard.type('keyboard')
  await page.keyboard.press('Enter')
  await expect(
    announcement(page, 'Metadata saved. Undo is available.'),
  ).toHaveCount(1)
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused()
  await expectVisibleFocus(page)
  expect((await getAccount(request, id)).account?.custom_metadata).toEqual({
    ...account.custom_metadata,
    [key]: 'keyboard',
  })

  // Sync: back up to the button, Space; the cleared problem is announced.
  const sync = page.getByRole('button', { name: 'Sync', exact: true })
  await tabTo(page, sync, { backwards: true, max: 60 })
  await page.keyboard.press('Space')
  await expect(
    announcement(
      page,
      /^Sync finished\. Cleared: .*The account has no problems\.$/,
    ),
  ).toHaveCount(1, { timeout: 20_000 })
  const synced = (await getAccount(request, id)).account
  expect(synced && hasError(synced, 'account_disconnected')).toBe(false)
  expect(
    await onlyAuditRecord(request, {
      connected_account_id: id,
      action: 'connected_accounts/sync',
    }),
  ).toMatchObject({ outcome: 'succeeded' })

  // Delete: the dialog takes the focus and keeps it; Escape gives it back.
  const remove = page.getByRole('button', { name: 'Delete', exact: true })
  await tabTo(page, remove)
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', {
    name: 'Delete this connected account?',
  })
  const confirm = dialog.getByRole('textbox', {
    name: 'Type the display name or the account ID to confirm',
  })
  await expect(confirm).toBeFocused()
  await expectVisibleFocus(page)
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let press = 0; press < 6; press++) {
      await page.keyboard.press(key)
      expect(
        await focusIsIn(dialog),
        `${key} ${press + 1} stays in the dialog`,
      ).toBe(true)
      await expectVisibleFocus(page)
    }
  }
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(remove).toBeFocused()
  await expectVisibleFocus(page)
  expect((await getAccount(request, id)).status).toBe(200)

  // Closed and opened again at once: the second Enter is not lost.
  await page.keyboard.press('Enter')
  await expect(confirm).toBeFocused()
  await page.keyboard.press('Escape')
  await page.keyboard.press('Enter')
  await expect(confirm).toBeFocused()
  await page.keyboard.type(id)
  await tabTo(page, dialog.getByRole('button', { name: 'Delete account' }))
  await page.keyboard.press('Enter')
  await expect(
    page.getByRole('status').filter({ hasText: 'Account deleted' }),
  ).toBeVisible()
  await expect(page).toHaveURL(/\/accounts(\?|$)/)
  expect((await getAccount(request, id)).status).toBe(404)
})
