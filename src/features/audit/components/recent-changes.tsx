import { Link, type To } from 'react-router'

import { Button } from '../../../components/ui/button'
import { ErrorIcon, LockIcon } from '../../../components/ui/icons'
import { RelativeTime } from '../../../components/ui/relative-time'
import { Skeleton } from '../../../components/ui/skeleton'
import {
  RECENT_CHANGES_LIMIT,
  useAccountAudit,
} from '../api/list-account-audit'
import { describeChange, describeOrigin } from '../lib/summary'
import { isForbidden } from './audit-states'
import { ChangeList } from './change-list'
import { OutcomeBadge } from './outcome-badge'

export interface RecentChangesProps {
  connectedAccountId: string
  /** The audit log filtered to this account, for those who may read it. */
  allChangesLink?: To | undefined
}

/**
 * The latest changes this dashboard made to one account, newest first:
 * "Metadata changed by Dana Reyes (operator) · 2 minutes ago", with what
 * changed. A role that may not read them is told so, nothing more.
 */
export function RecentChanges({
  connectedAccountId,
  allChangesLink,
}: RecentChangesProps) {
  const query = useAccountAudit({
    connected_account_id: connectedAccountId,
    limit: RECENT_CHANGES_LIMIT,
  })

  if (query.isPending) {
    return (
      <div
        aria-busy="true"
        aria-label="Loading recent changes"
        className="space-y-3 py-1"
      >
        {Array.from({ length: 3 }, (_, index) => (
          <Skeleton key={index} className="w-3/4" />
        ))}
      </div>
    )
  }

  if (isForbidden(query.error)) {
    return (
      <p className="flex gap-2 py-1 text-[13px] text-zinc-500 dark:text-zinc-400">
        <LockIcon className="mt-0.5 size-3.5 shrink-0" />
        <span className="break-words [overflow-wrap:anywhere]">
          Your role can’t see this account’s changes. {query.error.message}
        </span>
      </p>
    )
  }

  if (query.isError) {
    return (
      <div
        role="alert"
        className="flex flex-wrap items-center gap-2 py-1 text-[13px]"
      >
        <ErrorIcon className="size-4 text-red-600 dark:text-red-400" />
        <span className="flex-1">
          Couldn’t load recent changes: {query.error.message}
        </span>
        <Button
          size="sm"
          disabled={query.isFetching}
          onClick={() => void query.refetch()}
        >
          {query.isFetching ? 'Retrying…' : 'Retry'}
        </Button>
      </div>
    )
  }

  const { records } = query.data
  if (records.length === 0) {
    return (
      <p className="py-1 text-[13px] text-zinc-500 dark:text-zinc-400">
        No changes recorded by this dashboard.
      </p>
    )
  }

  return (
    <>
      <ol aria-label="Recent changes" className="space-y-3 py-1">
        {records.map((record) => (
          <li key={record.audit_id} className="min-w-0 text-[13px]">
            <p className="break-words text-zinc-900 [overflow-wrap:anywhere] dark:text-zinc-100">
              {describeChange(record)} ·{' '}
              <RelativeTime
                date={record.created_at}
                className="text-zinc-500 dark:text-zinc-400"
              />
            </p>
            {record.outcome !== 'succeeded' || record.via === 'embed' ? (
              <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
                {record.outcome === 'succeeded' ? null : (
                  <OutcomeBadge record={record} />
                )}
                {record.via === 'embed' ? (
                  <span className="break-all">{describeOrigin(record)}</span>
                ) : null}
              </p>
            ) : null}
            <ChangeList changes={record.changes} className="mt-1" />
          </li>
        ))}
      </ol>
      {allChangesLink !== undefined ? (
        <Link
          to={allChangesLink}
          className="mt-3 inline-block text-xs font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
        >
          All changes to this account in the audit log
        </Link>
      ) : null}
    </>
  )
}
