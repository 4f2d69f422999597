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
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { AccountPermissions, Permission } from '../../../lib/permissions'
import { AccountDetail, type AccountDetailProps } from './account-detail'

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

const allowed: Permission = { allowed: true }
const NEEDS_OPERATOR = 'Needs the operator role. You are signed in as viewer.'
const NEEDS_ADMIN = 'Needs the admin role. You are signed in as operator.'

const viewer: AccountPermissions = {
  edit: { allowed: false, reason: NEEDS_OPERATOR },
  sync: { allowed: false, reason: NEEDS_OPERATOR },
  delete: { allowed: false, reason: NEEDS_OPERATOR },
}
const operator: AccountPermissions = {
  edit: allowed,
  sync: allowed,
  delete: { allowed: false, reason: NEEDS_ADMIN },
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })

/** The dashboard server at the network boundary: one answer per route. */
function stubApi(
  update: (body: Record<string, unknown>) => Response = (body) =>
    json({ ok: true, connected_account: { ...account, ...body } }),
) {
  const fetchMock = vi.fn((url: string, init?: RequestInit) => {
    const body =
      typeof init?.body === 'string'
        ? (JSON.parse(init.body) as Record<string, unknown>)
        : {}
    if (url.endsWith('/connected_accounts/update')) {
      return Promise.resolve(update(body))
    }
    if (url.endsWith('/connected_accounts/get')) {
      return Promise.resolve(json({ ok: true, connected_account: account }))
    }
    if (url.endsWith('/events/list')) {
      return Promise.resolve(json({ ok: true, events: [] }))
    }
    if (url.endsWith('/devices/list')) {
      return Promise.resolve(json({ ok: true, devices: [] }))
    }
    return Promise.resolve(
      json({ ok: false, error: { type: 'not_found', message: url } }, 404),
    )
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function renderDetail(props: Partial<AccountDetailProps> = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  return render(
    <QueryClientProvider client={queryClient}>
      <AccountDetail account={account} onDeleted={vi.fn()} {...props} />
    </QueryClientProvider>,
  )
}

// jsdom drops the space before the visually hidden part of the name.
const EDIT_NAME = /^Edit ?display name$/
const isBlocked = (element: HTMLElement) =>
  element.getAttribute('aria-disabled') === 'true'
const button = (name: string | RegExp) => screen.getByRole('button', { name })
const descriptionOf = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
    .trim()

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('AccountDetail permissions', () => {
  it('allows everything without permissions, as before', () => {
    stubApi()
    renderDetail()
    for (const name of ['Sync', 'Delete', 'Edit metadata', EDIT_NAME]) {
      expect(isBlocked(button(name))).toBe(false)
    }
    expect(
      isBlocked(
        screen.getByRole('switch', {
          name: 'Automatically manage new devices',
        }),
      ),
    ).toBe(false)
  })

  it('shows a viewer every action, disabled, with the reason', () => {
    stubApi()
    renderDetail({ permissions: viewer })
    const controls = [
      button('Sync'),
      button('Delete'),
      button('Edit metadata'),
      button(EDIT_NAME),
      screen.getByRole('switch', { name: 'Automatically manage new devices' }),
    ]
    for (const control of controls) {
      expect(isBlocked(control)).toBe(true)
      expect(descriptionOf(control)).toBe(NEEDS_OPERATOR)
      // Reachable from the keyboard, so the reason is too.
      act(() => {
        control.focus()
      })
      expect(document.activeElement).toBe(control)
      expect(screen.getByRole('tooltip').textContent).toBe(NEEDS_OPERATOR)
      act(() => {
        control.blur()
      })
      expect(screen.queryByRole('tooltip')).toBeNull()
    }
    // Copying stays open to everyone.
    expect(isBlocked(button('Copy connected account ID'))).toBe(false)
  })

  it('does nothing when a viewer activates a disabled action', () => {
    const fetchMock = stubApi()
    renderDetail({ permissions: viewer })
    fireEvent.click(button('Edit metadata'))
    fireEvent.click(button(EDIT_NAME))
    fireEvent.click(button('Delete'))
    fireEvent.click(button('Sync'))
    fireEvent.click(
      screen.getByRole('switch', { name: 'Automatically manage new devices' }),
    )
    expect(screen.queryByRole('form', { name: 'Edit custom metadata' })).toBe(
      null,
    )
    expect(screen.queryByRole('textbox', { name: 'Display name' })).toBeNull()
    expect(document.querySelector('dialog')?.open).toBe(false)
    const routes = fetchMock.mock.calls.map(([url]) => url)
    expect(routes.some((url) => /update|sync|delete/.test(url))).toBe(false)
  })

  it('lets an operator edit and sync, but not delete', () => {
    stubApi()
    renderDetail({ permissions: operator })
    expect(isBlocked(button('Sync'))).toBe(false)
    expect(isBlocked(button('Edit metadata'))).toBe(false)
    expect(isBlocked(button(EDIT_NAME))).toBe(false)
    const remove = button('Delete')
    expect(isBlocked(remove)).toBe(true)
    expect(descriptionOf(remove)).toBe(NEEDS_ADMIN)

    fireEvent.click(button('Edit metadata'))
    expect(
      screen.getByRole('form', { name: 'Edit custom metadata' }),
    ).toBeTruthy()
  })
})

describe('AccountDetail onUpdated', () => {
  it('reports a display name change with the saved account', async () => {
    const fetchMock = stubApi()
    const onUpdated = vi.fn()
    renderDetail({ permissions: operator, onUpdated })
    fireEvent.click(button(EDIT_NAME))
    fireEvent.change(screen.getByRole('textbox', { name: 'Display name' }), {
      target: { value: 'Back office' },
    })
    fireEvent.click(button('Save name'))
    await waitFor(() => {
      expect(onUpdated).toHaveBeenCalledTimes(1)
    })
    expect(onUpdated).toHaveBeenCalledWith(
      { ...account, display_name: 'Back office' },
      ['display_name'],
    )
    const update = fetchMock.mock.calls.find(([url]) =>
      url.endsWith('/connected_accounts/update'),
    )
    expect(update?.[1]?.body).toBe(
      JSON.stringify({
        connected_account_id: account.connected_account_id,
        display_name: 'Back office',
      }),
    )
  })

  it('reports a metadata change', async () => {
    stubApi()
    const onUpdated = vi.fn()
    renderDetail({ onUpdated })
    fireEvent.click(button('Edit metadata'))
    fireEvent.change(screen.getByRole('textbox', { name: 'Value 1' }), {
      target: { value: 'p2' },
    })
    fireEvent.click(button('Save metadata'))
    await waitFor(() => {
      expect(onUpdated).toHaveBeenCalledWith(
        expect.objectContaining({ custom_metadata: { property_id: 'p2' } }),
        ['custom_metadata'],
      )
    })
  })

  it('reports the auto-manage switch', async () => {
    stubApi()
    const onUpdated = vi.fn()
    renderDetail({ onUpdated })
    fireEvent.click(
      screen.getByRole('switch', { name: 'Automatically manage new devices' }),
    )
    await waitFor(() => {
      expect(onUpdated).toHaveBeenCalledWith(
        expect.objectContaining({ automatically_manage_new_devices: false }),
        ['automatically_manage_new_devices'],
      )
    })
  })

  it('is not called when the update fails', async () => {
    const fetchMock = stubApi(() =>
      json(
        { ok: false, error: { type: 'invalid_input', message: 'Nope.' } },
        400,
      ),
    )
    const onUpdated = vi.fn()
    renderDetail({ onUpdated })
    fireEvent.click(
      screen.getByRole('switch', { name: 'Automatically manage new devices' }),
    )
    expect(await screen.findByText(/Couldn’t change the setting/)).toBeTruthy()
    expect(
      fetchMock.mock.calls.some(([url]) =>
        url.endsWith('/connected_accounts/update'),
      ),
    ).toBe(true)
    expect(onUpdated).not.toHaveBeenCalled()
  })
})

describe('AccountDetail metadata with line breaks', () => {
  const multiline = {
    ...account,
    custom_metadata: { 'note\nkey': 'line one\nline two', plain: 'x' },
  }

  it('shows a key or value with a line break whole, in a text area, and saves it unchanged', async () => {
    const fetchMock = stubApi()
    renderDetail({ account: multiline })
    fireEvent.click(button('Edit metadata'))
    const key = screen.getByRole('textbox', { name: 'Key 1' })
    const value = screen.getByRole('textbox', { name: 'Value 1' })
    expect(key.tagName).toBe('TEXTAREA')
    expect(value.tagName).toBe('TEXTAREA')
    expect(key).toHaveProperty('value', 'note\nkey')
    expect(value).toHaveProperty('value', 'line one\nline two')
    expect(screen.getByRole('textbox', { name: 'Value 2' }).tagName).toBe(
      'INPUT',
    )
    fireEvent.change(screen.getByRole('textbox', { name: 'Value 2' }), {
      target: { value: 'y' },
    })
    fireEvent.click(button('Save metadata'))
    await waitFor(() => {
      const update = fetchMock.mock.calls.find(([url]) =>
        url.endsWith('/connected_accounts/update'),
      )
      const body = update?.[1]?.body
      expect(typeof body === 'string' ? JSON.parse(body) : body).toMatchObject({
        custom_metadata: { 'note\nkey': 'line one\nline two', plain: 'y' },
      })
    })
  })
})
