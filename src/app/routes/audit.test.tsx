// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import {
  cleanup,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type {
  AuditListResponse,
  AuditRecord,
} from '../../../server/audit/model'
import { AuditRoute } from './audit'

const ACCOUNT_ID = '6fa459ea-ee8a-3ca4-894e-db77e160355e'

const record = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  audit_id: 'aud_1',
  created_at: new Date(Date.now() - 5 * 60_000).toISOString(),
  actor: { id: 'u_dana', email: 'dana@example.com', name: 'Dana Reyes' },
  role: 'operator',
  via: 'dashboard',
  origin: null,
  action: 'connected_accounts/update',
  connected_account_id: ACCOUNT_ID,
  changes: {
    custom_metadata: [
      { key: 'site', change: 'added', old: null, new: 'lisbon' },
    ],
  },
  outcome: 'failed',
  upstream_status: 504,
  error_type: 'upstream_timeout',
  request_id: 'req_4f2a',
  completed_at: null,
  ...overrides,
})

const page = (
  records: AuditRecord[],
  next: string | null = null,
): AuditListResponse => ({
  ok: true,
  records,
  pagination: { has_next_page: next !== null, next_page_cursor: next },
})

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })

/** `GET /api/audit`, answered by `answer` from the query it was asked. */
function stubAudit(
  answer: (query: URLSearchParams) => Response = (query) =>
    json(
      query.get('cursor') === 'c2'
        ? page([record({ audit_id: 'aud_2', request_id: 'req_page_2' })])
        : page([record()], 'c2'),
    ),
) {
  const fetchMock = vi.fn((input: string, _init?: RequestInit) => {
    const url = new URL(input, 'http://dashboard.test')
    if (url.pathname !== '/api/audit') {
      return Promise.resolve(
        json({ error: { type: 'not_found', message: input } }, 404),
      )
    }
    return Promise.resolve(answer(url.searchParams))
  })
  vi.stubGlobal('fetch', fetchMock)
  /** The query strings of every audit request so far. */
  const queries = () =>
    fetchMock.mock.calls.map(([input]) => input.split('?')[1] ?? '')
  return { fetchMock, queries }
}

function renderAudit(url = '/audit') {
  const router = createMemoryRouter(
    [
      { path: '/audit', element: <AuditRoute /> },
      { path: '/accounts/:id', element: <p>Account page</p> },
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
  const search = () => router.state.location.search
  return { router, search }
}

const table = () => screen.getByRole('table', { name: 'Audit log' })

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  sessionStorage.clear()
})

describe('Audit page', () => {
  it('asks for what the URL says, and links the export to the same filters', async () => {
    const { queries } = stubAudit()
    renderAudit('/audit?actor=dana&outcome=failed&size=50')
    await within(table()).findByText('Dana Reyes')
    expect(queries()).toEqual(['actor=dana&outcome=failed&limit=50'])
    expect(
      screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href'),
    ).toBe('/api/audit/export.csv?actor=dana&outcome=failed')
    expect(
      screen.getByRole<HTMLInputElement>('searchbox', { name: 'Actor' }).value,
    ).toBe('dana')
    expect(
      screen.getByRole<HTMLSelectElement>('combobox', { name: 'Outcome' })
        .value,
    ).toBe('failed')
  })

  it('writes filter changes to the URL, back on the first page, and asks again', async () => {
    const { queries } = stubAudit()
    const { search } = renderAudit('/audit?page=2&cursor=c2')
    await within(table()).findByText('Dana Reyes')

    fireEvent.change(screen.getByRole('combobox', { name: 'Action' }), {
      target: { value: 'connected_accounts/delete' },
    })
    await waitFor(() => {
      expect(search()).toBe('?action=connected_accounts%2Fdelete')
    })

    fireEvent.change(screen.getByRole('searchbox', { name: 'Actor' }), {
      target: { value: ' dana@example.com ' },
    })
    fireEvent.change(
      screen.getByRole('searchbox', { name: 'Connected account ID' }),
      { target: { value: ACCOUNT_ID } },
    )
    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2026-01-05' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }))
    await waitFor(() => {
      expect(search()).toBe(
        `?actor=dana%40example.com&account=${ACCOUNT_ID}&action=connected_accounts%2Fdelete&from=2026-01-05`,
      )
    })
    const from = encodeURIComponent(new Date(2026, 0, 5).toISOString())
    await waitFor(() => {
      expect(queries().at(-1)).toBe(
        `actor=dana%40example.com&connected_account_id=${ACCOUNT_ID}&action=connected_accounts%2Fdelete&from=${from}&limit=25`,
      )
    })
    expect(queries()).toContain('action=connected_accounts%2Fdelete&limit=25')

    fireEvent.click(screen.getByRole('button', { name: 'Clear' }))
    await waitFor(() => {
      expect(search()).toBe('')
    })
  })

  it('shows who did what, to which account, how it ended and the request ID', async () => {
    stubAudit()
    renderAudit()
    const row = (await within(table()).findByText('Dana Reyes')).closest('tr')
    if (!row) throw new Error('expected a row')
    const cells = within(row)
    expect(cells.getByText('dana@example.com')).toBeTruthy()
    expect(cells.getByText('operator · Dashboard')).toBeTruthy()
    expect(cells.getByText('Edit account')).toBeTruthy()
    expect(
      cells.getByRole('link', { name: ACCOUNT_ID }).getAttribute('href'),
    ).toBe(`/accounts/${ACCOUNT_ID}`)
    expect(
      within(cells.getByRole('list', { name: 'What changed' })).getByText(
        '+site=lisbon',
      ),
    ).toBeTruthy()
    expect(cells.getByText('Failed')).toBeTruthy()
    expect(cells.getByText('· 504 · upstream_timeout')).toBeTruthy()
    expect(cells.getByText('req_4f2a')).toBeTruthy()
    expect(cells.getByRole('button', { name: 'Copy request ID' })).toBeTruthy()
    expect(cells.getByText('5 minutes ago')).toBeTruthy()
  })

  it('pages forward by the cursor and back by the one remembered', async () => {
    const { queries } = stubAudit()
    const { search } = renderAudit()
    await within(table()).findByText('req_4f2a')
    const previous = screen.getByRole<HTMLButtonElement>('button', {
      name: 'Previous',
    })
    expect(previous.disabled).toBe(true)

    fireEvent.click(screen.getByRole('button', { name: 'Next' }))
    await within(table()).findByText('req_page_2')
    expect(search()).toBe('?page=2&cursor=c2')
    expect(queries().at(-1)).toBe('limit=25&cursor=c2')
    expect(screen.getByText('Page 2')).toBeTruthy()
    expect(
      screen.getByRole<HTMLButtonElement>('button', { name: 'Next' }).disabled,
    ).toBe(true)

    fireEvent.click(screen.getByRole('button', { name: 'Previous' }))
    await within(table()).findByText('req_4f2a')
    expect(search()).toBe('')
  })

  it('tells a non-admin that only admins can see the log', async () => {
    const message =
      'Reading the audit log needs the admin role; you have the operator role.'
    stubAudit(() => json({ error: { type: 'forbidden', message } }, 403))
    renderAudit()
    expect(
      await screen.findByRole('heading', {
        name: 'Only admins can see the audit log',
      }),
    ).toBeTruthy()
    expect(screen.getByText(message)).toBeTruthy()
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.queryByRole('link', { name: 'Export CSV' })).toBeNull()
    expect(screen.queryByRole('form')).toBeNull()
  })

  it('says when nothing is recorded, and when filters match nothing', async () => {
    stubAudit(() => json(page([])))
    renderAudit()
    expect(await screen.findByText('No changes recorded yet')).toBeTruthy()
    cleanup()

    stubAudit(() => json(page([])))
    const { search } = renderAudit('/audit?outcome=pending')
    expect(
      await screen.findByText('No records match these filters'),
    ).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }))
    await waitFor(() => {
      expect(search()).toBe('')
    })
  })

  it('offers a retry when the log cannot be loaded', async () => {
    let fail = true
    stubAudit(() =>
      fail
        ? json({ error: { type: 'server_error', message: 'Disk full' } }, 500)
        : json(page([record()])),
    )
    renderAudit()
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText('Couldn’t load the audit log')).toBeTruthy()
    expect(within(alert).getByText('Disk full')).toBeTruthy()
    fail = false
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await within(table()).findByText('Dana Reyes')).toBeTruthy()
  })
})
