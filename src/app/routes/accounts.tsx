import type { ConnectedAccount } from '@seamapi/types/connect'
import { useCallback, useEffect, useMemo } from 'react'
import { useLocation, useSearchParams } from 'react-router'

import {
  ConnectedAccountsScreen,
  type ViewChangeOptions,
} from '../../features/connected-accounts/components/accounts-screen'
import {
  type AccountsViewState,
  parseViewState,
  serializeViewState,
} from '../../features/connected-accounts/lib/url-state'
import { withoutFixedFields } from '../embed/fixed-scope'
import { useEmbedding } from '../embedding'
import { usePaths } from '../paths'

/** What a detail page needs to lead back to the same list view. */
export interface AccountLinkState {
  listSearch: string
}

export function AccountsRoute() {
  const [searchParams, setSearchParams] = useSearchParams()
  const { search } = useLocation()
  const paths = usePaths()
  const fixedFilters = useEmbedding()?.fixedFilters
  const parsed = useMemo(() => parseViewState(searchParams), [searchParams])
  // Inside a portal the session's scope decides those filters, whatever the
  // address says.
  const view = useMemo(
    () => (fixedFilters ? withoutFixedFields(parsed, fixedFilters) : parsed),
    [parsed, fixedFilters],
  )

  useEffect(() => {
    if (view === parsed) return
    setSearchParams(serializeViewState(view), {
      replace: true,
      preventScrollReset: true,
    })
  }, [view, parsed, setSearchParams])

  const onViewChange = useCallback(
    (next: AccountsViewState, options: ViewChangeOptions = {}) => {
      setSearchParams(serializeViewState(next), {
        replace: options.replace ?? false,
        preventScrollReset: options.keepScroll ?? false,
      })
    },
    [setSearchParams],
  )

  const accountLink = useCallback(
    (account: ConnectedAccount) => ({
      to: paths.account(account.connected_account_id),
      state: { listSearch: search } satisfies AccountLinkState,
    }),
    [paths, search],
  )

  return (
    <>
      <title>Accounts · Seam Accounts Console</title>
      <ConnectedAccountsScreen
        view={view}
        onViewChange={onViewChange}
        accountLink={accountLink}
        fixedFilters={fixedFilters}
      />
    </>
  )
}
