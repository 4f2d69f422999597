import { FAKE_RESPONSE_HEADER } from './support/servers'
import { expect, test } from './support/test'
import { queueRows, settledTriage } from './support/triage'

test('bulk sync: progress, per-account results, one failure retried', async ({
  page,
  request,
}) => {
  const data = await settledTriage(request)
  const names = data.queue.map((a) => a.display_name)
  const warnings = data.queue.filter(
    (a) =>
      a.severity === 'warning' &&
      a.display_name !== '' &&
      names.indexOf(a.display_name) === names.lastIndexOf(a.display_name),
  )
  // Not the newest warning: the export journey renames that one.
  const picked = warnings.slice(0, 3)
  expect(picked).toHaveLength(3)
  const failing = picked[1]
  if (!failing) throw new Error('unreachable')

  await page.route('**/api/connected_accounts/sync', async (route) => {
    const body = route.request().postDataJSON() as {
      connected_account_id: string
    }
    if (body.connected_account_id === failing.connected_account_id) {
      await route.fulfill({
        status: 500,
        contentType: 'application/json',
        headers: { [FAKE_RESPONSE_HEADER]: '1' },
        body: JSON.stringify({
          error: { type: 'sync_failed', message: 'Injected failure' },
        }),
      })
      return
    }
    await route.continue()
  })

  await page.goto('/triage')
  await expect(queueRows(page).first()).toBeVisible()
  for (const account of picked) {
    await page
      .getByRole('checkbox', { name: `Select ${account.display_name}` })
      .check()
  }
  const bar = page.getByRole('region', { name: 'Bulk sync' })
  await expect(bar).toContainText('3 selected')
  await bar.getByRole('button', { name: 'Sync 3 accounts' }).click()

  await expect(bar.getByRole('status')).toHaveText(
    'Finished: 3 of 3 done · 2 accepted · 1 failed',
  )
  await expect(
    bar.getByRole('progressbar', { name: 'Sync progress' }),
  ).toHaveAttribute('aria-valuenow', '100')

  for (const account of picked) {
    const row = queueRows(page).filter({
      has: page.getByRole('link', { name: account.display_name, exact: true }),
    })
    await expect(row).toContainText(
      account === failing ? 'Sync failed: Injected failure' : 'Sync accepted',
    )
  }

  // The provider is back: the failure retries on its own.
  await page.unroute('**/api/connected_accounts/sync')
  await bar.getByRole('button', { name: 'Retry 1 failed' }).click()
  await expect(bar.getByRole('status')).toHaveText(
    'Finished: 1 of 1 done · 1 accepted · 0 failed',
  )
  await expect(
    queueRows(page).filter({
      has: page.getByRole('link', { name: failing.display_name, exact: true }),
    }),
  ).toContainText('Sync accepted')
})
