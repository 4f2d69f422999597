// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { Permission } from '../../../lib/permissions'
import type { TriageAccount, TriageState } from '../lib/types'
import { TriageScreen, type TriageScreenProps } from './triage-screen'

const disconnected: TriageAccount = {
  connected_account_id: '6fa459ea-ee8a-3ca4-894e-db77e160355e',
  display_name: 'Front desk',
  account_type: 'august',
  account_type_display_name: 'August',
  customer_key: 'acme',
  custom_metadata: {},
  errors: [
    {
      error_code: 'account_disconnected',
      message: 'The account is disconnected.',
      created_at: '2025-01-02T03:04:05.000Z',
    },
  ],
  warnings: [],
  severity: 'error',
  since: '2025-01-02T03:04:05.000Z',
}

const state: TriageState = {
  ok: true,
  status: 'ready',
  generated_at: '2025-01-03T00:00:00.000Z',
  stale: false,
  progress: null,
  error: null,
  accounts_pending_refresh: 0,
  data: {
    totals: {
      accounts_scanned: 10,
      accounts_healthy: 9,
      accounts_with_problems: 1,
      accounts_with_errors: 1,
    },
    problem_counts: [
      { kind: 'error', code: 'account_disconnected', accounts: 1 },
    ],
    queue: [disconnected],
    salto_ks_sites: [],
  },
}

function stubApi() {
  const fetchMock = vi.fn((url: string, _init?: RequestInit) => {
    const body = url.endsWith('/dashboard/triage')
      ? state
      : url.endsWith('/connected_accounts/sync')
        ? { ok: true }
        : url.endsWith('/connect_webviews/create')
          ? { ok: true, connect_webview: { url: 'https://connect.example/x' } }
          : { ok: false, error: { type: 'not_found', message: url } }
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status: body.ok ? 200 : 404,
        headers: { 'Content-Type': 'application/json' },
      }),
    )
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function renderTriage(permissions?: TriageScreenProps['permissions']) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <TriageScreen
          view={{ code: null, customer: null, provider: null, q: '' }}
          onViewChange={vi.fn()}
          accountLink={(account) => `/accounts/${account.connected_account_id}`}
          permissions={permissions}
        />
      </MemoryRouter>
    </QueryClientProvider>,
  )
}

const NEEDS_OPERATOR = 'Needs the operator role. You are signed in as viewer.'
const blocked: Permission = { allowed: false, reason: NEEDS_OPERATOR }
const allowed: Permission = { allowed: true }

const isBlocked = (element: HTMLElement) =>
  element.getAttribute('aria-disabled') === 'true'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('TriageScreen permissions', () => {
  it('lets everyone select, sync and reconnect without permissions', async () => {
    stubApi()
    renderTriage()
    const select = await screen.findByRole('checkbox', {
      name: 'Select Front desk',
    })
    expect(isBlocked(select)).toBe(false)
    fireEvent.click(select)
    expect(
      isBlocked(screen.getByRole('button', { name: 'Sync 1 account' })),
    ).toBe(false)
    expect(
      isBlocked(
        screen.getByRole('button', {
          name: 'Create reconnect link for Front desk',
        }),
      ),
    ).toBe(false)
  })

  it('disables bulk sync selection and reconnect links, with the reason', async () => {
    const fetchMock = stubApi()
    renderTriage({ sync: blocked, reconnect: blocked })
    const select = await screen.findByRole('checkbox', {
      name: 'Select Front desk',
      description: NEEDS_OPERATOR,
    })
    const selectAll = screen.getByRole('checkbox', {
      name: 'Select all 1 accounts in this view',
      description: NEEDS_OPERATOR,
    })
    const reconnect = screen.getByRole('button', {
      name: 'Create reconnect link for Front desk',
      description: NEEDS_OPERATOR,
    })
    for (const control of [select, selectAll, reconnect]) {
      expect(isBlocked(control)).toBe(true)
      act(() => {
        control.focus()
      })
      expect(screen.getByRole('tooltip').textContent).toBe(NEEDS_OPERATOR)
      act(() => {
        control.blur()
      })
    }

    fireEvent.click(select)
    fireEvent.click(selectAll)
    expect((select as HTMLInputElement).checked).toBe(false)
    expect(screen.queryByRole('region', { name: 'Bulk sync' })).toBeNull()

    fireEvent.click(reconnect)
    const routes = fetchMock.mock.calls.map(([url]) => url)
    expect(routes.some((url) => /sync|connect_webviews/.test(url))).toBe(false)
  })

  it('lets a role reconnect without syncing', async () => {
    stubApi()
    renderTriage({ sync: blocked, reconnect: allowed })
    const select = await screen.findByRole('checkbox', {
      name: 'Select Front desk',
    })
    expect(isBlocked(select)).toBe(true)
    const reconnect = screen.getByRole('button', {
      name: 'Create reconnect link for Front desk',
    })
    expect(isBlocked(reconnect)).toBe(false)
    fireEvent.click(reconnect)
    expect(
      await screen.findByRole('textbox', {
        name: 'Reconnect link for Front desk',
      }),
    ).toBeTruthy()
  })
})
