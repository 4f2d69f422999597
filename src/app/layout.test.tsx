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
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { MeResponse } from '../../server/auth/principal'
import { Layout } from './layout'
import { SignedOutRoute } from './routes/signed-out'

const dana: MeResponse = {
  ok: true,
  user: { id: 'u_dana', email: 'dana@example.com', name: 'Dana Reyes' },
  role: 'operator',
  auth: 'oidc',
  via: 'dashboard',
  can_sign_out: true,
}

const local: MeResponse = {
  ok: true,
  user: { id: 'local', email: null, name: 'Local user' },
  role: 'admin',
  auth: 'none',
  via: 'dashboard',
  can_sign_out: false,
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })

const UNAUTHENTICATED = json(
  { error: { type: 'unauthenticated', message: 'Sign in first.' } },
  401,
)

function stubServer(me: () => Response, logout = () => json({ ok: true })) {
  const fetchMock = vi.fn((input: string, _init?: RequestInit) => {
    if (input === '/api/auth/me') return Promise.resolve(me())
    if (input === '/auth/logout') return Promise.resolve(logout())
    if (input === '/api/dashboard/status') {
      return Promise.resolve(
        json({ ok: true, mode: 'seam', connected_account_count: null }),
      )
    }
    return Promise.resolve(
      json({ error: { type: 'not_found', message: input } }, 404),
    )
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function renderLayout(url = '/accounts?q=x') {
  const redirect = vi.fn()
  const router = createMemoryRouter(
    [
      {
        element: <Layout redirect={redirect} />,
        children: [
          { path: 'accounts', element: <p>Accounts page</p> },
          { path: 'audit', element: <p>Audit page</p> },
        ],
      },
      { path: 'signed-out', element: <SignedOutRoute /> },
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
  return { redirect, router, queryClient }
}

const header = () => screen.getByRole('banner')

beforeEach(() => {
  vi.stubGlobal('scrollTo', vi.fn())
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('Layout header', () => {
  it('shows the signed-in person and their role, and no audit link below admin', async () => {
    stubServer(() => json(dana))
    renderLayout()
    const menu = await within(header()).findByRole('button', {
      name: 'Dana Reyes, operator: your account',
    })
    expect(menu.textContent).toBe('Dana ReyesRole: operator')
    expect(
      within(header()).queryByRole('link', { name: 'Audit log' }),
    ).toBeNull()
  })

  it('links admins to the audit log', async () => {
    stubServer(() => json({ ...dana, role: 'admin' }))
    renderLayout()
    const link = await within(header()).findByRole('link', {
      name: 'Audit log',
    })
    expect(link.getAttribute('href')).toBe('/audit')
  })

  it('shows the local user quietly without sign-in', async () => {
    stubServer(() => json(local))
    renderLayout()
    expect(
      await within(header()).findByText(
        (_, element) =>
          element?.tagName === 'P' &&
          element.textContent === 'Local user · admin',
      ),
    ).toBeTruthy()
    expect(
      within(header()).queryByRole('button', { name: /your account/ }),
    ).toBeNull()
    // Local access has every right, the audit log included.
    expect(
      within(header()).getByRole('link', { name: 'Audit log' }),
    ).toBeTruthy()
  })

  it('offers no sign-out where signing out ends nothing', async () => {
    stubServer(() =>
      json({ ...dana, auth: 'proxy', role: 'viewer', can_sign_out: false }),
    )
    renderLayout()
    const who = await within(header()).findByText(/Signed in as/)
    expect(who.parentElement?.textContent).toBe(
      'Signed in as Dana ReyesRole: viewer',
    )
    expect(within(header()).queryByRole('button', { name: /Dana/ })).toBeNull()
  })
})

describe('Signing out', () => {
  it('POSTs /auth/logout, then shows the signed-out page to sign in again', async () => {
    const fetchMock = stubServer(() => json(dana))
    const { router } = renderLayout()
    fireEvent.click(
      await within(header()).findByRole('button', { name: /your account/ }),
    )
    const panel = screen.getByRole('dialog', { name: 'Your account' })
    expect(within(panel).getByText('dana@example.com')).toBeTruthy()
    fireEvent.click(within(panel).getByRole('button', { name: 'Sign out' }))

    expect(
      await screen.findByRole('heading', { name: 'Signed out' }),
    ).toBeTruthy()
    expect(router.state.location.pathname).toBe('/signed-out')
    const logout = fetchMock.mock.calls.find(([url]) => url === '/auth/logout')
    expect(logout?.[1]?.method).toBe('POST')
    expect(new Headers(logout?.[1]?.headers).get('Content-Type')).toBe(
      'application/json',
    )
    expect(
      screen.getByRole('link', { name: 'Sign in again' }).getAttribute('href'),
    ).toBe('/auth/login?return_to=%2Faccounts%3Fq%3Dx')
    // Nothing asks who is signed in any more.
    const meCalls = fetchMock.mock.calls.filter(
      ([url]) => url === '/api/auth/me',
    ).length
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(
      fetchMock.mock.calls.filter(([url]) => url === '/api/auth/me').length,
    ).toBe(meCalls)
  })

  it('stays signed in and says so when signing out fails', async () => {
    stubServer(
      () => json(dana),
      () =>
        json({ error: { type: 'server_error', message: 'Try later.' } }, 500),
    )
    const { router } = renderLayout()
    fireEvent.click(
      await within(header()).findByRole('button', { name: /your account/ }),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Couldn’t sign out: Try later.',
    )
    expect(router.state.location.pathname).toBe('/accounts')
  })
})

describe('Signed-out sessions', () => {
  it('sends the browser to sign in, back to the same page, on a 401', async () => {
    stubServer(() => UNAUTHENTICATED.clone())
    const { redirect } = renderLayout('/accounts?q=x')
    await waitFor(() => {
      expect(redirect).toHaveBeenCalledExactlyOnceWith(
        '/auth/login?return_to=%2Faccounts%3Fq%3Dx',
      )
    })
  })
})
