import { listAll } from './support/accounts'
import { findAccount, hasError, hasWarning, isHealthy } from './support/detail'
import { expect, type Page, test } from './support/test'

const problem = (page: Page, title: string) =>
  page.getByRole('article', { name: title })

test('an account over its Salto KS limit shows the error and a red usage bar', async ({
  page,
  request,
}) => {
  const account = await findAccount(request, 'Salto KS over-limit', (a) =>
    hasError(a, 'salto_ks_subscription_limit_exceeded'),
  )
  await page.goto(`/accounts/${account.connected_account_id}`)
  await expect(
    page.getByRole('heading', { level: 1, name: account.display_name }),
  ).toBeVisible()
  await expect(page.getByText(/Needs attention: \d+ errors?/)).toBeVisible()

  const panel = problem(page, 'Salto KS user limit reached')
  await expect(panel).toContainText('Error')
  await expect(panel).toContainText('no new access codes can be created')
  await expect(panel).toContainText('Concerns the connected account itself')
  await expect(panel).toContainText(/Started .* ago/)

  const error = account.errors.find(
    (e) => e.error_code === 'salto_ks_subscription_limit_exceeded',
  )
  const site =
    error && 'salto_ks_metadata' in error
      ? error.salto_ks_metadata.sites[0]
      : undefined
  expect(site).toBeDefined()
  if (!site) return
  const meter = page.getByRole('meter', { name: site.site_name })
  await expect(meter).toHaveAttribute(
    'aria-valuemax',
    String(site.site_user_subscription_limit),
  )
  await expect(meter).toHaveAttribute(
    'aria-valuetext',
    new RegExp(
      `^${site.subscribed_site_user_count.toLocaleString('en-US')} of ${site.site_user_subscription_limit.toLocaleString('en-US')} users \\(\\d+ %\\), limit reached$`,
    ),
  )
  await expect(
    page.locator('[data-level="over"]').filter({ has: meter }),
  ).toContainText('Limit reached')
})

test('a Salto KS site near its limit shows a warning and an amber bar', async ({
  page,
  request,
}) => {
  const account = await findAccount(request, 'Salto KS almost-full', (a) =>
    hasWarning(a, 'salto_ks_subscription_limit_almost_reached'),
  )
  await page.goto(`/accounts/${account.connected_account_id}`)
  const panel = problem(page, 'Salto KS user limit almost reached')
  await expect(panel).toContainText('Warning')
  const meter = page.getByRole('meter')
  await expect(meter.first()).toHaveAttribute(
    'aria-valuetext',
    /of [\d,]+ users \((8\d|9\d) %\), almost full$/,
  )
})

test('each kind of problem has its panel, errors before warnings', async ({
  page,
  request,
}) => {
  const cases = [
    ['error', 'account_disconnected', 'Account disconnected', 'reconnect'],
    ['error', 'bridge_disconnected', 'Seam Bridge offline', 'Seam Bridge'],
    [
      'warning',
      'account_reauthorization_requested',
      'Reauthorization requested',
      'sign in again',
    ],
    [
      'warning',
      'scheduled_maintenance_window',
      'Scheduled maintenance',
      'planned downtime',
    ],
    [
      'warning',
      'unknown_issue_with_connected_account',
      'Sync issue with the provider',
      'Sync the account',
    ],
  ] as const
  const accounts = await listAll(request)
  for (const [severity, code, title, remediation] of cases) {
    const account = accounts.find((a) =>
      severity === 'error' ? hasError(a, code) : hasWarning(a, code),
    )
    if (!account) throw new Error(`No account with ${code}`)
    await page.goto(`/accounts/${account.connected_account_id}`)
    const panel = problem(page, title)
    await expect(panel).toContainText(code)
    await expect(panel).toContainText(remediation)
    if (code === 'bridge_disconnected') {
      await expect(panel).toContainText('Seam Bridge problem')
    }
  }

  const mixed = accounts.find(
    (a) => a.errors.length > 0 && a.warnings.length > 0,
  )
  if (!mixed) throw new Error('No account with an error and a warning')
  await page.goto(`/accounts/${mixed.connected_account_id}`)
  const badges = page
    .getByRole('region', { name: 'Errors and warnings' })
    .getByRole('article')
  await expect(badges.first()).toContainText('Error')
  await expect(badges.last()).toContainText('Warning')
})

test('a deep link survives a reload and shows properties, activity and devices', async ({
  page,
  request,
}) => {
  const account = await findAccount(
    request,
    'healthy with a user identifier',
    (a) => isHealthy(a) && a.user_identifier !== undefined,
  )
  const url = `/accounts/${account.connected_account_id}`
  await page.goto(url)
  const heading = page.getByRole('heading', { level: 1 })
  await expect(heading).toHaveText(account.display_name)
  await page.reload()
  await expect(heading).toHaveText(account.display_name)
  await expect(page).toHaveURL(url)
  await expect(page.getByText('Healthy: no errors or warnings')).toBeVisible()
  await expect(page.getByText('Deprecated', { exact: true })).toBeVisible()
  await expect(page.getByTestId('device-count')).toHaveText(/^\d+\+? devices?$/)
  const events = page.getByRole('list', { name: 'Events' })
  await expect(events).toContainText(
    'Account created through a Connect Webview',
  )
  await expect(page.getByRole('switch')).toHaveAttribute(
    'aria-checked',
    String(account.automatically_manage_new_devices),
  )
})

test('an unknown or malformed ID is a not-found page with a way back', async ({
  page,
}) => {
  for (const id of ['6f1c8a4e-0000-4000-8000-123456789abc', 'nope']) {
    await page.goto(`/accounts/${id}`)
    await expect(
      page.getByRole('heading', { level: 1, name: 'Account not found' }),
    ).toBeVisible()
    await expect(page).toHaveTitle(/Account not found/)
  }
  await page.getByRole('link', { name: 'Back to the accounts list' }).click()
  await expect(page).toHaveURL(/\/accounts$/)
})
