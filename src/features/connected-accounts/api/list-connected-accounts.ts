import type {
  ConnectedAccount,
  Pagination,
  RouteRequestBody,
} from '@seamapi/types/connect'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'

import { apiPost, type ApiRequestOptions } from '../../../lib/api-client'
import { connectedAccountKeys } from './keys'

/**
 * The published route types predate `customer_ids`, which the API reference
 * documents and the sandbox accepts.
 */
export type ListConnectedAccountsParams =
  RouteRequestBody<'/connected_accounts/list'> & {
    customer_ids?: string[]
  }

export interface ListConnectedAccountsResponse {
  connected_accounts: ConnectedAccount[]
  pagination: Pagination
}

/** Data on screen is refreshed this often while the tab is visible. */
export const LIST_REFETCH_INTERVAL_MS = 60_000

export function listConnectedAccounts(
  params: ListConnectedAccountsParams,
  options?: ApiRequestOptions,
): Promise<ListConnectedAccountsResponse> {
  return apiPost<ListConnectedAccountsResponse>(
    'connected_accounts/list',
    params,
    options,
  )
}

export const listConnectedAccountsQueryOptions = (
  params: ListConnectedAccountsParams,
) =>
  queryOptions({
    queryKey: connectedAccountKeys.list(params),
    queryFn: ({ signal }) => listConnectedAccounts(params, { signal }),
  })

export function useListConnectedAccounts(params: ListConnectedAccountsParams) {
  return useQuery({
    ...listConnectedAccountsQueryOptions(params),
    // Paging and filtering keep the current rows up until the next ones land.
    placeholderData: keepPreviousData,
    refetchInterval: LIST_REFETCH_INTERVAL_MS,
  })
}
