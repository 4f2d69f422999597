import { announce } from '../../../components/ui/announcer'
import { CopyButton } from '../../../components/ui/copy-button'
import {
  DisabledReason,
  usePermissionGuard,
} from '../../../components/ui/guarded-button'
import { LockIcon } from '../../../components/ui/icons'
import { cn } from '../../../lib/cn'
import type { Permission } from '../../../lib/permissions'
import { useCreateReconnectWebview } from '../api/create-reconnect-webview'
import type { TriageAccount } from '../lib/types'

/**
 * Creates a Connect Webview link to send to the customer, with a copy button.
 * A role that may not reconnect sees the button disabled, with the reason.
 */
export function ReconnectLink({
  account,
  permission,
}: {
  account: TriageAccount
  /** Creating reconnect links; undefined allows it. */
  permission?: Permission | undefined
}) {
  const create = useCreateReconnectWebview()
  const guard = usePermissionGuard(permission)
  const name = account.display_name || account.connected_account_id

  if (create.data) {
    const id = `reconnect-${account.connected_account_id}`
    return (
      <div className="mt-1.5 flex min-w-0 items-center gap-1">
        <label htmlFor={id} className="sr-only">
          Reconnect link for {name}
        </label>
        <input
          id={id}
          readOnly
          value={create.data.url}
          onFocus={(event) => {
            event.currentTarget.select()
          }}
          className="h-6 min-w-0 flex-1 rounded bg-zinc-50 px-1.5 font-mono text-[11px] text-zinc-700 ring-1 ring-zinc-950/10 ring-inset dark:bg-zinc-800 dark:text-zinc-300 dark:ring-white/10"
        />
        <CopyButton value={create.data.url} label="reconnect link" />
      </div>
    )
  }
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2">
      <DisabledReason guard={guard} align="start">
        <button
          type="button"
          aria-label={`Create reconnect link for ${name}`}
          aria-disabled={guard.blocked || undefined}
          aria-describedby={guard.reasonId}
          disabled={create.isPending}
          onClick={() => {
            if (guard.reason !== null) {
              announce(guard.reason)
              return
            }
            create.mutate(account)
          }}
          className={cn(
            'inline-flex items-center gap-1 rounded-sm text-xs font-medium text-brand-700 hover:text-brand-800 hover:underline disabled:opacity-60 dark:text-brand-300 dark:hover:text-brand-200',
            guard.blocked &&
              'cursor-not-allowed opacity-45 hover:text-brand-700 hover:no-underline dark:hover:text-brand-300',
          )}
        >
          {create.isPending ? 'Creating link…' : 'Reconnect link'}
          {guard.blocked ? <LockIcon className="size-3 shrink-0" /> : null}
        </button>
      </DisabledReason>
      {create.isError ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {create.error.message}
        </span>
      ) : null}
    </div>
  )
}
