import { type APIRequestContext, expect, type Page } from '@playwright/test'

import type { TriageData, TriageState } from '../../server/triage/model'

/** The triage data once no scan or re-read is pending: what the page settles on. */
export async function settledTriage(
  request: APIRequestContext,
): Promise<TriageData> {
  let state: TriageState | null = null
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/dashboard/triage')
        expect(response.ok()).toBe(true)
        state = (await response.json()) as TriageState
        return (
          state.status === 'ready' &&
          state.progress === null &&
          state.accounts_pending_refresh === 0 &&
          state.data !== null
        )
      },
      { timeout: 20_000 },
    )
    .toBe(true)
  const data = (state as TriageState | null)?.data
  if (!data) throw new Error('no triage data')
  return data
}

export const queueTable = (page: Page) =>
  page.getByRole('table', { name: 'Accounts with problems' })

/** Data rows only: the header row has no cells. */
export const queueRows = (page: Page) =>
  queueTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })

export const problemTiles = (page: Page) =>
  page.getByRole('group', { name: 'Filter by problem' })

/** The page shows the first 100 of the filtered queue. */
export const PAGE_SIZE = 100
