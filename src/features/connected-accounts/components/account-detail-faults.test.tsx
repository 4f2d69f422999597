// @vitest-environment jsdom
import type { ConnectedAccount } from '@seamapi/types/connect'
import { QueryClientProvider } from '@tanstack/react-query'
import {
  cleanup,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { stubModalDialogs } from '../../../components/ui/test-dialog'
import { createQueryClient } from '../../../lib/query-client'
import { syncAndWait } from '../api/sync-connected-account'
import { AccountDetail } from './account-detail'

const account: ConnectedAccount = {
  connected_account_id: '6fa459ea-ee8a-3ca4-894e-db77e160355e',
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

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req_1' },
  })

const serverError = () =>
  json(
    {
      error: {
        type: 'internal_server_error',
        message: 'The upstream fell over.',
        request_id: 'req_500',
      },
      ok: false,
    },
    500,
  )

type Answer = (body: Record<string, unknown>) => Promise<Response> | Response

/**
 * The dashboard server at the network boundary: `answers` by route, the reads
 * of the detail page succeed, and every request is counted by route.
 */
function stubApi(answers: Record<string, Answer>) {
  const hits: string[] = []
  const fetchMock = vi.fn((url: string, init?: RequestInit) => {
    const route = url.replace(/^\/api\//, '')
    hits.push(route)
    const body =
      typeof init?.body === 'string'
        ? (JSON.parse(init.body) as Record<string, unknown>)
        : {}
    const answer = answers[route]
    if (answer) return Promise.resolve(answer(body))
    if (route === 'events/list') return Promise.resolve(json({ events: [] }))
    if (route === 'devices/list') return Promise.resolve(json({ devices: [] }))
    return Promise.resolve(json({ connected_account: account }))
  })
  vi.stubGlobal('fetch', fetchMock)
  return { count: (route: string) => hits.filter((h) => h === route).length }
}

function renderDetail() {
  // The app's own client: its retry rules are part of what is tested.
  const queryClient = createQueryClient()
  return render(
    <QueryClientProvider client={queryClient}>
      <AccountDetail account={account} onDeleted={vi.fn()} />
    </QueryClientProvider>,
  )
}

beforeAll(stubModalDialogs)

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('a failed metadata save', () => {
  it('keeps the edits, says why, is sent once, and saves on a retry', async () => {
    let fail = true
    const api = stubApi({
      'connected_accounts/update': (body) =>
        fail
          ? serverError()
          : json({ connected_account: { ...account, ...body } }),
    })
    renderDetail()
    fireEvent.click(screen.getByRole('button', { name: 'Edit metadata' }))
    fireEvent.change(screen.getByRole('textbox', { name: 'Value 1' }), {
      target: { value: 'p2' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save metadata' }))

    const form = screen.getByRole('form', { name: 'Edit custom metadata' })
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The upstream fell over.',
    )
    expect(
      within(form).getByRole<HTMLInputElement>('textbox', { name: 'Value 1' })
        .value,
    ).toBe('p2')
    expect(api.count('connected_accounts/update')).toBe(1)

    fail = false
    fireEvent.click(screen.getByRole('button', { name: 'Save metadata' }))
    expect(await screen.findByText('Metadata saved.')).toBeTruthy()
    expect(api.count('connected_accounts/update')).toBe(2)
  })

  it('offline, sends nothing and keeps the edits', async () => {
    const api = stubApi({})
    renderDetail()
    fireEvent.click(screen.getByRole('button', { name: 'Edit metadata' }))
    fireEvent.change(screen.getByRole('textbox', { name: 'Key 1' }), {
      target: { value: 'site' },
    })
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    fireEvent.click(screen.getByRole('button', { name: 'Save metadata' }))
    const form = screen.getByRole('form', { name: 'Edit custom metadata' })
    expect((await within(form).findByRole('alert')).textContent).toMatch(
      /^You are offline, so this was not sent/,
    )
    expect(
      within(form).getByRole<HTMLInputElement>('textbox', { name: 'Key 1' })
        .value,
    ).toBe('site')
    expect(api.count('connected_accounts/update')).toBe(0)
  })
})

describe('a failed delete', () => {
  function openDelete() {
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    const dialog = screen.getByRole('dialog')
    fireEvent.change(within(dialog).getByRole('textbox'), {
      target: { value: account.connected_account_id },
    })
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Delete account' }),
    )
    return dialog
  }

  it('says the account was not deleted when the server refused', async () => {
    const api = stubApi({ 'connected_accounts/delete': serverError })
    renderDetail()
    const dialog = openDelete()
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The account was not deleted: The upstream fell over.',
    )
    expect(within(dialog).getByRole<HTMLInputElement>('textbox').value).toBe(
      account.connected_account_id,
    )
    expect(api.count('connected_accounts/delete')).toBe(1)
  })

  it('says it may have happened when no answer came back', async () => {
    const api = stubApi({
      'connected_accounts/delete': () =>
        Promise.reject(new TypeError('Failed to fetch')),
    })
    renderDetail()
    const dialog = openDelete()
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(
      /^No answer came back, so the account may or may not be deleted\./,
    )
    expect(api.count('connected_accounts/delete')).toBe(1)
  })
})

describe('sync', () => {
  it('is sent once when it fails, and says so', async () => {
    const api = stubApi({
      'connected_accounts/sync': () =>
        json(
          { error: { type: 'rate_limited', message: 'Too many.' }, ok: false },
          429,
        ),
    })
    renderDetail()
    fireEvent.click(screen.getByRole('button', { name: 'Sync' }))
    await waitFor(() => {
      expect(screen.getByTestId('sync-status').textContent).toBe(
        'Sync failed: Too many.',
      )
    })
    expect(api.count('connected_accounts/sync')).toBe(1)
  })

  it('is not reported as failed when reading the account back fails once', async () => {
    let reads = 0
    const api = stubApi({
      'connected_accounts/sync': () => json({ ok: true }),
      'connected_accounts/get': () => {
        reads += 1
        // The first read back fails; the next shows the warning gone.
        return reads === 1
          ? serverError()
          : json({ connected_account: account })
      },
    })
    const before: ConnectedAccount = {
      ...account,
      warnings: [
        {
          warning_code: 'scheduled_maintenance_window',
          message: 'Maintenance',
          created_at: '2025-01-01T00:00:00.000Z',
        },
      ],
    }
    const result = await syncAndWait(before, {
      intervalMs: 1,
      timeoutMs: 5_000,
    })
    expect(result.timedOut).toBe(false)
    expect(result.after.warnings).toEqual([])
    expect(api.count('connected_accounts/sync')).toBe(1)
    expect(reads).toBe(2)
  })
})
