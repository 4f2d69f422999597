// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query'
import {
  cleanup,
  fireEvent,
  render,
  screen,
  waitFor,
} from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { createQueryClient } from '../../../lib/query-client'
import { defaultAuditView } from '../lib/view-state'
import { AuditScreen } from './audit-screen'

const json = (body: unknown, status = 200, headers = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })

const csv = () =>
  new Response('\uFEFFaudit_id,created_at\r\n', {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="audit-2026-03-04.csv"',
    },
  })

/** `/api/audit` answers an empty page; the export answers `exportAnswer`. */
function stubApi(exportAnswer: () => Response | Promise<Response>) {
  const exports: string[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) => {
      if (url.startsWith('/api/audit/export.csv')) {
        exports.push(url)
        return Promise.resolve(exportAnswer())
      }
      return Promise.resolve(
        json({
          ok: true,
          records: [],
          pagination: { has_next_page: false, next_page_cursor: null },
        }),
      )
    }),
  )
  return exports
}

let saved: { name: string; url: string }[]

beforeEach(() => {
  saved = []
  vi.stubGlobal('URL', {
    ...URL,
    createObjectURL: () => 'blob:audit',
    revokeObjectURL: () => undefined,
  })
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push({ name: this.download, url: this.href })
  })
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

function renderAudit() {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter>
        <AuditScreen
          view={{ ...defaultAuditView, actor: 'dana' }}
          onViewChange={vi.fn()}
          accountLink={(id) => `/accounts/${id}`}
        />
      </MemoryRouter>
    </QueryClientProvider>,
  )
  return screen.getByRole('link', { name: 'Export CSV' })
}

describe('Export CSV', () => {
  it('downloads the filtered log under the server’s file name', async () => {
    const exports = stubApi(csv)
    const link = renderAudit()
    expect(link.getAttribute('href')).toBe('/api/audit/export.csv?actor=dana')
    fireEvent.click(link)
    await waitFor(() => {
      expect(saved).toEqual([
        { name: 'audit-2026-03-04.csv', url: 'blob:audit' },
      ])
    })
    expect(exports).toEqual(['/api/audit/export.csv?actor=dana'])
  })

  it('shows a failed export with its request id, sent once, and tries again on a click', async () => {
    let healthy = false
    const exports = stubApi(() =>
      healthy
        ? csv()
        : json(
            {
              error: {
                type: 'rate_limited',
                message: 'Too many exports.',
                request_id: 'req_export_429',
              },
              ok: false,
            },
            429,
            { 'Retry-After': '1' },
          ),
    )
    const link = renderAudit()
    fireEvent.click(link)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe(
      'Couldn’t export the audit log: Too many exports. Request ID req_export_429 Export CSV tries again.',
    )
    // Not sent again by itself, even after its Retry-After.
    await new Promise((resolve) => setTimeout(resolve, 1_200))
    expect(exports).toHaveLength(1)
    expect(saved).toEqual([])

    healthy = true
    fireEvent.click(link)
    await waitFor(() => {
      expect(saved).toHaveLength(1)
    })
    expect(screen.queryByRole('alert')).toBeNull()
    expect(exports).toHaveLength(2)
  })
})
