import { type ReactNode, useId, useState } from 'react'

import { cn } from '../../lib/cn'
import type { Permission } from '../../lib/permissions'
import { announce } from './announcer'
import { Button, type ButtonProps } from './button'
import { LockIcon } from './icons'

export interface PermissionGuard {
  /** The action is not open to the reader's role. */
  blocked: boolean
  /** Why not, in words; null when allowed. */
  reason: string | null
  /** The id of the element holding the reason, for `aria-describedby`. */
  reasonId: string | undefined
}

/** Undefined permission means allowed, as in the standalone dashboard. */
export function usePermissionGuard(
  permission: Permission | undefined,
): PermissionGuard {
  const id = useId()
  const reason =
    permission !== undefined && !permission.allowed ? permission.reason : null
  return {
    blocked: reason !== null,
    reason,
    reasonId: reason === null ? undefined : id,
  }
}

/** Joins `aria-describedby` ids, leaving out missing ones. */
export function describedBy(
  ...ids: (string | undefined)[]
): string | undefined {
  const joined = ids.filter((id) => id !== undefined && id !== '').join(' ')
  return joined === '' ? undefined : joined
}

/**
 * Wraps a control the reader's role may not use. The reason shows as a
 * tooltip while the control is hovered or focused (Escape hides it) and is
 * the control's description for assistive tech through `aria-describedby`.
 * The wrapper is there in every case, so a change of role does not remount
 * the control and lose its focus.
 */
export function DisabledReason({
  guard,
  align = 'end',
  className,
  children,
}: {
  guard: PermissionGuard
  /** Which edge of the control the tooltip lines up with. */
  align?: 'start' | 'end'
  className?: string
  children: ReactNode
}) {
  const [open, setOpen] = useState(false)
  return (
    <span
      className={cn('relative inline-flex', className)}
      onMouseEnter={() => {
        setOpen(true)
      }}
      onMouseLeave={() => {
        setOpen(false)
      }}
      onFocus={() => {
        setOpen(true)
      }}
      onBlur={() => {
        setOpen(false)
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open && guard.blocked) {
          event.stopPropagation()
          setOpen(false)
        }
      }}
    >
      {children}
      {guard.reason !== null ? (
        <span
          role="tooltip"
          id={guard.reasonId}
          hidden={!open}
          className={cn(
            'pointer-events-none absolute top-full z-30 mt-1.5 w-max max-w-64 rounded-md bg-zinc-900 px-2 py-1 text-left text-xs font-normal whitespace-normal text-white shadow-lg dark:bg-zinc-100 dark:text-zinc-900',
            align === 'end' ? 'right-0' : 'left-0',
          )}
        >
          {guard.reason}
        </span>
      ) : null}
    </span>
  )
}

export interface GuardedButtonProps extends ButtonProps {
  /** Undefined or allowed: an ordinary button. */
  permission?: Permission | undefined
  tooltipAlign?: 'start' | 'end'
}

/**
 * A button for an action the reader's role may lack. Not allowed, it stays
 * in place and focusable but inert (`aria-disabled`), looks disabled, carries
 * a lock, and gives its reason on hover, on focus and to screen readers; a
 * click only repeats the reason.
 */
export function GuardedButton({
  permission,
  tooltipAlign,
  onClick,
  className,
  children,
  'aria-describedby': ariaDescribedBy,
  'aria-disabled': ariaDisabled,
  disabled,
  ...props
}: GuardedButtonProps) {
  const guard = usePermissionGuard(permission)
  return (
    <DisabledReason guard={guard} align={tooltipAlign ?? 'end'}>
      <Button
        {...props}
        // Blocked wins over disabled: a disabled button cannot take focus,
        // and the reason must be reachable from the keyboard.
        disabled={guard.blocked ? false : disabled}
        aria-disabled={guard.blocked ? true : ariaDisabled}
        aria-describedby={describedBy(ariaDescribedBy, guard.reasonId)}
        className={cn(
          className,
          guard.blocked && 'cursor-not-allowed opacity-45',
        )}
        onClick={(event) => {
          if (guard.reason !== null) {
            // Also stops a submit button from sending its form.
            event.preventDefault()
            announce(guard.reason)
            return
          }
          onClick?.(event)
        }}
      >
        {children}
        {guard.blocked ? <LockIcon className="size-3 shrink-0" /> : null}
      </Button>
    </DisabledReason>
  )
}
