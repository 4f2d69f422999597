// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query'
import {
  cleanup,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { createQueryClient } from '../../../lib/query-client'
import type { TriageAccount, TriageState } from '../lib/types'
import { TriageScreen } from './triage-screen'

const account = (id: string, name: string): TriageAccount => ({
  connected_account_id: id,
  display_name: name,
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
})

const frontDesk = account('6fa459ea-ee8a-3ca4-894e-db77e160355e', 'Front desk')
const backDoor = account('0b7e6f4c-3b1a-4c55-9d7a-2f1e8c9a4b10', 'Back door')

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
      accounts_healthy: 8,
      accounts_with_problems: 2,
      accounts_with_errors: 2,
    },
    problem_counts: [
      { kind: 'error', code: 'account_disconnected', accounts: 2 },
    ],
    queue: [frontDesk, backDoor],
    salto_ks_sites: [],
  },
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })

const failure = (status: number, requestId: string) =>
  json(
    {
      error: {
        type: 'internal_server_error',
        message: 'The upstream fell over.',
        request_id: requestId,
      },
      ok: false,
    },
    status,
  )

type Answer = (body: Record<string, unknown>) => Response | Promise<Response>

/** The dashboard server at the network boundary, counting every request. */
function stubApi(answers: Record<string, Answer>) {
  const hits: { route: string; body: Record<string, unknown> }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const route = url.replace(/^\/api\//, '')
      const body =
        typeof init?.body === 'string'
          ? (JSON.parse(init.body) as Record<string, unknown>)
          : {}
      hits.push({ route, body })
      const answer = answers[route]
      return Promise.resolve(
        answer ? answer(body) : failure(404, `req_missing_${route}`),
      )
    }),
  )
  return {
    hits: (route: string) => hits.filter((hit) => hit.route === route),
  }
}

function renderTriage() {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter>
        <TriageScreen
          view={{ code: null, customer: null, provider: null, q: '' }}
          onViewChange={vi.fn()}
          accountLink={(a) => `/accounts/${a.connected_account_id}`}
        />
      </MemoryRouter>
    </QueryClientProvider>,
  )
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('TriageScreen under faults', () => {
  it('shows why the data did not load, its request id and Retry', async () => {
    let healthy = false
    const api = stubApi({
      'dashboard/triage': () =>
        healthy ? json(state) : failure(503, 'req_triage_503'),
    })
    renderTriage()
    // One automatic retry of a transient failure, then the error.
    const alert = await screen.findByRole('alert', {}, { timeout: 5_000 })
    expect(alert.textContent).toContain('Could not gather the triage data')
    expect(alert.textContent).toContain('The upstream fell over.')
    expect(alert.textContent).toContain('Request ID req_triage_503')
    expect(api.hits('dashboard/triage')).toHaveLength(2)

    healthy = true
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(
      await screen.findByRole('checkbox', { name: 'Select Front desk' }),
    ).toBeTruthy()
  })

  it('sends each bulk sync once, and retries only the failed ones by hand', async () => {
    let failing: string | null = frontDesk.connected_account_id
    const api = stubApi({
      'dashboard/triage': () => json(state),
      'connected_accounts/sync': (body) =>
        body.connected_account_id === failing
          ? failure(500, 'req_sync_500')
          : json({ ok: true }),
    })
    renderTriage()
    fireEvent.click(
      await screen.findByRole('checkbox', {
        name: 'Select all 2 accounts in this view',
      }),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Sync 2 accounts' }))
    const retry = await screen.findByRole('button', { name: 'Retry 1 failed' })
    expect(
      screen.getByText('Sync failed: The upstream fell over.'),
    ).toBeTruthy()
    expect(api.hits('connected_accounts/sync')).toHaveLength(2)

    failing = null
    fireEvent.click(retry)
    await waitFor(() => {
      expect(screen.getAllByText('Sync accepted')).toHaveLength(2)
    })
    expect(
      api
        .hits('connected_accounts/sync')
        .map((h) => h.body.connected_account_id),
    ).toEqual([
      frontDesk.connected_account_id,
      backDoor.connected_account_id,
      frontDesk.connected_account_id,
    ])
  })

  it('shows a failed reconnect link, sent once, and creates it on a retry', async () => {
    let healthy = false
    const api = stubApi({
      'dashboard/triage': () => json(state),
      'connect_webviews/create': () =>
        healthy
          ? json({
              connect_webview: {
                connect_webview_id: 'cw_1',
                url: 'https://connect.example/x',
              },
            })
          : failure(502, 'req_webview_502'),
    })
    renderTriage()
    const create = await screen.findByRole('button', {
      name: 'Create reconnect link for Front desk',
    })
    fireEvent.click(create)
    expect(
      (await screen.findByText('The upstream fell over.')).getAttribute('role'),
    ).toBe('alert')
    expect(api.hits('connect_webviews/create')).toHaveLength(1)

    healthy = true
    fireEvent.click(create)
    expect(
      await screen.findByRole<HTMLInputElement>('textbox', {
        name: 'Reconnect link for Front desk',
      }),
    ).toHaveProperty('value', 'https://connect.example/x')
    expect(api.hits('connect_webviews/create')).toHaveLength(2)
  })
})
