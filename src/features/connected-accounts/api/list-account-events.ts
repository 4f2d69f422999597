import type { SeamEvent } from '@seamapi/types/connect'
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'

import { apiPost, type ApiRequestOptions } from '../../../lib/api-client'
import { connectedAccountKeys } from './keys'

export const EVENTS_PAGE_SIZE = 25
/** Seam requires a start; an account has no events before it existed. */
const FAR_PAST = '2000-01-01T00:00:00.000Z'

export type ListEventsParams = {
  connected_account_id: string
  limit: number
} & ({ since: string } | { between: [string, string] })

export interface ListEventsResponse {
  events: SeamEvent[]
}

export async function listEvents(
  params: ListEventsParams,
  options?: ApiRequestOptions,
): Promise<SeamEvent[]> {
  const body = await apiPost<ListEventsResponse>('events/list', params, options)
  return body.events
}

export interface AccountEventsPageParam {
  /** Load events created before this time, inclusive (duplicates dropped). */
  before: string | null
}

export interface AccountEventsPage {
  events: SeamEvent[]
  /** Where the next (older) page starts, or null at the first event. */
  next: AccountEventsPageParam | null
}

const FIRST_PAGE: AccountEventsPageParam = { before: null }

/** One millisecond later, so events sharing the boundary time are not lost. */
const justAfter = (iso: string) =>
  new Date(new Date(iso).getTime() + 1).toISOString()

export const accountEventsQueryOptions = ({
  connected_account_id,
  created_at,
}: {
  connected_account_id: string
  created_at: string | undefined
}) => {
  const since = created_at ?? FAR_PAST
  return infiniteQueryOptions({
    queryKey: [
      ...connectedAccountKeys.events({ connected_account_id }),
      { since },
    ],
    initialPageParam: FIRST_PAGE,
    queryFn: async ({ pageParam, signal }): Promise<AccountEventsPage> => {
      const range =
        pageParam.before === null
          ? { since }
          : {
              between: [since, justAfter(pageParam.before)] as [string, string],
            }
      const events = await listEvents(
        { connected_account_id, limit: EVENTS_PAGE_SIZE, ...range },
        { signal },
      )
      const oldest = events.at(-1)
      return {
        events,
        next:
          events.length === EVENTS_PAGE_SIZE && oldest
            ? { before: oldest.created_at }
            : null,
      }
    },
    getNextPageParam: (lastPage) => lastPage.next,
  })
}

export const useAccountEvents = (
  params: Parameters<typeof accountEventsQueryOptions>[0],
) => useInfiniteQuery(accountEventsQueryOptions(params))

/** Every loaded event once, newest first. */
export function flattenEvents(
  pages: readonly AccountEventsPage[],
): SeamEvent[] {
  const seen = new Set<string>()
  const events: SeamEvent[] = []
  for (const page of pages) {
    for (const event of page.events) {
      if (seen.has(event.event_id)) continue
      seen.add(event.event_id)
      events.push(event)
    }
  }
  return events
}
