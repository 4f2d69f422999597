import {
  type APIRequestContext,
  expect,
  type FrameLocator,
  type Locator,
  type Page,
} from '@playwright/test'
import type { ConnectedAccount } from '@seamapi/types/connect'

export interface ListBody {
  search?: string
  customer_key?: string
  customer_ids?: string[]
  user_identifier_key?: string
  custom_metadata_has?: Record<string, string | boolean>
  limit?: number
  page_cursor?: string
}

interface ListResponse {
  connected_accounts: ConnectedAccount[]
  pagination: { next_page_cursor: string | null }
}

/** One page straight from the API, as the dashboard would ask for it. */
export async function listPage(
  request: APIRequestContext,
  body: ListBody,
): Promise<ListResponse> {
  const response = await request.post('/api/connected_accounts/list', {
    data: body,
  })
  expect(response.status()).toBe(200)
  return (await response.json()) as ListResponse
}

/** Every account matching `body`, walking the API's pages. */
export async function listAll(
  request: APIRequestContext,
  body: Omit<ListBody, 'limit' | 'page_cursor'> = {},
): Promise<ConnectedAccount[]> {
  const accounts: ConnectedAccount[] = []
  let cursor: string | null = null
  do {
    const page: ListResponse = await listPage(request, {
      ...body,
      limit: 200,
      ...(cursor ? { page_cursor: cursor } : {}),
    })
    accounts.push(...page.connected_accounts)
    cursor = page.pagination.next_page_cursor
  } while (cursor)
  return accounts
}

export const ids = (accounts: readonly ConnectedAccount[]) =>
  accounts.map((account) => account.connected_account_id)

/** A page of the dashboard, or the dashboard inside a portal's frame. */
export type Surface = Page | FrameLocator

export const accountsTable = (page: Surface): Locator =>
  page.getByRole('table', { name: 'Connected accounts' })

export const searchBox = (page: Surface): Locator =>
  page.getByRole('searchbox', { name: 'Search accounts' })

export const pagination = (page: Surface): Locator =>
  page.getByRole('navigation', { name: 'Pagination' })

/** The accounts the table shows, in order, read from the row links. */
export async function shownIds(page: Surface): Promise<string[]> {
  const hrefs = await accountsTable(page)
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href')))
  return hrefs.map((href) =>
    decodeURIComponent((href ?? '').replace(/^(\/embed)?\/accounts\//, '')),
  )
}

/** Waits until the table shows exactly these accounts, in this order. */
export async function expectShown(page: Surface, expected: readonly string[]) {
  // Short intervals: the default backs off to a second, which adds up over a
  // walk through every page.
  await expect
    .poll(() => shownIds(page), { intervals: [25, 50, 100] })
    .toEqual(expected)
  await expect(accountsTable(page)).toHaveAttribute('aria-busy', 'false')
}
