/*
 * Where Previous comes from on a cursor-paged list. The URL holds only the
 * current page's number and cursor, so links stay short. The cursors of the
 * pages before it live in sessionStorage, keyed by the query and page size
 * they belong to (each list builds its own key): that survives reload and
 * back/forward in the tab, and a tab opened with "open in new tab" gets a
 * copy. A link pasted into a fresh tab has no history, so the pager offers
 * "First page" there instead of a Previous it cannot honour.
 */

// Named when only the accounts list paged; kept so open tabs keep their walks.
const STORAGE_KEY = 'seam-console:accounts:cursors'
/** Enough for every walk a person does in one tab, without growing forever. */
const MAX_QUERIES = 30

type Stacks = Record<string, Record<string, string>>

export type CursorStorage = Pick<Storage, 'getItem' | 'setItem'>

function defaultStorage(): CursorStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage
  } catch {
    // Storage can be switched off; paging still works, Previous only in-page.
    return null
  }
}

function read(storage: CursorStorage): Stacks {
  try {
    const value: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}')
    return typeof value === 'object' && value !== null ? (value as Stacks) : {}
  } catch {
    return {}
  }
}

/** Records that `page` of this query starts at `cursor`. */
export function rememberCursor(
  key: string,
  page: number,
  cursor: string,
  storage: CursorStorage | null = defaultStorage(),
): void {
  if (!storage || page < 2) return
  const stacks = read(storage)
  const stack = stacks[key] ?? {}
  if (stack[page] === cursor) return
  // Re-inserting moves the query to the end: the oldest walk is dropped first.
  const kept = Object.entries(stacks)
    .filter(([other]) => other !== key)
    .slice(-(MAX_QUERIES - 1))
  const next: Stacks = Object.fromEntries([
    ...kept,
    [key, { ...stack, [page]: cursor }],
  ])
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(next))
  } catch {
    // Quota or privacy mode: Previous falls back to First page.
  }
}

/**
 * The cursor that starts `page`: null for the first page (it has none),
 * undefined when this tab never saw that page.
 */
export function cursorForPage(
  key: string,
  page: number,
  storage: CursorStorage | null = defaultStorage(),
): string | null | undefined {
  if (page <= 1) return null
  if (!storage) return undefined
  const cursor = read(storage)[key]?.[page]
  return typeof cursor === 'string' ? cursor : undefined
}
