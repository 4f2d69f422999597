import {
  accountsTable,
  expectShown,
  ids,
  listAll,
  pagination,
  shownIds,
} from './support/accounts'
import { expect, test } from './support/test'

// A search that keeps the walk to a few pages of 25, the last one partial.
const search = 'salto'

test('Next to the last page and Previous back show every account once', async ({
  page,
  request,
}) => {
  const all = ids(await listAll(request, { search }))
  const pageCount = Math.ceil(all.length / 25)
  expect(pageCount).toBeGreaterThanOrEqual(3)
  expect(all.length % 25).not.toBe(0)

  await page.goto(`/accounts?q=${search}`)
  const nav = pagination(page)
  const next = nav.getByRole('button', { name: 'Next' })
  const previous = nav.getByRole('button', { name: 'Previous' })

  const seen: string[][] = []
  for (let n = 1; n <= pageCount; n++) {
    await expect(nav).toContainText(`Page ${n}`)
    const expected = all.slice((n - 1) * 25, n * 25)
    await expectShown(page, expected)
    seen.push(await shownIds(page))
    if (n < pageCount) await next.click()
  }
  await expect(next).toBeDisabled()
  const walked = seen.flat()
  expect(walked).toHaveLength(all.length)
  expect(new Set(walked).size).toBe(all.length)

  for (let n = pageCount - 1; n >= 1; n--) {
    await previous.click()
    await expect(nav).toContainText(`Page ${n}`)
    await expectShown(page, seen[n - 1] ?? [])
  }
  await expect(previous).toBeDisabled()
  await expect(page).toHaveURL(`/accounts?q=${search}`)
})

test('page size changes go back to the first page', async ({
  page,
  request,
}) => {
  const all = ids(await listAll(request))
  await page.goto('/accounts')
  await pagination(page).getByRole('button', { name: 'Next' }).click()
  await expect(pagination(page)).toContainText('Page 2')

  await pagination(page).getByLabel('Rows per page').selectOption('50')
  await expect(pagination(page)).toContainText('Page 1')
  await expect(page).toHaveURL(/\/accounts\?size=50$/)
  await expectShown(page, all.slice(0, 50))
  await expect(accountsTable(page).getByRole('link')).toHaveCount(50)
})
