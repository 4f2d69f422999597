import { apiPost, type ApiRequestOptions } from '../../../lib/api-client'

/** Asks the provider for fresh data; the result arrives later. */
export function syncAccount(
  connectedAccountId: string,
  options: ApiRequestOptions = {},
) {
  return apiPost<{ ok: true }>(
    'connected_accounts/sync',
    { connected_account_id: connectedAccountId },
    options,
  )
}
