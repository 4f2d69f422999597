import { useEffect, useState } from 'react'

import { cn } from '../../lib/cn'
import { announce } from './announcer'
import { Button } from './button'
import { CheckIcon, CopyIcon } from './icons'

/** Copies `value`; the icon and the live region confirm it. */
export function CopyButton({
  value,
  label,
  className,
}: {
  value: string
  /** What is copied, e.g. "connected account ID". */
  label: string
  className?: string
}) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => {
      setCopied(false)
    }, 1_500)
    return () => {
      clearTimeout(timer)
    }
  }, [copied])
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={`Copy ${label}`}
      title={`Copy ${label}`}
      className={cn('size-6', className)}
      onClick={() => {
        navigator.clipboard.writeText(value).then(
          () => {
            setCopied(true)
            announce(`Copied the ${label}.`)
          },
          () => {
            announce(`Couldn’t copy the ${label}: select it and copy instead.`)
          },
        )
      }}
    >
      {copied ? (
        <CheckIcon className="size-3.5 text-emerald-600 dark:text-emerald-400" />
      ) : (
        <CopyIcon className="size-3.5" />
      )}
    </Button>
  )
}
