import { useEffect, useRef } from 'react'

import { announce } from '../../../components/ui/announcer'

/** What a screen reader hears once a new search or filter has its results. */
export function describeResults(count: number, hasMore: boolean): string {
  if (count === 0) return 'No accounts match.'
  const accounts = `${count} ${count === 1 ? 'account' : 'accounts'}`
  return hasMore
    ? `${accounts} on this page; more on the next pages.`
    : `${accounts} found.`
}

/**
 * Announces the results of each new search or set of filters (`queryKey`)
 * once they have loaded (`count` is null until then). The page's first load
 * is not announced: the reader did not ask for anything yet.
 */
export function useResultsAnnouncement({
  queryKey,
  count,
  hasMore,
}: {
  queryKey: string
  count: number | null
  hasMore: boolean
}) {
  const announced = useRef<string | null>(null)
  useEffect(() => {
    if (count === null || announced.current === queryKey) return
    const first = announced.current === null
    announced.current = queryKey
    if (!first) announce(describeResults(count, hasMore))
  }, [queryKey, count, hasMore])
}
