import {
  type Ref,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
} from 'react'

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
 *
 * The box keeps its own text (it is not re-rendered on every key): a key
 * costs the page nothing but restarting the pause, so typing stays quick on
 * a slow machine. Whether it is empty (clear button or `/` hint) is CSS.
 */
export function SearchBox({ value, onSearch, ref }: SearchBoxProps) {
  const box = useRef<HTMLInputElement | null>(null)
  const pause = useRef<ReturnType<typeof setTimeout> | null>(null)
  /** The search this box sent last, until the URL shows it. */
  const sent = useRef<string | null>(null)
  const latest = useRef({ value, onSearch })
  useLayoutEffect(() => {
    latest.current = { value, onSearch }
  })

  const cancelPause = () => {
    if (pause.current !== null) clearTimeout(pause.current)
    pause.current = null
  }
  useEffect(() => cancelPause, [])

  const commit = (next: string) => {
    cancelPause()
    const trimmed = next.trim()
    if (trimmed === latest.current.value) return
    sent.current = trimmed
    latest.current.onSearch(trimmed)
  }

  // The URL changed: from this box's own search (keep typing undisturbed)
  // or from elsewhere, e.g. back/forward or "Clear" (show it, and drop a
  // search still waiting for the pause).
  useLayoutEffect(() => {
    if (value !== sent.current && box.current && box.current.value !== value) {
      cancelPause()
      box.current.value = value
    }
    sent.current = null
  }, [value])

  const setBox = useCallback(
    (node: HTMLInputElement | null) => {
      box.current = node
      if (typeof ref === 'function') ref(node)
      else if (ref) ref.current = node
    },
    [ref],
  )

  const clear = () => {
    if (box.current) box.current.value = ''
    commit('')
  }

  return (
    <div className="relative min-w-0 flex-1">
      <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400" />
      <input
        ref={setBox}
        type="search"
        aria-label="Search accounts"
        placeholder="Search accounts"
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        maxLength={1000}
        defaultValue={value}
        onChange={(event) => {
          const next = event.target.value
          cancelPause()
          pause.current = setTimeout(() => {
            commit(next)
          }, SEARCH_DEBOUNCE_MS)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            commit(event.currentTarget.value)
          } else if (event.key === 'Escape' && event.currentTarget.value) {
            event.preventDefault()
            clear()
          }
        }}
        className={cn(
          inputClassName,
          'peer h-9 pr-16 pl-8 [&::-webkit-search-cancel-button]:hidden',
        )}
      />
      <button
        type="button"
        aria-label="Clear search"
        onClick={clear}
        className="absolute top-1/2 right-2 inline-flex size-6 -translate-y-1/2 items-center justify-center rounded text-zinc-500 peer-placeholder-shown:hidden hover:bg-zinc-100 hover:text-zinc-700 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
      >
        <CloseIcon className="size-3.5" />
      </button>
      <Kbd className="absolute top-1/2 right-2 -translate-y-1/2 peer-[:not(:placeholder-shown)]:hidden max-sm:hidden">
        /
      </Kbd>
    </div>
  )
}
