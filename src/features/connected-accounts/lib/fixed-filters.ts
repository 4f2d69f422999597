import { type MetadataPair, withMetadataPair } from './metadata-filter'
import type { AccountsQuery } from './url-state'

/**
 * Filters the embedding portal sets for the reader. They apply to every list
 * request, show as locked, and cannot be removed or changed on this screen;
 * the server enforces them as well.
 */
export interface FixedFilters {
  customerKey?: string
  customerIds?: string[]
  userIdentifierKey?: string
  metadata?: MetadataPair[]
}

export type FixedFilterField = keyof FixedFilters

/** What the portal means by a fixed filter, in the words the screen uses. */
export const FIXED_FILTER_EXPLANATION =
  'Set by the portal; it can’t be changed here.'

/** The filters with blanks dropped, IDs deduplicated and one pair per key. */
export interface NormalizedFixedFilters {
  customerKey: string
  customerIds: string[]
  userIdentifierKey: string
  metadata: MetadataPair[]
}

export function normalizeFixedFilters(
  fixed: FixedFilters | undefined,
): NormalizedFixedFilters {
  let metadata: MetadataPair[] = []
  for (const pair of fixed?.metadata ?? []) {
    const key = pair.key.trim()
    if (key !== '') metadata = withMetadataPair(metadata, { ...pair, key })
  }
  return {
    customerKey: fixed?.customerKey?.trim() ?? '',
    customerIds: [
      ...new Set(
        (fixed?.customerIds ?? [])
          .map((id) => id.trim())
          .filter((id) => id !== ''),
      ),
    ],
    userIdentifierKey: fixed?.userIdentifierKey?.trim() ?? '',
    metadata,
  }
}

/** Whether the portal fixes this field (for metadata: at least one key). */
export function isFixedField(
  fixed: FixedFilters | undefined,
  field: FixedFilterField,
): boolean {
  const normalized = normalizeFixedFilters(fixed)
  switch (field) {
    case 'customerKey':
      return normalized.customerKey !== ''
    case 'customerIds':
      return normalized.customerIds.length > 0
    case 'userIdentifierKey':
      return normalized.userIdentifierKey !== ''
    case 'metadata':
      return normalized.metadata.length > 0
  }
}

/** Whether the portal fixes a metadata condition on this key. */
export function isFixedMetadataKey(
  fixed: FixedFilters | undefined,
  key: string,
): boolean {
  const trimmed = key.trim()
  return normalizeFixedFilters(fixed).metadata.some((p) => p.key === trimmed)
}

export function hasFixedFilters(fixed: FixedFilters | undefined): boolean {
  return fixedFilterCount(fixed) > 0
}

/** How many conditions the portal fixes (each customer ID and pair counts). */
export function fixedFilterCount(fixed: FixedFilters | undefined): number {
  const normalized = normalizeFixedFilters(fixed)
  return (
    (normalized.customerKey ? 1 : 0) +
    normalized.customerIds.length +
    (normalized.userIdentifierKey ? 1 : 0) +
    normalized.metadata.length
  )
}

/**
 * The view the list is fetched for: fixed values replace the reader's own on
 * the same field, and the reader's metadata conditions on a fixed key are
 * dropped, so a link can never widen what the portal allows.
 */
export function applyFixedFilters<T extends AccountsQuery>(
  view: T,
  fixed: FixedFilters | undefined,
): T {
  if (!hasFixedFilters(fixed)) return view
  const normalized = normalizeFixedFilters(fixed)
  const fixedKeys = new Set(normalized.metadata.map((pair) => pair.key))
  return {
    ...view,
    customerKey: normalized.customerKey || view.customerKey,
    customerIds:
      normalized.customerIds.length > 0
        ? normalized.customerIds
        : view.customerIds,
    userIdentifierKey: normalized.userIdentifierKey || view.userIdentifierKey,
    metadata: [
      ...normalized.metadata,
      ...view.metadata.filter((pair) => !fixedKeys.has(pair.key)),
    ],
  }
}

/**
 * The reader's own filters: what is left once the fixed ones are set aside.
 * These are the ones the screen lets them remove or clear.
 */
export function userFilters<T extends AccountsQuery>(
  view: T,
  fixed: FixedFilters | undefined,
): T {
  if (!hasFixedFilters(fixed)) return view
  const normalized = normalizeFixedFilters(fixed)
  const fixedKeys = new Set(normalized.metadata.map((pair) => pair.key))
  return {
    ...view,
    customerKey: normalized.customerKey ? '' : view.customerKey,
    customerIds: normalized.customerIds.length > 0 ? [] : view.customerIds,
    userIdentifierKey: normalized.userIdentifierKey
      ? ''
      : view.userIdentifierKey,
    metadata: view.metadata.filter((pair) => !fixedKeys.has(pair.key)),
  }
}

/** The fixed filters alone, as a query (no search), e.g. to put in words. */
export function fixedFiltersAsQuery(
  fixed: FixedFilters | undefined,
): AccountsQuery {
  return { search: '', ...normalizeFixedFilters(fixed) }
}
