// @vitest-environment jsdom
import type { ConnectedAccount } from '@seamapi/types/connect'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import {
  act,
  cleanup,
  fireEvent,
  render,
  screen,
  waitFor,
} from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { EmbedSessionResponse } from '../../../server/embed/model'
import type {
  FrameMessage,
  PortalMessage,
} from '../../../server/embed/protocol'
import { embedRoutes } from '../router'
import { EmbedLayout } from './embed-layout'
import type { EmbedController, EmbedState } from './session'

const ACCOUNT_ID = '5d2f4c1e-8a7b-4c3d-9e0f-1a2b3c4d5e6f'

function fakeController(initial: EmbedState) {
  let state = initial
  const listeners = new Set<() => void>()
  const portal = new Set<(message: PortalMessage) => void>()
  const posted: FrameMessage[] = []
  const controller: EmbedController = {
    subscribe: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    getState: () => state,
    start: vi.fn(),
    renew: vi.fn(),
    retry: vi.fn(),
    post: (message) => {
      posted.push(message)
    },
    reportHeight: vi.fn(),
    reportRoute: vi.fn(),
    onPortalMessage: (listener) => {
      portal.add(listener)
      return () => {
        portal.delete(listener)
      }
    },
    dispose: vi.fn(),
  }
  return {
    controller,
    posted,
    set: (next: EmbedState) => {
      state = next
      for (const listener of listeners) listener()
    },
    send: (message: PortalMessage) => {
      for (const listener of portal) listener(message)
    },
  }
}

const session = (
  overrides: Partial<EmbedSessionResponse> = {},
): EmbedSessionResponse => ({
  session_token: 'sess_1',
  expires_at: new Date(Date.now() + 600_000).toISOString(),
  role: 'operator',
  scope: {},
  subject: null,
  origin: null,
  ...overrides,
})

const account = {
  connected_account_id: ACCOUNT_ID,
  display_name: 'Front desk',
  account_type: 'august',
  account_type_display_name: 'August',
  customer_key: 'acme',
  user_identifier: { email: 'desk@acme.com' },
  custom_metadata: {},
  errors: [],
  warnings: [],
  created_at: '2026-01-01T00:00:00.000Z',
  automatically_manage_new_devices: true,
  accepted_capabilities: ['lock'],
} as unknown as ConnectedAccount

function stubApi() {
  const fetchMock = vi.fn((input: string, _init?: RequestInit) => {
    const url = input
    const body = url.endsWith('/connected_accounts/get')
      ? { ok: true, connected_account: account }
      : url.endsWith('/connected_accounts/list')
        ? {
            ok: true,
            connected_accounts: [account],
            pagination: {
              has_next_page: false,
              next_page_cursor: null,
              next_page_url: null,
            },
          }
        : url.includes('/audit/account/')
          ? {
              ok: true,
              records: [],
              pagination: { has_next_page: false, next_page_cursor: null },
            }
          : { ok: true, events: [], devices: [] }
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    )
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function renderEmbed(initial: EmbedState, url = '/embed/accounts') {
  const fake = fakeController(initial)
  const router = createMemoryRouter(
    [
      {
        path: '/embed',
        element: <EmbedLayout controller={fake.controller} />,
        children: embedRoutes,
      },
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
  const location = () =>
    `${router.state.location.pathname}${router.state.location.search}`
  return { ...fake, router, location }
}

beforeEach(() => {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('EmbedLayout states', () => {
  it('starts the session and says it is signing in', () => {
    const { controller } = renderEmbed({ status: 'starting' })
    expect(screen.getByText('Signing in…')).toBeTruthy()
    expect(controller.start).toHaveBeenCalled()
    expect(controller.reportHeight).toHaveBeenCalled()
    expect(controller.reportRoute).toHaveBeenCalledWith('/embed/accounts')
    expect(screen.queryByRole('navigation')).toBeNull()
  })

  it('says when embedding is not available, with the reason', () => {
    renderEmbed({ status: 'unavailable', reason: 'EMBED_ORIGINS is empty.' })
    expect(
      screen.getByRole('heading', { name: 'Embedding is not available' }),
    ).toBeTruthy()
    expect(screen.getByText('EMBED_ORIGINS is empty.')).toBeTruthy()
  })

  it('tells an expired link from a failed sign-in', () => {
    renderEmbed({
      status: 'refused',
      problem: 'link-expired',
      message: 'This embed token was already used.',
    })
    expect(
      screen.getByRole('heading', {
        name: 'This embedded view’s link has expired',
      }),
    ).toBeTruthy()
    cleanup()
    renderEmbed({
      status: 'refused',
      problem: 'sign-in',
      message: 'The embed token is not valid.',
    })
    expect(
      screen.getByRole('heading', {
        name: 'This embedded view could not sign in',
      }),
    ).toBeTruthy()
    expect(screen.getByText('The embed token is not valid.')).toBeTruthy()
  })

  it('offers to try again after the session expired', () => {
    const { controller, set } = renderEmbed({
      status: 'expired',
      renewing: false,
      message: null,
    })
    expect(
      screen.getByRole('heading', { name: 'Session expired' }),
    ).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(controller.renew).toHaveBeenCalled()
    act(() => {
      set({ status: 'expired', renewing: true, message: null })
    })
    expect(
      screen.getByRole('button', { name: 'Signing in again…' }),
    ).toHaveProperty('disabled', true)
  })

  it('offers to try again when the dashboard cannot be reached', () => {
    const { controller } = renderEmbed({
      status: 'unreachable',
      message: 'Could not reach the dashboard server.',
    })
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(controller.retry).toHaveBeenCalled()
  })
})

describe('EmbedLayout signed in', () => {
  it('shows the not-found page inside the frame, linking to embed paths', async () => {
    stubApi()
    renderEmbed({ status: 'ready', session: session() }, '/embed/nowhere')
    expect(
      await screen.findByRole('heading', { name: 'Page not found' }),
    ).toBeTruthy()
    expect(
      screen.getByRole('link', { name: 'Go to accounts' }).getAttribute('href'),
    ).toBe('/embed/accounts')
  })

  it('keeps /embed/accounts inside the scope and links rows to embed paths', async () => {
    const fetchMock = stubApi()
    const { location, controller } = renderEmbed(
      {
        status: 'ready',
        session: session({ scope: { customer_key: 'acme' } }),
      },
      '/embed/accounts?customer_key=other&q=desk',
    )
    await waitFor(() => {
      expect(location()).toBe('/embed/accounts?q=desk')
    })
    await waitFor(() => {
      expect(controller.reportRoute).toHaveBeenLastCalledWith(
        '/embed/accounts?q=desk',
      )
    })
    const link = await screen.findByRole('link', { name: /Front desk/ })
    expect(link.getAttribute('href')).toBe(`/embed/accounts/${ACCOUNT_ID}`)
    const listCall = fetchMock.mock.calls.find(([url]) =>
      url.endsWith('/connected_accounts/list'),
    )
    const body = listCall?.[1]?.body
    expect(typeof body === 'string' ? JSON.parse(body) : null).toMatchObject({
      customer_key: 'acme',
      search: 'desk',
    })
  })

  it('follows the portal’s navigate and set-filters, scope first', async () => {
    stubApi()
    const { send, location } = renderEmbed(
      {
        status: 'ready',
        session: session({ scope: { customer_key: 'acme' } }),
      },
      '/embed/nowhere',
    )
    await screen.findByRole('heading', { name: 'Page not found' })
    act(() => {
      send({ type: 'navigate', route: '/embed/triage?q=x' })
    })
    await waitFor(() => {
      expect(location()).toBe('/embed/triage?q=x')
    })
    act(() => {
      send({
        type: 'set-filters',
        filters: { search: 'gmail', customer_key: 'other' },
      })
    })
    await waitFor(() => {
      expect(location()).toBe('/embed/accounts?q=gmail')
    })
  })

  it('tells the portal once which account the detail page shows, leading back in the frame', async () => {
    const fetchMock = stubApi()
    const { posted } = renderEmbed(
      { status: 'ready', session: session({ role: 'viewer' }) },
      `/embed/accounts/${ACCOUNT_ID}`,
    )
    expect(
      await screen.findByRole('heading', { name: 'Front desk', level: 1 }),
    ).toBeTruthy()
    expect(
      screen.getByRole('link', { name: 'All accounts' }).getAttribute('href'),
    ).toBe('/embed/accounts')
    // The session's role reads the account's recent changes too; the audit
    // log itself is not in the frame.
    expect(
      await screen.findByText('No changes recorded by this dashboard.'),
    ).toBeTruthy()
    expect(screen.queryByRole('link', { name: /audit log/ })).toBeNull()
    // The frame's role is its session's: it never asks who is signed in,
    // and a viewer's actions are locked for that reason.
    expect(fetchMock.mock.calls.some(([url]) => url.includes('auth/me'))).toBe(
      false,
    )
    expect(
      screen
        .getByRole('button', { name: 'Delete' })
        .getAttribute('aria-disabled'),
    ).toBe('true')
    await waitFor(() => {
      expect(posted).toEqual([
        {
          type: 'account.selected',
          connected_account_id: ACCOUNT_ID,
          display_name: 'Front desk',
          customer_key: 'acme',
        },
      ])
    })
  })
})
