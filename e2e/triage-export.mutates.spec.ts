import { readFile } from 'node:fs/promises'

import type { TriageAccount } from '../server/triage/model'
import { expect, type Page, test } from './support/test'
import { queueRows, settledTriage } from './support/triage'

/** Written here on purpose, not imported: the test must not trust the app. */
function expectedCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) || safe !== safe.trim()
    ? `"${safe.replaceAll('"', '""')}"`
    : safe
}

function expectedRow(account: TriageAccount): string {
  const problems = [
    ...account.errors.map((e) => [e.error_code, e.message] as const),
    ...account.warnings.map((w) => [w.warning_code, w.message] as const),
  ]
  return [
    account.connected_account_id,
    account.display_name,
    account.account_type_display_name,
    account.customer_key ?? '',
    [...new Set(problems.map(([code]) => code))].join('; '),
    [...new Set(problems.map(([, m]) => m).filter((m) => m !== ''))].join('; '),
    account.since ?? '',
  ]
    .map(expectedCell)
    .join(',')
}

const HEADER = 'id,display name,provider,customer,codes,messages,since'

async function exportCsv(page: Page): Promise<string> {
  const downloadPromise = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toMatch(
    /^triage-\d{4}-\d{2}-\d{2}\.csv$/,
  )
  return readFile(await download.path(), 'utf8')
}

test('Export CSV downloads the filtered queue with formulas neutralised', async ({
  page,
  request,
}) => {
  const before = await settledTriage(request)
  // The newest warning-only account: the other journeys pick older ones.
  const target = before.queue.findLast((a) => a.severity === 'warning')
  if (!target) throw new Error('no warning-only account in the queue')
  const id = target.connected_account_id
  const formula = '=HYPERLINK("https://example.com/x","open me")'

  const rename = (display_name: string) =>
    request.post('/api/connected_accounts/update', {
      data: { connected_account_id: id, display_name },
    })

  expect((await rename(formula)).ok()).toBe(true)
  try {
    // The server re-reads the changed account before answering again.
    const data = await settledTriage(request)
    const renamed = data.queue.find((a) => a.connected_account_id === id)
    expect(renamed?.display_name).toBe(formula)
    if (!renamed) return

    // The whole queue, in the server's order.
    await page.goto('/triage')
    await expect(queueRows(page).first()).toBeVisible()
    const all = await exportCsv(page)
    expect(all.startsWith('\uFEFF')).toBe(true)
    const lines = all.slice(1).split('\r\n')
    expect(lines[0]).toBe(HEADER)
    expect(lines.at(-1)).toBe('')
    expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(
      data.queue.map((a) => a.connected_account_id),
    )

    // Filtered down to the renamed account: exactly its row, made safe.
    await page.getByRole('searchbox', { name: 'Search the queue' }).fill(id)
    await expect(queueRows(page)).toHaveCount(1)
    const one = await exportCsv(page)
    expect(one).toBe(`\uFEFF${HEADER}\r\n${expectedRow(renamed)}\r\n`)
    expect(one).toContain(
      `,"'=HYPERLINK(""https://example.com/x"",""open me"")",`,
    )
  } finally {
    expect((await rename(target.display_name)).ok()).toBe(true)
  }
})
