import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'

import { TriageScreen } from '../../features/triage/components/triage-screen'
import type { TriageAccount } from '../../features/triage/lib/types'
import {
  parseTriageView,
  serializeTriageView,
  type TriageView,
} from '../../features/triage/lib/view-state'
import { useEmbedding } from '../embedding'
import { usePaths } from '../paths'

export function TriageRoute() {
  const [searchParams, setSearchParams] = useSearchParams()
  const view = useMemo(() => parseTriageView(searchParams), [searchParams])
  const paths = usePaths()
  const permissions = useEmbedding()?.triagePermissions

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
