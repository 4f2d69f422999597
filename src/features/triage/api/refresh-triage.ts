import { useMutation, useQueryClient } from '@tanstack/react-query'

import { apiPost } from '../../../lib/api-client'
import type { TriageState } from '../lib/types'
import { triageKeys } from './keys'

/** Starts a scan, or joins the running one; answers without `data`. */
export function refreshTriage() {
  return apiPost<Omit<TriageState, 'data'>>('dashboard/triage/refresh', {})
}

export function useRefreshTriage() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: refreshTriage,
    // The next read carries the progress, which keeps the polling going.
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: triageKeys.all }),
  })
}
