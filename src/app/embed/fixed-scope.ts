import type { FixedFilters } from '../../features/connected-accounts/lib/fixed-filters'
import {
  type AccountsQuery,
  type AccountsViewState,
  withQuery,
} from '../../features/connected-accounts/lib/url-state'

/**
 * The view with every field the scope fixes left to the scope: the address
 * may not name another customer, and a metadata condition on a fixed key is
 * dropped. Returns the same object when the view already respects the scope.
 */
export function withoutFixedFields(
  view: AccountsViewState,
  fixed: FixedFilters,
): AccountsViewState {
  const fixedKeys = new Set((fixed.metadata ?? []).map((pair) => pair.key))
  const change: Partial<AccountsQuery> = {}
  if (fixed.customerKey && view.customerKey !== '') change.customerKey = ''
  if (fixed.customerIds?.length && view.customerIds.length > 0)
    change.customerIds = []
  if (fixed.userIdentifierKey && view.userIdentifierKey !== '')
    change.userIdentifierKey = ''
  if (view.metadata.some((pair) => fixedKeys.has(pair.key)))
    change.metadata = view.metadata.filter((pair) => !fixedKeys.has(pair.key))
  return Object.keys(change).length > 0 ? withQuery(view, change) : view
}
