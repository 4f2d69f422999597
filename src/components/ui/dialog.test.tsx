// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { Dialog } from './dialog'
import { stubModalDialogs } from './test-dialog'

beforeAll(stubModalDialogs)

afterEach(cleanup)

/**
 * A page with a button that opens the dialog. `refuse` makes the owner keep
 * it open when asked to close, as the delete dialog does while it deletes.
 */
function Owner({
  refuse = false,
  onAsked,
}: {
  refuse?: boolean
  onAsked: () => void
}) {
  const [open, setOpen] = useState(false)
  const [renders, setRenders] = useState(0)
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpen(true)
        }}
      >
        Open
      </button>
      <button
        type="button"
        onClick={() => {
          setRenders(renders + 1)
        }}
      >
        Render
      </button>
      <Dialog
        open={open}
        title="Settings"
        onClose={() => {
          onAsked()
          if (!refuse) setOpen(false)
        }}
      >
        <p>Body</p>
      </Dialog>
    </>
  )
}

const dialogOf = () => screen.getByRole('dialog', { hidden: true })

/** What the browser does on Escape: a cancelable `cancel` event. */
function pressEscape(dialog: HTMLElement): boolean {
  return fireEvent(dialog, new Event('cancel', { cancelable: true }))
}

/** The browser's `close` event, which it sends a task after a close. */
function closeEvent(dialog: HTMLElement) {
  fireEvent(dialog, new Event('close'))
}

describe('Dialog', () => {
  it('opens and closes with its owner', () => {
    const asked = vi.fn()
    render(<Owner onAsked={asked} />)
    expect(dialogOf().hasAttribute('open')).toBe(false)
    fireEvent.click(screen.getByRole('button', { name: 'Open' }))
    expect(dialogOf().hasAttribute('open')).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Close', hidden: true }))
    expect(asked).toHaveBeenCalledTimes(1)
    expect(dialogOf().hasAttribute('open')).toBe(false)
  })

  it('asks its owner at once on Escape, without waiting for the close event', () => {
    const asked = vi.fn()
    render(<Owner onAsked={asked} />)
    fireEvent.click(screen.getByRole('button', { name: 'Open' }))
    const dialog = dialogOf()

    const browserMayClose = pressEscape(dialog)
    expect(browserMayClose).toBe(false)
    expect(asked).toHaveBeenCalledTimes(1)
    expect(dialog.hasAttribute('open')).toBe(false)

    // Opened again before the close event of the first close arrives.
    fireEvent.click(screen.getByRole('button', { name: 'Open' }))
    expect(dialog.hasAttribute('open')).toBe(true)
    closeEvent(dialog)
    expect(dialog.hasAttribute('open')).toBe(true)
    expect(asked).toHaveBeenCalledTimes(1)
  })

  it('stays open on Escape when its owner keeps it open', () => {
    const asked = vi.fn()
    render(<Owner refuse onAsked={asked} />)
    fireEvent.click(screen.getByRole('button', { name: 'Open' }))
    const dialog = dialogOf()

    expect(pressEscape(dialog)).toBe(false)
    expect(asked).toHaveBeenCalledTimes(1)
    expect(dialog.hasAttribute('open')).toBe(true)
  })

  it('tells its owner of a close the browser forces, and opens again if the owner keeps it', () => {
    const asked = vi.fn()
    render(<Owner refuse onAsked={asked} />)
    fireEvent.click(screen.getByRole('button', { name: 'Open' }))
    const dialog = dialogOf()

    // A second Escape: the browser closes the dialog without asking.
    dialog.removeAttribute('open')
    closeEvent(dialog)
    expect(asked).toHaveBeenCalledTimes(1)
    fireEvent.click(
      screen.getByRole('button', { name: 'Render', hidden: true }),
    )
    expect(dialog.hasAttribute('open')).toBe(true)
  })

  it('closes on a click on its backdrop, not on its content', () => {
    const asked = vi.fn()
    render(<Owner onAsked={asked} />)
    fireEvent.click(screen.getByRole('button', { name: 'Open' }))
    fireEvent.click(screen.getByText('Body'))
    expect(asked).not.toHaveBeenCalled()
    fireEvent.click(dialogOf())
    expect(asked).toHaveBeenCalledTimes(1)
    expect(dialogOf().hasAttribute('open')).toBe(false)
  })
})
