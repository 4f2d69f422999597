import type { ConnectedAccount } from '@seamapi/types/connect'

import { listAll } from './support/accounts'
import { isHealthy, oldHealthyAccount } from './support/detail'
import {
  DASHBOARD_ORIGIN,
  dashboardFrame,
  logged,
  PORTAL_ORIGIN,
} from './support/embed'
import { type APIRequestContext, expect, test } from './support/test'

/** A healthy account with a customer key, from the old end: its own for this journey. */
async function customerAccount(
  request: APIRequestContext,
  from: number,
): Promise<ConnectedAccount & { customer_key: string }> {
  for (let offset = from; offset < from + 20; offset++) {
    const account = await oldHealthyAccount(request, offset)
    const { customer_key } = account
    if (customer_key) return { ...account, customer_key }
  }
  throw new Error('The sandbox has no old healthy account with a customer key')
}

async function getAccount(
  request: APIRequestContext,
  id: string,
  authorization?: string,
) {
  return request.post('/api/connected_accounts/get', {
    data: { connected_account_id: id },
    ...(authorization ? { headers: { authorization } } : {}),
  })
}

test('edits and a delete in the frame are reported to the portal', async ({
  page,
  request,
}) => {
  const account = await customerAccount(request, 10)
  const id = account.connected_account_id
  await page.goto(
    `${PORTAL_ORIGIN}/?customer_key=${account.customer_key}&role=admin&route=${encodeURIComponent(`/embed/accounts/${id}`)}`,
  )
  const frame = dashboardFrame(page)
  await expect(
    frame.getByRole('heading', { level: 1, name: account.display_name }),
  ).toBeVisible()
  await expect(logged(page, 'account.selected')).toContainText(id)

  // Metadata saved in the frame: the portal hears which fields changed.
  const metadata = frame.getByRole('region', { name: 'Custom metadata' })
  await metadata.getByRole('button', { name: 'Edit metadata' }).click()
  const form = frame.getByRole('form', { name: 'Edit custom metadata' })
  await form.getByRole('button', { name: 'Add pair' }).click()
  const n = Object.keys(account.custom_metadata).length + 1
  await form
    .getByRole('textbox', { name: `Key ${n}`, exact: true })
    .fill('portal_note')
  await form
    .getByRole('textbox', { name: `Value ${n}`, exact: true })
    .fill('checked')
  await form.getByRole('button', { name: 'Save metadata' }).click()
  await expect(logged(page, 'account.updated')).toContainText(id)
  await expect(logged(page, 'account.updated')).toContainText('custom_metadata')
  const saved = (await (await getAccount(request, id)).json()) as {
    connected_account: ConnectedAccount
  }
  expect(saved.connected_account.custom_metadata).toMatchObject({
    portal_note: 'checked',
  })

  // Deleted in the frame: the portal hears it, the frame goes back to the list.
  await frame.getByRole('button', { name: 'Delete' }).click()
  const dialog = frame.getByRole('dialog', {
    name: 'Delete this connected account?',
  })
  await dialog
    .getByRole('textbox', {
      name: 'Type the display name or the account ID to confirm',
    })
    .fill(id)
  await dialog.getByRole('button', { name: 'Delete account' }).click()
  await expect(logged(page, 'account.deleted')).toContainText(id)
  await expect(page.getByLabel('Deep link')).toHaveValue(/^\/embed\/accounts/)
  await expect(page.getByLabel('Deep link')).not.toHaveValue(
    `/embed/accounts/${id}`,
  )
  expect((await getAccount(request, id)).status()).toBe(404)
})

test('a session cannot write outside its scope or beyond its role', async ({
  page,
  request,
}) => {
  const viewerAccount = await customerAccount(request, 14)
  const customerKey = viewerAccount.customer_key
  const stranger = (await listAll(request)).find(
    (account) =>
      account.customer_key &&
      account.customer_key !== customerKey &&
      isHealthy(account),
  )
  if (!stranger) throw new Error('The sandbox has one customer only')
  const strangerId = stranger.connected_account_id

  const [apiRequest] = await Promise.all([
    page.waitForRequest(
      (req) =>
        req.url().startsWith(`${DASHBOARD_ORIGIN}/api/connected_accounts/`) &&
        req.headers().authorization !== undefined,
    ),
    page.goto(`${PORTAL_ORIGIN}/?customer_key=${customerKey}&role=operator`),
  ])
  const authorization = apiRequest.headers().authorization ?? ''
  await expect(
    dashboardFrame(page).getByRole('table', { name: 'Connected accounts' }),
  ).toBeVisible()

  // Another customer's account: not found, and untouched.
  const update = await request.post('/api/connected_accounts/update', {
    headers: { authorization },
    data: {
      connected_account_id: strangerId,
      custom_metadata: { hijacked: 'yes' },
    },
  })
  expect(update.status()).toBe(404)
  const sync = await request.post('/api/connected_accounts/sync', {
    headers: { authorization },
    data: { connected_account_id: strangerId },
  })
  expect(sync.status()).toBe(404)
  const after = (await (await getAccount(request, strangerId)).json()) as {
    connected_account: ConnectedAccount
  }
  expect(after.connected_account.custom_metadata).toEqual(
    stranger.custom_metadata,
  )

  // Its own customer's account, beyond an operator's role: refused, kept.
  const remove = await request.post('/api/connected_accounts/delete', {
    headers: { authorization },
    data: { connected_account_id: viewerAccount.connected_account_id },
  })
  expect(remove.status()).toBe(403)
  expect(await remove.text()).toContain('admin')
  expect(
    (
      await getAccount(
        request,
        viewerAccount.connected_account_id,
        authorization,
      )
    ).status(),
  ).toBe(200)
})
