import type { InputHTMLAttributes, LabelHTMLAttributes, Ref } from 'react'

import { cn } from '../../lib/cn'

export const inputClassName =
  'h-8 w-full min-w-0 rounded-md bg-white px-2.5 text-[13px] text-zinc-900 shadow-xs ring-1 ring-zinc-950/10 ring-inset placeholder:text-zinc-500 focus:ring-2 focus:ring-brand-500 focus:outline-none aria-invalid:ring-red-500 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-white/10 dark:placeholder:text-zinc-400 dark:focus:ring-brand-400'

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  ref?: Ref<HTMLInputElement>
}

export function Input({ className, ...props }: InputProps) {
  return <input className={cn(inputClassName, className)} {...props} />
}

export function Label({
  className,
  ...props
}: LabelHTMLAttributes<HTMLLabelElement>) {
  return (
    <label
      className={cn(
        'text-xs font-medium text-zinc-600 dark:text-zinc-400',
        className,
      )}
      {...props}
    />
  )
}
