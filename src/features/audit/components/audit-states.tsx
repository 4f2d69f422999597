import { Button } from '../../../components/ui/button'
import { InboxIcon, LockIcon } from '../../../components/ui/icons'
import {
  LoadErrorState,
  type LoadErrorStateProps,
} from '../../../components/ui/load-error-state'
import { StateBox } from '../../../components/ui/state-box'
import { type ApiError, isApiError } from '../../../lib/api-error'

/** The API refused this to the reader's role (403 `forbidden`). */
export function isForbidden(error: Error | null): error is ApiError {
  return isApiError(error) && error.status === 403
}

/** A non-admin's view of the page: what they may not see, and the server's word. */
export function ForbiddenState({ error }: { error: Error }) {
  return (
    <StateBox icon={<LockIcon className="size-4" />}>
      <h2 className="font-medium text-zinc-900 dark:text-zinc-100">
        Only admins can see the audit log
      </h2>
      <p className="mt-1 break-words text-zinc-500 [overflow-wrap:anywhere] dark:text-zinc-400">
        {error.message}
      </p>
      <p className="mt-1 text-zinc-500 dark:text-zinc-400">
        Ask an admin of this dashboard if you need a record of changes.
      </p>
    </StateBox>
  )
}

export function AuditEmptyState({
  filtered,
  onClear,
}: {
  filtered: boolean
  onClear: () => void
}) {
  if (!filtered) {
    return (
      <StateBox icon={<InboxIcon />}>
        <h2 className="font-medium text-zinc-900 dark:text-zinc-100">
          No changes recorded yet
        </h2>
        <p className="mt-1 text-zinc-500 dark:text-zinc-400">
          Every edit, sync, deletion and reconnect link made through this
          dashboard appears here.
        </p>
      </StateBox>
    )
  }
  return (
    <StateBox icon={<InboxIcon />}>
      <h2 className="font-medium text-zinc-900 dark:text-zinc-100">
        No records match these filters
      </h2>
      <Button className="mt-4" onClick={onClear}>
        Clear filters
      </Button>
    </StateBox>
  )
}

export function AuditErrorState(props: Omit<LoadErrorStateProps, 'title'>) {
  return <LoadErrorState title="Couldn’t load the audit log" {...props} />
}
