import { accountsTable } from './support/accounts'
import { FAKE_RESPONSE_HEADER } from './support/servers'
import { expect, test } from './support/test'

test('a failed load shows the API message, the request id and Retry', async ({
  page,
}) => {
  await page.route('**/api/connected_accounts/list', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      headers: { [FAKE_RESPONSE_HEADER]: '1' },
      body: JSON.stringify({
        error: {
          type: 'internal_server_error',
          message: 'The upstream fell over while listing accounts.',
          request_id: 'req_e2e_0042',
        },
        ok: false,
      }),
    }),
  )
  await page.goto('/accounts')

  const alert = accountsTable(page).getByRole('alert')
  await expect(alert).toContainText('Couldn’t load accounts')
  await expect(alert).toContainText(
    'The upstream fell over while listing accounts.',
  )
  await expect(alert).toContainText('req_e2e_0042')

  await page.unroute('**/api/connected_accounts/list')
  await alert.getByRole('button', { name: 'Retry' }).click()
  await expect(accountsTable(page).getByRole('link')).toHaveCount(25)
  await expect(alert).toBeHidden()
})
