// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import {
  cleanup,
  fireEvent,
  render,
  screen,
  within,
} from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { AuditRecord } from '../../../../server/audit/model'
import { RecentChanges, type RecentChangesProps } from './recent-changes'

const ACCOUNT_ID = '6fa459ea-ee8a-3ca4-894e-db77e160355e'

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString()

const metadataChange: AuditRecord = {
  audit_id: 'aud_1',
  created_at: minutesAgo(2),
  actor: { id: 'u_dana', email: 'dana@example.com', name: 'Dana Reyes' },
  role: 'operator',
  via: 'dashboard',
  origin: null,
  action: 'connected_accounts/update',
  connected_account_id: ACCOUNT_ID,
  changes: {
    custom_metadata: [
      { key: 'site', change: 'added', old: null, new: 'lisbon' },
      { key: 'vip', change: 'removed', old: true, new: null },
      { key: 'property_id', change: 'changed', old: 'p1', new: 'p2' },
    ],
  },
  outcome: 'succeeded',
  upstream_status: 200,
  error_type: null,
  request_id: 'req_1',
  completed_at: minutesAgo(2),
}

const failedSyncFromPortal: AuditRecord = {
  ...metadataChange,
  audit_id: 'aud_2',
  created_at: minutesAgo(60 * 3),
  actor: { id: 'embed:jo', email: null, name: 'jo@acme.example' },
  role: 'operator',
  via: 'embed',
  origin: 'https://portal.acme.example',
  action: 'connected_accounts/sync',
  changes: null,
  outcome: 'failed',
  upstream_status: 504,
  error_type: 'upstream_timeout',
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })

function stubApi(answer: () => Response) {
  const fetchMock = vi.fn((_input: string, _init?: RequestInit) =>
    Promise.resolve(answer()),
  )
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

const records = (list: AuditRecord[]) =>
  json({
    ok: true,
    records: list,
    pagination: { has_next_page: false, next_page_cursor: null },
  })

function renderChanges(props: Partial<RecentChangesProps> = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false } },
  })
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <RecentChanges connectedAccountId={ACCOUNT_ID} {...props} />
      </MemoryRouter>
    </QueryClientProvider>,
  )
}

/** The element whose whole text is `text`, across its children. */
const byWholeText = (text: string) =>
  screen.getByText(
    (_, element) =>
      element?.tagName === 'P' && element.textContent.trim() === text,
  )

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('RecentChanges', () => {
  it('says who changed what and when, with the metadata diff', async () => {
    const fetchMock = stubApi(() =>
      records([metadataChange, failedSyncFromPortal]),
    )
    renderChanges()
    const list = await screen.findByRole('list', { name: 'Recent changes' })
    expect(fetchMock.mock.calls[0]?.[0]).toBe(
      `/api/audit/account/${ACCOUNT_ID}?limit=10`,
    )
    expect(
      byWholeText('Metadata changed by Dana Reyes (operator) · 2 minutes ago'),
    ).toBeTruthy()
    const [first] = within(list).getAllByRole('list', { name: 'What changed' })
    if (!first) throw new Error('expected the metadata change')
    expect(
      within(first)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['+site=lisbon', '\u2212vip', 'property_id: p1 → p2'])
  })

  it('marks a failed change, and one made in a portal’s frame', async () => {
    stubApi(() => records([failedSyncFromPortal]))
    renderChanges()
    expect(
      await screen.findByText(
        (_, element) =>
          element?.tagName === 'P' &&
          element.textContent ===
            'Failed sync by jo@acme.example (operator) · 3 hours ago',
      ),
    ).toBeTruthy()
    expect(screen.getByText('Failed')).toBeTruthy()
    expect(screen.getByText('· 504 · upstream_timeout')).toBeTruthy()
    expect(
      screen.getByText('Embedded in https://portal.acme.example'),
    ).toBeTruthy()
  })

  it('says when this dashboard recorded no change', async () => {
    stubApi(() => records([]))
    renderChanges()
    expect(
      await screen.findByText('No changes recorded by this dashboard.'),
    ).toBeTruthy()
  })

  it('explains, without alarm, when the role may not see the changes', async () => {
    stubApi(() =>
      json(
        {
          error: {
            type: 'forbidden',
            message: 'Reading the audit log needs the viewer role.',
          },
        },
        403,
      ),
    )
    renderChanges()
    expect(
      await screen.findByText(/Your role can’t see this account’s changes/),
    ).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('offers a retry when the changes cannot be loaded', async () => {
    let fail = true
    stubApi(() =>
      fail
        ? json({ error: { type: 'server_error', message: 'Disk full' } }, 500)
        : records([]),
    )
    renderChanges()
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(
      'Couldn’t load recent changes: Disk full',
    )
    fail = false
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(
      await screen.findByText('No changes recorded by this dashboard.'),
    ).toBeTruthy()
  })

  it('links to the whole log of the account when given where', async () => {
    stubApi(() => records([metadataChange]))
    renderChanges({ allChangesLink: `/audit?account=${ACCOUNT_ID}` })
    const link = await screen.findByRole('link', {
      name: 'All changes to this account in the audit log',
    })
    expect(link.getAttribute('href')).toBe(`/audit?account=${ACCOUNT_ID}`)
  })
})
