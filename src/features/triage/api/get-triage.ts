import { queryOptions, useQuery } from '@tanstack/react-query'

import { apiGet, type ApiRequestOptions } from '../../../lib/api-client'
import type { TriageState } from '../lib/types'
import { triageKeys } from './keys'

export function getTriage(options: ApiRequestOptions = {}) {
  return apiGet<TriageState>('dashboard/triage', options)
}

/** A scan is running or changed accounts wait to be re-read: ask again soon. */
export function isTriageSettling(state: TriageState | undefined): boolean {
  if (!state) return false
  return (
    state.status === 'scanning' ||
    state.progress !== null ||
    state.accounts_pending_refresh > 0
  )
}

export const TRIAGE_POLL_MS = 1_000

export function triageQueryOptions() {
  return queryOptions({
    queryKey: triageKeys.all,
    queryFn: ({ signal }) => getTriage({ signal }),
    refetchInterval: (query) =>
      isTriageSettling(query.state.data) ? TRIAGE_POLL_MS : false,
  })
}

export function useTriage() {
  return useQuery(triageQueryOptions())
}
