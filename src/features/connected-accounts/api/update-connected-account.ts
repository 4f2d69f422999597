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

/** The account fields an update changes: its body keys but the ID. */
export function updatedFields(params: UpdateConnectedAccountParams): string[] {
  return Object.keys(params).filter((key) => key !== 'connected_account_id')
}

/** Told after every successful update, with the account as the server has it. */
export type OnAccountUpdated = (
  account: ConnectedAccount,
  fields: string[],
) => void

export interface UseUpdateConnectedAccountOptions {
  onUpdated?: OnAccountUpdated | undefined
}

interface UpdateContext {
  previous: ConnectedAccount | undefined
}

/**
 * Shows the change at once, puts the previous account back if the server
 * refuses, and keeps the detail as the server returned it on success.
 * Never retried: the user decides whether to try again. `onUpdated` is
 * called even when the form that started the update is gone by then.
 */
export function useUpdateConnectedAccount({
  onUpdated,
}: UseUpdateConnectedAccountOptions = {}) {
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
    onSuccess: (account, params) => {
      queryClient.setQueryData(
        connectedAccountKeys.detail({
          connected_account_id: params.connected_account_id,
        }),
        account,
      )
      onUpdated?.(account, updatedFields(params))
    },
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: connectedAccountKeys.lists() }),
  })
}
