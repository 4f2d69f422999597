// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { getAnnouncement } from './announcer'
import { GuardedButton } from './guarded-button'

afterEach(cleanup)

const REASON = 'Needs the operator role. You are signed in as viewer.'

describe('GuardedButton', () => {
  it('is an ordinary button when allowed or without a permission', () => {
    const onClick = vi.fn()
    const { rerender } = render(
      <GuardedButton onClick={onClick}>Sync</GuardedButton>,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Sync' }))
    rerender(
      <GuardedButton permission={{ allowed: true }} onClick={onClick}>
        Sync
      </GuardedButton>,
    )
    const button = screen.getByRole('button', { name: 'Sync' })
    fireEvent.click(button)
    expect(onClick).toHaveBeenCalledTimes(2)
    expect(button.getAttribute('aria-disabled')).toBeNull()
    expect(button.getAttribute('aria-describedby')).toBeNull()
    expect(screen.queryByRole('tooltip')).toBeNull()
  })

  it('stays focusable but inert when not allowed, and says why', () => {
    const onClick = vi.fn()
    render(
      <GuardedButton
        permission={{ allowed: false, reason: REASON }}
        onClick={onClick}
        // A blocked button must stay reachable even when also disabled.
        disabled
      >
        Sync
      </GuardedButton>,
    )
    const button = screen.getByRole<HTMLButtonElement>('button', {
      name: 'Sync',
      description: REASON,
    })
    expect(button.getAttribute('aria-disabled')).toBe('true')
    expect(button.disabled).toBe(false)

    fireEvent.click(button)
    expect(onClick).not.toHaveBeenCalled()
    expect(getAnnouncement().text).toBe(REASON)
  })

  it('shows the reason on hover and on focus; Escape hides it', () => {
    render(
      <GuardedButton permission={{ allowed: false, reason: REASON }}>
        Delete
      </GuardedButton>,
    )
    const button = screen.getByRole('button', { name: 'Delete' })
    expect(screen.queryByRole('tooltip')).toBeNull()

    fireEvent.mouseEnter(button)
    expect(screen.getByRole('tooltip').textContent).toBe(REASON)
    fireEvent.mouseLeave(button)
    expect(screen.queryByRole('tooltip')).toBeNull()

    fireEvent.focus(button)
    expect(screen.getByRole('tooltip').textContent).toBe(REASON)
    fireEvent.keyDown(button, { key: 'Escape' })
    expect(screen.queryByRole('tooltip')).toBeNull()
  })

  it('keeps a description it already had', () => {
    render(
      <>
        <p id="hint">Saves the form.</p>
        <GuardedButton
          aria-describedby="hint"
          permission={{ allowed: false, reason: REASON }}
        >
          Save
        </GuardedButton>
      </>,
    )
    expect(
      screen.getByRole('button', {
        name: 'Save',
        description: `Saves the form. ${REASON}`,
      }),
    ).toBeTruthy()
  })

  it('does not submit its form when not allowed', () => {
    const onSubmit = vi.fn((event: { preventDefault: () => void }) => {
      event.preventDefault()
    })
    render(
      <form onSubmit={onSubmit}>
        <GuardedButton
          type="submit"
          permission={{ allowed: false, reason: REASON }}
        >
          Save
        </GuardedButton>
      </form>,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(onSubmit).not.toHaveBeenCalled()
  })
})
