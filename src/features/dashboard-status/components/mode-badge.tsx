import { Badge } from '../../../components/ui/badge'
import { useDashboardStatus } from '../api/get-dashboard-status'

/** Says so when the data is the sandbox's, so nobody mistakes it for real. */
export function ModeBadge() {
  const { data } = useDashboardStatus()
  if (data?.mode !== 'sandbox') return null
  return (
    <Badge
      tone="amber"
      title="The dashboard runs on its embedded sandbox: generated accounts, no real devices."
    >
      <span className="sr-only">Mode: </span>
      Sandbox
    </Badge>
  )
}
