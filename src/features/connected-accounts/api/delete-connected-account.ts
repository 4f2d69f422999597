import { useMutation, useQueryClient } from '@tanstack/react-query'

import { apiPost } from '../../../lib/api-client'
import type { ApiError } from '../../../lib/api-error'
import { connectedAccountKeys } from './keys'
import type { ListConnectedAccountsResponse } from './list-connected-accounts'

export interface DeleteConnectedAccountParams {
  connected_account_id: string
}

export async function deleteConnectedAccount(
  params: DeleteConnectedAccountParams,
): Promise<{ ok: boolean }> {
  return apiPost<{ ok: boolean }>('connected_accounts/delete', params)
}

/**
 * On success the account leaves every cached page at once (so going back to
 * the table never flashes it), its detail, events and devices are dropped,
 * and the lists refetch for the true pages.
 */
export function useDeleteConnectedAccount() {
  const queryClient = useQueryClient()
  return useMutation<{ ok: boolean }, ApiError, DeleteConnectedAccountParams>({
    mutationFn: deleteConnectedAccount,
    retry: false,
    onSuccess: async (_data, params) => {
      const { connected_account_id } = params
      await queryClient.cancelQueries({
        queryKey: connectedAccountKeys.detail(params),
      })
      queryClient.removeQueries({
        queryKey: connectedAccountKeys.detail(params),
      })
      queryClient.setQueriesData<ListConnectedAccountsResponse>(
        { queryKey: connectedAccountKeys.lists() },
        (page) =>
          page && {
            ...page,
            connected_accounts: page.connected_accounts.filter(
              (account) =>
                account.connected_account_id !== connected_account_id,
            ),
          },
      )
      void queryClient.invalidateQueries({
        queryKey: connectedAccountKeys.lists(),
      })
    },
  })
}
