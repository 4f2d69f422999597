import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'

import { TriageScreen } from '../../features/triage/components/triage-screen'
import type { TriageAccount } from '../../features/triage/lib/types'
import {
  parseTriageView,
  serializeTriageView,
  type TriageView,
} from '../../features/triage/lib/view-state'
import { usePaths } from '../paths'
import { usePagePermissions } from '../use-page-permissions'

export function TriageRoute() {
  const [searchParams, setSearchParams] = useSearchParams()
  const view = useMemo(() => parseTriageView(searchParams), [searchParams])
  const paths = usePaths()
  const permissions = usePagePermissions().triage

  const onViewChange = useCallback(
    (next: TriageView, options: { replace?: boolean } = {}) => {
      setSearchParams(serializeTriageView(next), {
        replace: options.replace ?? false,
        preventScrollReset: true,
      })
    },
    [setSearchParams],
  )

  const accountLink = useCallback(
    (account: TriageAccount) => paths.account(account.connected_account_id),
    [paths],
  )

  return (
    <>
      <title>Triage · Seam Accounts Console</title>
      <TriageScreen
        view={view}
        onViewChange={onViewChange}
        accountLink={accountLink}
        permissions={permissions}
      />
    </>
  )
}

/** For the router's `lazy`: this page is its own chunk. */
export { TriageRoute as Component }
