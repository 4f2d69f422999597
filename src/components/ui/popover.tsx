import {
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react'

import { cn } from '../../lib/cn'
import { buttonClassName, type ButtonProps } from './button'

export interface PopoverProps {
  /** Content of the trigger button. */
  trigger: ReactNode
  /** Accessible name of the panel. */
  label: string
  triggerProps?: Omit<ButtonProps, 'onClick' | 'children'>
  align?: 'start' | 'end'
  children: ReactNode
}

/**
 * A button that opens a small non-modal panel below it. Escape or a click
 * outside closes it; focus moves into the panel and back to the button.
 */
export function Popover({
  trigger,
  label,
  triggerProps,
  align = 'end',
  children,
}: PopoverProps) {
  const [open, setOpen] = useState(false)
  const wrapperRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const panelId = useId()

  const close = useCallback((refocus: boolean) => {
    setOpen(false)
    if (refocus) buttonRef.current?.focus()
  }, [])

  useEffect(() => {
    if (!open) return
    panelRef.current
      ?.querySelector<HTMLElement>('input, button, [tabindex]')
      ?.focus()
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapperRef.current?.contains(event.target as Node)) close(false)
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation()
        close(true)
      }
    }
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [open, close])

  const { className, variant, size, ...rest } = triggerProps ?? {}
  return (
    <div ref={wrapperRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          setOpen((value) => !value)
        }}
        className={buttonClassName({ variant, size, className })}
        {...rest}
      >
        {trigger}
      </button>
      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          role="dialog"
          aria-label={label}
          onBlur={(event) => {
            // Tabbing out of the panel closes it, like a menu.
            const next = event.relatedTarget
            if (next && !wrapperRef.current?.contains(next)) close(false)
          }}
          className={cn(
            'absolute top-full z-30 mt-1.5 min-w-52 rounded-lg bg-white p-1.5 text-[13px] shadow-lg ring-1 ring-zinc-950/10 dark:bg-zinc-900 dark:ring-white/10',
            align === 'end' ? 'right-0' : 'left-0',
          )}
        >
          {children}
        </div>
      ) : null}
    </div>
  )
}
