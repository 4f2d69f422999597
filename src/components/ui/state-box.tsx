import type { ReactNode } from 'react'

/** A list's empty, error or refusal state: an icon over a few lines of copy. */
export function StateBox({
  icon,
  children,
  role,
}: {
  icon: ReactNode
  children: ReactNode
  role?: 'alert'
}) {
  return (
    <div
      role={role}
      className="mx-auto flex max-w-md flex-col items-center px-4 py-14 text-center text-[13px]"
    >
      <span className="mb-3 inline-flex size-9 items-center justify-center rounded-lg bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
        {icon}
      </span>
      {children}
    </div>
  )
}
