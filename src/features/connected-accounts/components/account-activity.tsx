import type { ConnectedAccount } from '@seamapi/types/connect'

import { Button } from '../../../components/ui/button'
import { ErrorIcon } from '../../../components/ui/icons'
import { RelativeTime } from '../../../components/ui/relative-time'
import { RequestId } from '../../../components/ui/request-id'
import { Skeleton } from '../../../components/ui/skeleton'
import { cn } from '../../../lib/cn'
import { formatDateTime } from '../../../lib/format'
import { flattenEvents, useAccountEvents } from '../api/list-account-events'
import { describeEvent, eventTone } from '../lib/event-description'
import { DetailSection } from './detail-section'

const dotClass = {
  good: 'bg-emerald-500 dark:bg-emerald-400',
  bad: 'bg-red-500 dark:bg-red-400',
  neutral: 'bg-zinc-300 dark:bg-zinc-600',
} as const

export function AccountActivity({ account }: { account: ConnectedAccount }) {
  const query = useAccountEvents({
    connected_account_id: account.connected_account_id,
    created_at: account.created_at,
  })
  const events = query.data ? flattenEvents(query.data.pages) : []

  return (
    <DetailSection
      title="Activity"
      description="Connected account events, newest first."
    >
      {query.isPending ? (
        <div
          aria-busy="true"
          aria-label="Loading activity"
          className="space-y-3 py-1"
        >
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="w-3/4" />
          ))}
        </div>
      ) : query.isError && events.length === 0 ? (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-2 py-1 text-[13px]"
        >
          <ErrorIcon className="size-4 text-red-600 dark:text-red-400" />
          <span className="flex-1">
            Couldn’t load activity: {query.error.message}{' '}
            <RequestId
              error={query.error}
              className="text-xs text-zinc-500 dark:text-zinc-400"
            />
          </span>
          <Button
            size="sm"
            disabled={query.isFetching}
            onClick={() => void query.refetch()}
          >
            {query.isFetching ? 'Retrying…' : 'Retry'}
          </Button>
        </div>
      ) : events.length === 0 ? (
        <p className="py-1 text-[13px] text-zinc-500 dark:text-zinc-400">
          No activity recorded for this account.
        </p>
      ) : (
        <>
          <ol aria-label="Events" className="relative space-y-3 py-1">
            {events.map((event) => (
              <li key={event.event_id} className="flex gap-3 text-[13px]">
                <span
                  aria-hidden="true"
                  className={cn(
                    'mt-1.5 size-2 shrink-0 rounded-full',
                    dotClass[eventTone(event.event_type)],
                  )}
                />
                <div className="min-w-0 flex-1">
                  <p className="text-zinc-900 dark:text-zinc-100">
                    {describeEvent(event)}
                  </p>
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    <RelativeTime date={event.created_at} /> ·{' '}
                    {formatDateTime(event.created_at)} ·{' '}
                    <code className="font-mono text-[11px]">
                      {event.event_type}
                    </code>
                  </p>
                </div>
              </li>
            ))}
          </ol>
          {query.isFetchNextPageError ? (
            <p
              role="alert"
              className="mt-2 text-xs text-red-700 dark:text-red-300"
            >
              Couldn’t load older events: {query.error.message}
            </p>
          ) : null}
          {query.hasNextPage ? (
            <Button
              size="sm"
              className="mt-3"
              aria-disabled={query.isFetchingNextPage}
              onClick={() => {
                if (!query.isFetchingNextPage) void query.fetchNextPage()
              }}
            >
              {query.isFetchingNextPage ? 'Loading…' : 'Load older events'}
            </Button>
          ) : (
            <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
              {events.length === 1 ? 'One event' : `${events.length} events`}:
              that is all.
            </p>
          )}
        </>
      )}
    </DetailSection>
  )
}
