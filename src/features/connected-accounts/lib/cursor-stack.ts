import type { AccountsQuery, AccountsViewState } from './url-state'

/** The accounts list's key for the cursor stack (`lib/cursor-stack`). */
export function cursorStackKey(
  state: AccountsQuery & Pick<AccountsViewState, 'pageSize'>,
): string {
  return JSON.stringify([
    state.search.trim(),
    state.customerKey,
    [...state.customerIds].sort(),
    state.userIdentifierKey,
    [...state.metadata]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((pair) => [pair.key, pair.value]),
    state.pageSize,
  ])
}
