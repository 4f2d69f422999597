import type { ConnectedAccount } from '@seamapi/types/connect'
import {
  noop,
  queryOptions,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { useCallback } from 'react'

import { apiPost, type ApiRequestOptions } from '../../../lib/api-client'
import { connectedAccountKeys } from './keys'

export interface GetConnectedAccountParams {
  connected_account_id: string
}

export interface GetConnectedAccountResponse {
  connected_account: ConnectedAccount
}

export async function getConnectedAccount(
  params: GetConnectedAccountParams,
  options?: ApiRequestOptions,
): Promise<ConnectedAccount> {
  const body = await apiPost<GetConnectedAccountResponse>(
    'connected_accounts/get',
    params,
    options,
  )
  return body.connected_account
}

export const getConnectedAccountQueryOptions = (
  params: GetConnectedAccountParams,
) =>
  queryOptions({
    queryKey: connectedAccountKeys.detail(params),
    queryFn: ({ signal }) => getConnectedAccount(params, { signal }),
  })

export const useConnectedAccount = (params: GetConnectedAccountParams) =>
  useQuery(getConnectedAccountQueryOptions(params))

/** Warms the detail query, e.g. while the pointer rests on a row. */
export function usePrefetchConnectedAccount() {
  const queryClient = useQueryClient()
  return useCallback(
    (connected_account_id: string) => {
      queryClient
        .query(getConnectedAccountQueryOptions({ connected_account_id }))
        .catch(noop)
    },
    [queryClient],
  )
}
