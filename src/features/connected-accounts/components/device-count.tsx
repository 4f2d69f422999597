import { Button } from '../../../components/ui/button'
import { Skeleton } from '../../../components/ui/skeleton'
import { formatNumber } from '../../../lib/format'
import { useAccountDeviceCount } from '../api/list-account-devices'

/** "4 devices", "200+ devices"; loading and error in place. */
export function DeviceCount({
  connectedAccountId,
}: {
  connectedAccountId: string
}) {
  const query = useAccountDeviceCount({
    connected_account_id: connectedAccountId,
  })
  if (query.isPending) {
    return (
      <span aria-label="Counting devices" role="status">
        <Skeleton className="mt-1 w-16" />
      </span>
    )
  }
  if (query.isError) {
    return (
      <span className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-300">
        Couldn’t count devices.
        <Button
          size="sm"
          disabled={query.isFetching}
          onClick={() => void query.refetch()}
        >
          Retry
        </Button>
      </span>
    )
  }
  const { count, more } = query.data
  return (
    <span className="tabular-nums" data-testid="device-count">
      {formatNumber(count)}
      {more ? '+' : ''} {count === 1 && !more ? 'device' : 'devices'}
    </span>
  )
}
