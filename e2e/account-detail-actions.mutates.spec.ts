import { accountsTable, searchBox } from './support/accounts'
import { oldHealthyAccount } from './support/detail'
import { FAKE_RESPONSE_HEADER } from './support/servers'
import { type APIRequestContext, expect, type Page, test } from './support/test'

async function metadataOf(request: APIRequestContext, id: string) {
  const response = await request.post('/api/connected_accounts/get', {
    data: { connected_account_id: id },
  })
  const body = (await response.json()) as {
    connected_account: { custom_metadata: Record<string, string | boolean> }
  }
  return body.connected_account.custom_metadata
}

const metadataSection = (page: Page) =>
  page.getByRole('region', { name: 'Custom metadata' })

test('edit metadata: validation, a refused save keeps the edits, success, undo', async ({
  page,
  request,
}) => {
  const account = await oldHealthyAccount(request, 0)
  const id = account.connected_account_id
  const before = await metadataOf(request, id)
  await page.goto(`/accounts/${id}`)

  const section = metadataSection(page)
  await section.getByRole('button', { name: 'Edit metadata' }).click()
  const form = page.getByRole('form', { name: 'Edit custom metadata' })
  await expect(form).toContainText(
    'replaces the account’s whole custom metadata',
  )
  await form.getByRole('button', { name: 'Add pair' }).click()
  const n = Object.keys(before).length + 1
  const key = form.getByRole('textbox', { name: `Key ${n}`, exact: true })
  await expect(key).toBeFocused()

  // Client validation: nothing is sent, the field says what is wrong.
  let updates = 0
  page.on('request', (r) => {
    if (r.url().endsWith('/api/connected_accounts/update')) updates++
  })
  await key.fill('k'.repeat(41))
  await form.getByRole('button', { name: 'Save metadata' }).click()
  await expect(key).toHaveAttribute('aria-invalid', 'true')
  await expect(form).toContainText('Keys can be at most 40 characters')
  await expect(key).toBeFocused()
  expect(updates).toBe(0)

  // The server refuses: its field error lands on the row, the edits stay.
  await key.fill('e2e_plan')
  await form
    .getByRole('textbox', { name: `Value ${n}`, exact: true })
    .fill('gold')
  await page.route('**/api/connected_accounts/update', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/json',
      headers: { [FAKE_RESPONSE_HEADER]: '1' },
      body: JSON.stringify({
        ok: false,
        error: {
          type: 'invalid_input',
          message: 'Invalid input',
          validation_errors: {
            'custom_metadata.e2e_plan': ['This value is reserved upstream'],
          },
        },
      }),
    }),
  )
  await form.getByRole('button', { name: 'Save metadata' }).click()
  await expect(form).toContainText('This value is reserved upstream')
  await expect(key).toHaveValue('e2e_plan')
  await expect(
    form.getByRole('textbox', { name: `Value ${n}`, exact: true }),
  ).toHaveValue('gold')
  await page.unroute('**/api/connected_accounts/update')

  // Success: the table shows the pair, the server has it.
  await form.getByRole('button', { name: 'Save metadata' }).click()
  await expect(section.getByRole('status')).toContainText('Metadata saved.')
  const table = section.getByRole('table', { name: 'Custom metadata' })
  await expect(table.getByRole('row', { name: /e2e_plan/ })).toContainText(
    'gold',
  )
  expect(await metadataOf(request, id)).toEqual({ ...before, e2e_plan: 'gold' })

  // Undo puts the previous metadata back.
  const undo = section.getByRole('button', { name: 'Undo' })
  await expect(undo).toBeFocused()
  await undo.click()
  await expect(section.getByRole('status')).toContainText(
    'Previous metadata restored.',
  )
  await expect(table.getByRole('row', { name: /e2e_plan/ })).toHaveCount(0)
  expect(await metadataOf(request, id)).toEqual(before)
})

test('sync clears a transient disconnection and says so', async ({
  page,
  request,
}) => {
  const account = await oldHealthyAccount(request, 1)
  const id = account.connected_account_id
  const response = await request.post(
    '/api/connected_accounts/simulate/disconnect',
    { data: { connected_account_id: id } },
  )
  expect(response.ok()).toBe(true)

  await page.goto(`/accounts/${id}`)
  await expect(
    page.getByRole('article', { name: 'Account disconnected' }),
  ).toBeVisible()
  const sync = page.getByRole('button', { name: /^Sync/ })
  await sync.click()
  await expect(sync).toHaveText('Syncing…')
  await expect(sync).toHaveAttribute('aria-disabled', 'true')
  const status = page.getByTestId('sync-status')
  await expect(status).toHaveText(/Waiting for the provider/)
  await expect(status).toHaveText(
    'Sync finished. Cleared: Disconnected. The account has no problems.',
    { timeout: 12_000 },
  )
  await expect(
    page.getByRole('article', { name: 'Account disconnected' }),
  ).toHaveCount(0)
  await expect(page.getByText('Healthy: no errors or warnings')).toBeVisible()
  await expect(page.getByRole('list', { name: 'Events' })).toContainText(
    'First sync after reconnection completed',
  )
})

test('delete needs the typed name or ID, then the account is gone', async ({
  page,
  request,
}) => {
  const account = await oldHealthyAccount(request, 2)
  const id = account.connected_account_id
  await page.goto(`/accounts?q=${id}`)
  await expect(accountsTable(page).getByRole('link')).toHaveCount(1)
  await accountsTable(page).getByRole('link').click()

  await page.getByRole('button', { name: 'Delete' }).click()
  const dialog = page.getByRole('dialog', {
    name: 'Delete this connected account?',
  })
  await expect(dialog).toContainText('cannot be undone')
  await expect(dialog).toContainText('Nothing changes at the provider')
  const confirm = dialog.getByRole('textbox', {
    name: 'Type the display name or the account ID to confirm',
  })
  await expect(confirm).toBeFocused()
  const submit = dialog.getByRole('button', { name: 'Delete account' })
  await expect(submit).toBeDisabled()
  await confirm.fill(id.slice(0, 8))
  await expect(submit).toBeDisabled()
  await confirm.fill(id)
  await submit.click()

  await expect(page).toHaveURL(`/accounts?q=${id}`)
  await expect(
    page.getByRole('status').filter({ hasText: 'Account deleted' }),
  ).toBeVisible()
  await expect(searchBox(page)).toHaveValue(id)
  await expect(
    page.getByRole('heading', { name: 'No accounts match' }),
  ).toBeVisible()

  await page.goto(`/accounts/${id}`)
  await expect(
    page.getByRole('heading', { level: 1, name: 'Account not found' }),
  ).toBeVisible()
})
