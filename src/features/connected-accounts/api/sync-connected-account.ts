import type { ConnectedAccount } from '@seamapi/types/connect'
import { useMutation, useQueryClient } from '@tanstack/react-query'

import { apiPost } from '../../../lib/api-client'
import type { ApiError } from '../../../lib/api-error'
import { getConnectedAccount } from './get-connected-account'
import { connectedAccountKeys } from './keys'

export interface SyncConnectedAccountParams {
  connected_account_id: string
}

export async function syncConnectedAccount(
  params: SyncConnectedAccountParams,
): Promise<void> {
  await apiPost<{ ok: true }>('connected_accounts/sync', params)
}

export const SYNC_POLL_INTERVAL_MS = 500
export const SYNC_TIMEOUT_MS = 10_000

export interface SyncResult {
  before: ConnectedAccount
  after: ConnectedAccount
  /** Nothing changed before the timeout. */
  timedOut: boolean
}

const problemsOf = (account: ConnectedAccount) =>
  JSON.stringify([account.errors, account.warnings])

const wait = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms)
  })

/**
 * Seam accepts a sync at once and applies it later, so the account is read
 * again until its errors or warnings change or the timeout passes.
 */
export async function syncAndWait(
  before: ConnectedAccount,
  { intervalMs = SYNC_POLL_INTERVAL_MS, timeoutMs = SYNC_TIMEOUT_MS } = {},
): Promise<SyncResult> {
  const params = { connected_account_id: before.connected_account_id }
  await syncConnectedAccount(params)
  const deadline = Date.now() + timeoutMs
  let after = before
  while (Date.now() < deadline) {
    await wait(intervalMs)
    try {
      after = await getConnectedAccount(params)
    } catch {
      // The sync went out: a read that fails now is tried again next round
      // rather than reported as a failed sync.
      continue
    }
    if (problemsOf(after) !== problemsOf(before)) {
      return { before, after, timedOut: false }
    }
  }
  return { before, after, timedOut: true }
}

/** Sync, then write the fresh account and refresh its events and the lists. */
export function useSyncConnectedAccount() {
  const queryClient = useQueryClient()
  return useMutation<SyncResult, ApiError, ConnectedAccount>({
    mutationFn: (account) => syncAndWait(account),
    retry: false,
    onSuccess: ({ after }) => {
      const params = { connected_account_id: after.connected_account_id }
      queryClient.setQueryData(connectedAccountKeys.detail(params), after)
      void queryClient.invalidateQueries({
        queryKey: connectedAccountKeys.events(params),
      })
      void queryClient.invalidateQueries({
        queryKey: connectedAccountKeys.lists(),
      })
    },
  })
}
