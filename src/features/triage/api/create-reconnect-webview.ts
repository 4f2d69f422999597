import { useMutation } from '@tanstack/react-query'

import { apiPost } from '../../../lib/api-client'
import type { TriageAccount } from '../lib/types'

export interface ReconnectWebview {
  connect_webview_id: string
  url: string
}

/**
 * A new webview's metadata would replace the account's on reconnection, so
 * it carries the account's own `custom_metadata` and `customer_key`; and it
 * offers only the account's own provider, so the owner signs in to the same
 * service rather than picking from every brand.
 */
export function reconnectWebviewBody(
  account: Pick<
    TriageAccount,
    'account_type' | 'custom_metadata' | 'customer_key'
  >,
) {
  return {
    accepted_providers: [account.account_type],
    custom_metadata: account.custom_metadata,
    ...(account.customer_key === null
      ? {}
      : { customer_key: account.customer_key }),
  }
}

export async function createReconnectWebview(account: TriageAccount) {
  const body = await apiPost<{ connect_webview: ReconnectWebview }>(
    'connect_webviews/create',
    reconnectWebviewBody(account),
  )
  return body.connect_webview
}

export function useCreateReconnectWebview() {
  return useMutation({ mutationFn: createReconnectWebview })
}
