import type { ConnectedAccount } from '@seamapi/types/connect'
import {
  dehydrate,
  type DehydratedState,
  QueryClient,
} from '@tanstack/react-query'

import type { MeResponse } from '../../server/auth/principal'
import { authKeys } from '../features/auth/api/keys'
import { connectedAccountKeys } from '../features/connected-accounts/api/keys'

/** The `<script type="application/json">` holding what the server read. */
export const PAGE_DATA_ID = 'page-data'

/**
 * An account's page as the server read it: the account and, when known, who
 * is reading it. The app's cache starts from this, so its first render draws
 * the same page the server did, without asking again.
 */
export function accountPageData(
  account: ConnectedAccount,
  me: MeResponse | null,
  updatedAt: number,
): DehydratedState {
  const client = new QueryClient()
  client.setQueryData(
    connectedAccountKeys.detail({
      connected_account_id: account.connected_account_id,
    }),
    account,
    { updatedAt },
  )
  if (me) client.setQueryData(authKeys.me(), me, { updatedAt })
  return dehydrate(client)
}

/**
 * The data as the text of a script element: `<` and the like are escaped, so
 * no value (an account's name, its metadata) can end the element or open
 * markup.
 */
export function serializePageData(state: DehydratedState): string {
  return JSON.stringify(state).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

function isDehydratedState(value: unknown): value is DehydratedState {
  if (typeof value !== 'object' || value === null) return false
  const { queries, mutations } = value as Record<string, unknown>
  return Array.isArray(queries) && Array.isArray(mutations)
}

/** What the server read for this page, or null (none, or not readable). */
export function readPageData(document: Document): DehydratedState | null {
  const text = document.getElementById(PAGE_DATA_ID)?.textContent
  if (!text) return null
  try {
    const state: unknown = JSON.parse(text)
    return isDehydratedState(state) ? state : null
  } catch {
    return null
  }
}
