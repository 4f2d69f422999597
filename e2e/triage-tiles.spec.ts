import { statusLabel } from '../src/lib/status'
import { expect, test } from './support/test'
import {
  PAGE_SIZE,
  problemTiles,
  queueRows,
  settledTriage,
} from './support/triage'

test('the tiles count each problem and filter the queue by it', async ({
  page,
  request,
}) => {
  const data = await settledTriage(request)
  await page.goto('/triage')

  await expect(page.getByRole('heading', { name: 'Triage' })).toBeVisible()
  const totals = page.getByRole('definition')
  await expect(totals.first()).toHaveText(
    data.totals.accounts_scanned.toLocaleString('en'),
  )

  const tiles = problemTiles(page).getByRole('button')
  await expect(tiles).toHaveCount(data.problem_counts.length)
  // Errors first, as the server orders them, with each count.
  for (const [index, problem] of data.problem_counts.entries()) {
    const tile = tiles.nth(index)
    await expect(tile).toContainText(statusLabel(problem.kind, problem.code))
    await expect(tile).toContainText(
      `${problem.accounts} ${problem.accounts === 1 ? 'account' : 'accounts'}`,
    )
    await expect(tile).toHaveAttribute('aria-pressed', 'false')
  }

  await expect(queueRows(page)).toHaveCount(
    Math.min(data.queue.length, PAGE_SIZE),
  )

  // A warning tile, so the filter is not just "the first rows".
  const problem =
    data.problem_counts.find((p) => p.kind === 'warning') ??
    data.problem_counts[0]
  if (!problem) throw new Error('the sandbox has no problems')
  const label = statusLabel(problem.kind, problem.code)
  const tile = problemTiles(page).getByRole('button', { name: label })
  await tile.click()
  await expect(tile).toHaveAttribute('aria-pressed', 'true')
  await expect(page).toHaveURL(
    new RegExp(`[?&]code=${encodeURIComponent(problem.code)}(&|$)`),
  )

  const expected = data.queue.filter((account) =>
    problem.kind === 'error'
      ? account.errors.some((e) => e.error_code === problem.code)
      : account.warnings.some((w) => w.warning_code === problem.code),
  )
  expect(expected).toHaveLength(problem.accounts)
  const rows = queueRows(page)
  await expect(rows).toHaveCount(Math.min(expected.length, PAGE_SIZE))
  for (const [index, account] of expected.slice(0, PAGE_SIZE).entries()) {
    const row = rows.nth(index)
    await expect(
      row.getByRole('link', {
        name: account.display_name || account.connected_account_id,
      }),
    ).toHaveAttribute('href', `/accounts/${account.connected_account_id}`)
    await expect(row).toContainText(label)
  }

  // The filter is in the URL: a reload keeps it.
  await page.reload()
  await expect(
    problemTiles(page).getByRole('button', { name: label }),
  ).toHaveAttribute('aria-pressed', 'true')
  await expect(queueRows(page)).toHaveCount(
    Math.min(expected.length, PAGE_SIZE),
  )

  // Pressing it again shows the whole queue.
  await problemTiles(page).getByRole('button', { name: label }).click()
  await expect(page).not.toHaveURL(/code=/)
  await expect(queueRows(page)).toHaveCount(
    Math.min(data.queue.length, PAGE_SIZE),
  )
})

test('customer, provider and search narrow the queue, all in the URL', async ({
  page,
  request,
}) => {
  const data = await settledTriage(request)
  const withCustomer = data.queue.find((a) => a.customer_key !== null)
  if (!withCustomer?.customer_key) throw new Error('no account with a customer')
  const customer = withCustomer.customer_key
  const provider = withCustomer.account_type

  await page.goto('/triage')
  await page.getByLabel('Customer').selectOption(customer)
  await page.getByLabel('Provider').selectOption(provider)
  const expected = data.queue.filter(
    (a) => a.customer_key === customer && a.account_type === provider,
  )
  await expect(queueRows(page)).toHaveCount(expected.length)
  await expect(page).toHaveURL(/customer=.*provider=/)

  await page
    .getByRole('searchbox', { name: 'Search the queue' })
    .fill(withCustomer.connected_account_id)
  await expect(queueRows(page)).toHaveCount(1)
  await expect(page).toHaveURL(/q=/)
})
