import type { ConnectedAccount, RouteRequestBody } from '@seamapi/types/connect'
import { useMutation, useQueryClient } from '@tanstack/react-query'

import { apiPost } from '../../../lib/api-client'
import type { ApiError } from '../../../lib/api-error'
import { connectedAccountKeys } from './keys'

export type UpdateConnectedAccountParams = Pick<
  RouteRequestBody<'/connected_accounts/update'>,
  'connected_account_id'
> & {
  custom_metadata?: Record<string, string | boolean>
  display_name?: string
  automatically_manage_new_devices?: boolean
}

export interface UpdateConnectedAccountResponse {
  connected_account: ConnectedAccount
}

export async function updateConnectedAccount(
  params: UpdateConnectedAccountParams,
): Promise<ConnectedAccount> {
  const body = await apiPost<UpdateConnectedAccountResponse>(
    'connected_accounts/update',
    params,
  )
  return body.connected_account
}

interface UpdateContext {
  previous: ConnectedAccount | undefined
}

/**
 * Shows the change at once, puts the previous account back if the server
 * refuses, and keeps the detail as the server returned it on success.
 * Never retried: the user decides whether to try again.
 */
export function useUpdateConnectedAccount() {
  const queryClient = useQueryClient()
  return useMutation<
    ConnectedAccount,
    ApiError,
    UpdateConnectedAccountParams,
    UpdateContext
  >({
    mutationFn: updateConnectedAccount,
    retry: false,
    onMutate: async ({ connected_account_id, ...patch }) => {
      const key = connectedAccountKeys.detail({ connected_account_id })
      await queryClient.cancelQueries({ queryKey: key, exact: true })
      const previous = queryClient.getQueryData<ConnectedAccount>(key)
      if (previous) {
        queryClient.setQueryData<ConnectedAccount>(key, {
          ...previous,
          ...patch,
        })
      }
      return { previous }
    },
    onError: (_error, { connected_account_id }, context) => {
      if (context?.previous) {
        queryClient.setQueryData(
          connectedAccountKeys.detail({ connected_account_id }),
          context.previous,
        )
      }
    },
    onSuccess: (account, { connected_account_id }) => {
      queryClient.setQueryData(
        connectedAccountKeys.detail({ connected_account_id }),
        account,
      )
    },
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: connectedAccountKeys.lists() }),
  })
}
