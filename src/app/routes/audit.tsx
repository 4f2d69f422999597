import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'

import { AuditScreen } from '../../features/audit/components/audit-screen'
import {
  type AuditView,
  parseAuditView,
  serializeAuditView,
} from '../../features/audit/lib/view-state'
import { paths } from '../paths'

export function AuditRoute() {
  const [searchParams, setSearchParams] = useSearchParams()
  const view = useMemo(() => parseAuditView(searchParams), [searchParams])

  const onViewChange = useCallback(
    (next: AuditView, options: { replace?: boolean } = {}) => {
      setSearchParams(serializeAuditView(next), {
        replace: options.replace ?? false,
        preventScrollReset: true,
      })
    },
    [setSearchParams],
  )

  return (
    <>
      <title>Audit log · Seam Accounts Console</title>
      <AuditScreen
        view={view}
        onViewChange={onViewChange}
        accountLink={paths.account}
      />
    </>
  )
}

/** For the router's `lazy`: the audit log is its own chunk. */
export { AuditRoute as Component }
