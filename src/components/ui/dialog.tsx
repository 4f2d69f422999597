import {
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
} from 'react'

import { Button } from './button'
import { CloseIcon } from './icons'

export interface DialogProps {
  open: boolean
  onClose: () => void
  title: string
  description?: string
  children: ReactNode
}

const FOCUSABLE = [
  'a[href]',
  'button:not(:disabled)',
  'input:not(:disabled)',
  'select:not(:disabled)',
  'textarea:not(:disabled)',
  '[tabindex]:not([tabindex="-1"])',
].join(', ')

/**
 * Tab past the last control comes back to the first, and Shift+Tab before
 * the first to the last: the browser alone would let the focus leave the
 * page for its own toolbar.
 */
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) {
    return
  }
  const dialog = event.currentTarget
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (control) => control.getClientRects().length > 0,
  )
  const first = controls[0]
  const last = controls.at(-1)
  if (!first || !last) return
  const active = document.activeElement
  if (event.shiftKey && (active === first || active === dialog)) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && active === last) {
    event.preventDefault()
    first.focus()
  }
}

/**
 * The native modal <dialog>: the browser makes the page behind inert and
 * returns focus to where it was on close; Escape, the close button and the
 * backdrop ask the owner to close it; Tab and Shift+Tab cycle through the
 * dialog's own controls.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descriptionId = useId()

  // After every render, not only when `open` changes: a dialog the browser
  // closed against the owner's wish (see `onClose` below) opens again.
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  })

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // Escape asks the owner at once, and the owner closes the dialog. The
      // browser's own close would send its `close` event a task later (up to
      // 100 ms in practice): the owner would still think the dialog open, and
      // a quick Enter on the button that opens it would do nothing.
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      // A close the owner did not ask for: one the browser forces, as on a
      // second Escape. The event comes late: by then the owner may have
      // closed it already, or opened it again. (The handler is the last
      // committed render's, so `open` is what the owner asks for now.)
      onClose={(event) => {
        if (open && !event.currentTarget.open) onClose()
      }}
      onKeyDown={keepFocusInside}
      onClick={(event) => {
        // The dialog element itself is only hit on the backdrop.
        if (event.target === event.currentTarget) onClose()
      }}
      // In a portal's frame, as tall as its content, the middle may be out
      // of sight: dialogs open near the top, where the actions are.
      className="m-auto w-[min(28rem,calc(100vw-2rem))] in-data-embed:mt-16 rounded-xl bg-white p-0 text-zinc-900 shadow-2xl ring-1 ring-zinc-950/10 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-white/10"
    >
      <div className="p-5">
        <div className="flex items-start justify-between gap-4">
          <div>
            <h2 id={titleId} className="text-sm font-semibold">
              {title}
            </h2>
            {description ? (
              <p
                id={descriptionId}
                className="mt-1 text-[13px] text-zinc-500 dark:text-zinc-400"
              >
                {description}
              </p>
            ) : null}
          </div>
          <Button
            variant="ghost"
            size="icon"
            aria-label="Close"
            className="-mt-1.5 -mr-1.5"
            onClick={onClose}
          >
            <CloseIcon />
          </Button>
        </div>
        <div className="mt-4">{children}</div>
      </div>
    </dialog>
  )
}
