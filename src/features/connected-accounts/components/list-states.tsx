import { Button } from '../../../components/ui/button'
import { InboxIcon } from '../../../components/ui/icons'
import {
  LoadErrorState,
  type LoadErrorStateProps,
} from '../../../components/ui/load-error-state'
import { StateBox } from '../../../components/ui/state-box'
import { isApiError } from '../../../lib/api-error'
import { describeQuery, joinWords } from '../lib/describe-query'
import {
  type FixedFilters,
  fixedFiltersAsQuery,
  userFilters,
} from '../lib/fixed-filters'
import { type AccountsQuery, hasFilters } from '../lib/url-state'

/**
 * Nothing to show. Names every filter in force, the portal's fixed ones
 * marked as such, and offers to clear only what the reader set.
 */
export function EmptyState({
  query,
  fixed,
  onClear,
}: {
  query: AccountsQuery
  fixed?: FixedFilters | undefined
  onClear: () => void
}) {
  const own = userFilters(query, fixed)
  const fixedWords = describeQuery(fixedFiltersAsQuery(fixed))
  const fixedParts = fixedWords.map((part) => `${part} (fixed)`)
  if (!hasFilters(own)) {
    return (
      <StateBox icon={<InboxIcon />}>
        <h2 className="font-medium text-zinc-900 dark:text-zinc-100">
          No connected accounts yet
        </h2>
        {fixedWords.length > 0 ? (
          <p className="mt-1 break-words text-zinc-500 [overflow-wrap:anywhere] dark:text-zinc-400">
            None match the filters the portal sets: {joinWords(fixedWords)}.
          </p>
        ) : null}
        <p className="mt-1 text-zinc-500 dark:text-zinc-400">
          Accounts appear here once someone connects one through a Connect
          Webview.
        </p>
      </StateBox>
    )
  }
  return (
    <StateBox icon={<InboxIcon />}>
      <h2 className="font-medium text-zinc-900 dark:text-zinc-100">
        No accounts match
      </h2>
      <p className="mt-1 break-words text-zinc-500 [overflow-wrap:anywhere] dark:text-zinc-400">
        Nothing matches {joinWords([...fixedParts, ...describeQuery(own)])}.
      </p>
      {fixedParts.length > 0 ? (
        <p className="mt-1 text-zinc-500 dark:text-zinc-400">
          Filters marked fixed are set by the portal and stay in place.
        </p>
      ) : null}
      <Button className="mt-4" onClick={onClear}>
        Clear search and filters
      </Button>
    </StateBox>
  )
}

/** A cursor from another query or a damaged link: only starting over helps. */
export function isBadCursorError(error: Error): boolean {
  return (
    isApiError(error) &&
    (error.type === 'mismatched_page_parameters' ||
      'page_cursor' in error.fieldErrors)
  )
}

export function ErrorState(props: Omit<LoadErrorStateProps, 'title'>) {
  return <LoadErrorState title="Couldn’t load accounts" {...props} />
}
