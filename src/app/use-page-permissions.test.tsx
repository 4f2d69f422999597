// @vitest-environment jsdom
import type { ConnectedAccount } from '@seamapi/types/connect'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { AuditRecord } from '../../server/audit/model'
import type { MeResponse } from '../../server/auth/principal'
import type { Role } from '../../server/embed/model'
import type { TriageState } from '../features/triage/lib/types'
import { AccountDetailRoute } from './routes/account-detail'
import { TriageRoute } from './routes/triage'

const ACCOUNT_ID = '6fa459ea-ee8a-3ca4-894e-db77e160355e'

const account: ConnectedAccount = {
  connected_account_id: ACCOUNT_ID,
  created_at: '2025-01-02T03:04:05.000Z',
  account_type: 'august',
  account_type_display_name: 'August',
  display_name: 'Front desk',
  errors: [],
  warnings: [],
  custom_metadata: { property_id: 'p1' },
  automatically_manage_new_devices: true,
  customer_key: 'acme',
  accepted_capabilities: ['lock'],
}

const triage: TriageState = {
  ok: true,
  status: 'ready',
  generated_at: '2025-01-03T00:00:00.000Z',
  stale: false,
  progress: null,
  error: null,
  accounts_pending_refresh: 0,
  data: {
    totals: {
      accounts_scanned: 1,
      accounts_healthy: 0,
      accounts_with_problems: 1,
      accounts_with_errors: 1,
    },
    problem_counts: [
      { kind: 'error', code: 'account_disconnected', accounts: 1 },
    ],
    queue: [
      {
        connected_account_id: ACCOUNT_ID,
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
      },
    ],
    salto_ks_sites: [],
  },
}

const me = (role: Role): MeResponse => ({
  ok: true,
  user: { id: 'u_dana', email: 'dana@example.com', name: 'Dana Reyes' },
  role,
  auth: 'oidc',
  via: 'dashboard',
  can_sign_out: true,
})

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })

/** The dashboard server; `/api/auth/me` answers when `me` resolves. */
function stubServer(
  answerMe: () => Promise<Response>,
  auditRecords: AuditRecord[] = [],
) {
  const fetchMock = vi.fn((input: string, _init?: RequestInit) => {
    if (input === '/api/auth/me') return answerMe()
    const body = input.endsWith('/connected_accounts/get')
      ? { ok: true, connected_account: account }
      : input.endsWith('/dashboard/triage')
        ? triage
        : input.includes('/audit/account/')
          ? {
              ok: true,
              records: auditRecords,
              pagination: { has_next_page: false, next_page_cursor: null },
            }
          : { ok: true, events: [], devices: [] }
    return Promise.resolve(json(body))
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function renderAt(url: string) {
  const router = createMemoryRouter(
    [
      {
        path: '/accounts/:connected_account_id',
        element: <AccountDetailRoute />,
      },
      { path: '/triage', element: <TriageRoute /> },
    ],
    { initialEntries: [url] },
  )
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false } },
  })
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
}

const descriptionOf = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
    .trim()
const isBlocked = (element: HTMLElement) =>
  element.getAttribute('aria-disabled') === 'true'
const button = (name: string) => screen.getByRole('button', { name })

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('standalone account detail permissions', () => {
  it('locks every action while the role loads, then follows the role', async () => {
    let answer: (response: Response) => void = () => undefined
    stubServer(
      () =>
        new Promise((resolve) => {
          answer = resolve
        }),
    )
    renderAt(`/accounts/${ACCOUNT_ID}`)
    await screen.findByRole('heading', { name: 'Front desk', level: 1 })
    for (const name of ['Sync', 'Delete', 'Edit metadata']) {
      expect(isBlocked(button(name))).toBe(true)
      expect(descriptionOf(button(name))).toBe('Checking your role…')
    }

    answer(json(me('viewer')))
    await waitFor(() => {
      expect(descriptionOf(button('Delete'))).toBe(
        'Needs the admin role. You are signed in as viewer.',
      )
    })
    expect(isBlocked(button('Sync'))).toBe(true)
    expect(descriptionOf(button('Sync'))).toBe(
      'Needs the operator role. You are signed in as viewer.',
    )
    expect(descriptionOf(button('Edit metadata'))).toBe(
      'Needs the operator role. You are signed in as viewer.',
    )
  })

  it('lets an operator sync and edit, not delete, and hides the audit link', async () => {
    stubServer(() => Promise.resolve(json(me('operator'))))
    renderAt(`/accounts/${ACCOUNT_ID}`)
    await waitFor(() => {
      expect(isBlocked(button('Sync'))).toBe(false)
    })
    expect(isBlocked(button('Edit metadata'))).toBe(false)
    expect(isBlocked(button('Delete'))).toBe(true)
    expect(descriptionOf(button('Delete'))).toBe(
      'Needs the admin role. You are signed in as operator.',
    )
    expect(
      await screen.findByText('No changes recorded by this dashboard.'),
    ).toBeTruthy()
    expect(screen.queryByRole('link', { name: /audit log/ })).toBeNull()
  })

  it('opens everything to an admin, with a link to the account’s audit log', async () => {
    stubServer(
      () => Promise.resolve(json(me('admin'))),
      [
        {
          audit_id: 'aud_1',
          created_at: new Date().toISOString(),
          actor: { id: 'u_dana', email: null, name: 'Dana Reyes' },
          role: 'admin',
          via: 'dashboard',
          origin: null,
          action: 'connected_accounts/sync',
          connected_account_id: ACCOUNT_ID,
          changes: null,
          outcome: 'succeeded',
          upstream_status: 200,
          error_type: null,
          request_id: 'req_1',
          completed_at: new Date().toISOString(),
        },
      ],
    )
    renderAt(`/accounts/${ACCOUNT_ID}`)
    await waitFor(() => {
      expect(isBlocked(button('Delete'))).toBe(false)
    })
    expect(isBlocked(button('Sync'))).toBe(false)
    const link = await screen.findByRole('link', {
      name: 'All changes to this account in the audit log',
    })
    expect(
      screen.getByText(
        (_, element) =>
          element?.tagName === 'P' &&
          element.textContent ===
            'Sync requested by Dana Reyes (admin) · just now',
      ),
    ).toBeTruthy()
    expect(link.getAttribute('href')).toBe(`/audit?account=${ACCOUNT_ID}`)
  })

  it('keeps actions locked, saying why, when the role cannot be found out', async () => {
    stubServer(() =>
      Promise.resolve(
        json({ error: { type: 'server_error', message: 'Disk full' } }, 500),
      ),
    )
    renderAt(`/accounts/${ACCOUNT_ID}`)
    await waitFor(() => {
      expect(descriptionOf(button('Delete'))).toBe(
        'Couldn’t check your role: Disk full',
      )
    })
    expect(isBlocked(button('Sync'))).toBe(true)
  })
})

describe('standalone triage permissions', () => {
  it('locks bulk sync and reconnect links for a viewer, with the reason', async () => {
    stubServer(() => Promise.resolve(json(me('viewer'))))
    renderAt('/triage')
    const reason = 'Needs the operator role. You are signed in as viewer.'
    const select = await screen.findByRole('checkbox', {
      name: 'Select Front desk',
      description: reason,
    })
    expect(isBlocked(select)).toBe(true)
    const reconnect = screen.getByRole('button', {
      name: 'Create reconnect link for Front desk',
    })
    expect(isBlocked(reconnect)).toBe(true)
    expect(descriptionOf(reconnect)).toBe(reason)
  })
})
