import type { EmbedScope } from '../../../server/embed/model'
import type { PortalFilters } from '../../../server/embed/protocol'
import type { FixedFilters } from '../../features/connected-accounts/lib/fixed-filters'
import {
  type MetadataPair,
  withMetadataPair,
} from '../../features/connected-accounts/lib/metadata-filter'
import {
  type AccountsQuery,
  type AccountsViewState,
  isUuid,
  withQuery,
} from '../../features/connected-accounts/lib/url-state'
import { withoutFixedFields } from './fixed-scope'

const toPairs = (metadata: Record<string, string | boolean>): MetadataPair[] =>
  Object.entries(metadata).reduce<MetadataPair[]>(
    (pairs, [key, value]) => withMetadataPair(pairs, { key, value }),
    [],
  )

/** The session's scope as the accounts screen's locked filters. */
export function fixedFiltersFromScope(scope: EmbedScope): FixedFilters {
  const fixed: FixedFilters = {}
  if (scope.customer_key) fixed.customerKey = scope.customer_key
  if (scope.customer_ids && scope.customer_ids.length > 0)
    fixed.customerIds = [...scope.customer_ids]
  if (scope.user_identifier_key)
    fixed.userIdentifierKey = scope.user_identifier_key
  const pairs = toPairs(scope.custom_metadata_has ?? {})
  if (pairs.length > 0) fixed.metadata = pairs
  return fixed
}

/**
 * The view after the portal's `set-filters`: each filter it names replaces
 * the reader's, the others stay, the list starts again from its first page,
 * and the scope still wins.
 */
export function withPortalFilters(
  view: AccountsViewState,
  filters: PortalFilters,
  fixed: FixedFilters,
): AccountsViewState {
  const change: Partial<AccountsQuery> = {}
  if (filters.search !== undefined) change.search = filters.search.trim()
  if (filters.customer_key !== undefined)
    change.customerKey = filters.customer_key.trim()
  if (filters.customer_ids !== undefined)
    change.customerIds = [...new Set(filters.customer_ids.filter(isUuid))]
  if (filters.user_identifier_key !== undefined)
    change.userIdentifierKey = filters.user_identifier_key.trim()
  if (filters.custom_metadata_has !== undefined)
    change.metadata = toPairs(filters.custom_metadata_has)
  return withoutFixedFields(withQuery(view, change), fixed)
}
