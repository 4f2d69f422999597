import type { GetConnectedAccountParams } from './get-connected-account'
import type { ListConnectedAccountsParams } from './list-connected-accounts'

/**
 * General to specific, shaped like the API paths, so invalidating
 * `lists()` refreshes every page and filter without touching details.
 * An account's events and devices live under its detail key, so removing or
 * invalidating the detail (delete, sync) takes them along.
 */
export const connectedAccountKeys = {
  all: ['connected_accounts'] as const,
  lists: () => [...connectedAccountKeys.all, 'list'] as const,
  list: (params: ListConnectedAccountsParams) =>
    [...connectedAccountKeys.lists(), params] as const,
  details: () => [...connectedAccountKeys.all, 'get'] as const,
  detail: (params: GetConnectedAccountParams) =>
    [...connectedAccountKeys.details(), params] as const,
  events: (params: GetConnectedAccountParams) =>
    [...connectedAccountKeys.detail(params), 'events'] as const,
  devices: (params: GetConnectedAccountParams) =>
    [...connectedAccountKeys.detail(params), 'devices'] as const,
}
