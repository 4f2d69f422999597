import { type Ref, useEffect, useEffectEvent, useState } from 'react'

import { CloseIcon, SearchIcon } from '../../../components/ui/icons'
import { inputClassName } from '../../../components/ui/input'
import { Kbd } from '../../../components/ui/kbd'
import { cn } from '../../../lib/cn'

export const SEARCH_DEBOUNCE_MS = 300

export interface SearchBoxProps {
  /** The search the page currently shows (from the URL). */
  value: string
  onSearch: (value: string) => void
  ref?: Ref<HTMLInputElement> | undefined
}

/**
 * Typing waits for a pause before searching; Enter searches at once and
 * Escape clears. The server searches, so a result is never limited to the
 * rows already loaded.
 */
export function SearchBox({ value, onSearch, ref }: SearchBoxProps) {
  const [draft, setDraft] = useState(value)
  const [shown, setShown] = useState(value)
  const [sent, setSent] = useState<string | null>(null)

  // The URL changed: from our own search (keep typing undisturbed) or from
  // elsewhere, e.g. back/forward or "Clear" (show it).
  if (value !== shown) {
    setShown(value)
    if (value !== sent) setDraft(value)
    setSent(null)
  }

  const commit = (next: string) => {
    const trimmed = next.trim()
    if (trimmed === value) return
    setSent(trimmed)
    onSearch(trimmed)
  }

  // The parent's callback changes identity on every render; that must not
  // restart the pause.
  const search = useEffectEvent((next: string) => {
    setSent(next)
    onSearch(next)
  })
  useEffect(() => {
    const trimmed = draft.trim()
    if (trimmed === value) return
    const timer = setTimeout(() => {
      search(trimmed)
    }, SEARCH_DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
    }
  }, [draft, value])

  return (
    <div className="relative min-w-0 flex-1">
      <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400" />
      <input
        ref={ref}
        type="search"
        aria-label="Search accounts"
        placeholder="Search accounts"
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        maxLength={1000}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            commit(draft)
          } else if (event.key === 'Escape' && draft !== '') {
            event.preventDefault()
            setDraft('')
            commit('')
          }
        }}
        className={cn(
          inputClassName,
          'h-9 pr-16 pl-8 [&::-webkit-search-cancel-button]:hidden',
        )}
      />
      <span className="absolute top-1/2 right-2 flex -translate-y-1/2 items-center gap-1">
        {draft ? (
          <button
            type="button"
            aria-label="Clear search"
            onClick={() => {
              setDraft('')
              commit('')
            }}
            className="inline-flex size-6 items-center justify-center rounded text-zinc-500 hover:bg-zinc-100 hover:text-zinc-700 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
          >
            <CloseIcon className="size-3.5" />
          </button>
        ) : (
          <Kbd className="max-sm:hidden">/</Kbd>
        )}
      </span>
    </div>
  )
}
