import { queryOptions, useQuery } from '@tanstack/react-query'

import type { MeResponse } from '../../../../server/auth/principal'
import { apiGet, type ApiRequestOptions } from '../../../lib/api-client'
import { authKeys } from './keys'

export function getCurrentUser(
  options?: ApiRequestOptions,
): Promise<MeResponse> {
  return apiGet<MeResponse>('auth/me', options)
}

export const currentUserQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => getCurrentUser({ signal }),
    // A role changes with group membership, rarely within a visit; focus
    // and reconnection still check again after this.
    staleTime: 5 * 60_000,
  })

/**
 * Who is signed in, with which role. Disabled, it fetches nothing (the
 * embedded frame knows its role from its session).
 */
export const useCurrentUser = ({
  enabled = true,
}: { enabled?: boolean } = {}) =>
  useQuery({ ...currentUserQueryOptions(), enabled })
