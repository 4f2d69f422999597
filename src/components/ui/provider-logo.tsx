import { useState } from 'react'

import { cn } from '../../lib/cn'

/** Logos that failed once in this page load: no second request per row. */
const brokenLogos = new Set<string>()

const graphemes = (text: string): string[] =>
  Array.from(new Intl.Segmenter().segment(text), (part) => part.segment)

/** "Salto KS" -> "SK", "August" -> "Au", like the logos themselves. */
export function providerInitials(name: string): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '')
  const [first = '', second] = words
  if (second !== undefined) {
    const initials = `${graphemes(first)[0] ?? ''}${graphemes(second)[0] ?? ''}`
    return initials.toUpperCase()
  }
  const [a = '', b = ''] = graphemes(first)
  return `${a.toUpperCase()}${b.toLowerCase()}` || '?'
}

export function ProviderLogo({
  accountType,
  displayName,
  className,
}: {
  accountType: string | undefined
  displayName: string
  className?: string
}) {
  // Local files only: the API's image_url points elsewhere, and the CSP
  // allows images from this origin alone.
  const src = accountType
    ? `/provider-logos/${encodeURIComponent(accountType)}.svg`
    : null
  const [failedSrc, setFailedSrc] = useState<string | null>(null)
  const broken = src === null || src === failedSrc || brokenLogos.has(src)
  const box = cn('size-5 shrink-0 rounded-[5px]', className)

  if (broken) {
    return (
      <span
        aria-hidden="true"
        data-testid="provider-initials"
        className={cn(
          box,
          'inline-flex items-center justify-center bg-zinc-200 text-[9px] font-semibold text-zinc-600 dark:bg-zinc-700 dark:text-zinc-200',
        )}
      >
        {providerInitials(displayName)}
      </span>
    )
  }
  return (
    <img
      src={src}
      alt=""
      width={20}
      height={20}
      decoding="async"
      className={box}
      onError={() => {
        brokenLogos.add(src)
        setFailedSrc(src)
      }}
    />
  )
}
