// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { FixedFilters } from '../lib/fixed-filters'
import { type AccountsViewState, defaultViewState } from '../lib/url-state'
import { ConnectedAccountsScreen } from './accounts-screen'

function stubListFetch() {
  const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) =>
    Promise.resolve(
      new Response(
        JSON.stringify({
          ok: true,
          connected_accounts: [],
          pagination: {
            has_next_page: false,
            next_page_cursor: null,
            next_page_url: null,
          },
        }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      ),
    ),
  )
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function bodyOf(init: RequestInit | undefined): unknown {
  if (typeof init?.body !== 'string') throw new Error('expected a JSON body')
  return JSON.parse(init.body)
}

function renderScreen(view: AccountsViewState, fixedFilters?: FixedFilters) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false } },
  })
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <ConnectedAccountsScreen
          view={view}
          onViewChange={vi.fn()}
          accountLink={(account) => ({
            to: `/accounts/${account.connected_account_id}`,
          })}
          fixedFilters={fixedFilters}
        />
      </MemoryRouter>
    </QueryClientProvider>,
  )
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('ConnectedAccountsScreen with fixed filters', () => {
  const fixed: FixedFilters = {
    customerKey: 'acme',
    metadata: [{ key: 'region', value: 'eu' }],
  }

  it('always sends the fixed filters, over the reader’s own', async () => {
    const fetchMock = stubListFetch()
    renderScreen(
      {
        ...defaultViewState,
        search: 'gmail',
        customerKey: 'someone_else',
        metadata: [
          { key: 'region', value: 'us' },
          { key: 'vip', value: true },
        ],
      },
      fixed,
    )
    await waitFor(() => {
      expect(fetchMock).toHaveBeenCalled()
    })
    const [url] = fetchMock.mock.calls[0] ?? []
    expect(url).toBe('/api/connected_accounts/list')
    expect(bodyOf(fetchMock.mock.calls[0]?.[1])).toEqual({
      search: 'gmail',
      customer_key: 'acme',
      custom_metadata_has: { region: 'eu', vip: true },
      limit: defaultViewState.pageSize,
    })
  })

  it('names the fixed filters in the empty state', async () => {
    stubListFetch()
    renderScreen(defaultViewState, fixed)
    expect(
      await screen.findByText(
        'None match the filters the portal sets: customer key “acme” and metadata region=eu.',
      ),
    ).toBeTruthy()
    expect(
      screen.queryByRole('button', { name: 'Clear search and filters' }),
    ).toBeNull()
  })

  it('marks fixed filters as such when the reader’s own match nothing', async () => {
    stubListFetch()
    renderScreen({ ...defaultViewState, search: 'nobody' }, fixed)
    expect(
      await screen.findByText(
        'Nothing matches customer key “acme” (fixed), metadata region=eu (fixed) and search “nobody”.',
      ),
    ).toBeTruthy()
    expect(
      screen.getByRole('button', { name: 'Clear search and filters' }),
    ).toBeTruthy()
  })
})
