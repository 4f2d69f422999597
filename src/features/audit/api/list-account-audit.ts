import { queryOptions, useQuery } from '@tanstack/react-query'

import type { AuditListResponse } from '../../../../server/audit/model'
import { apiGet, type ApiRequestOptions } from '../../../lib/api-client'
import { auditKeys } from './keys'

/** How many of an account's changes its detail page shows. */
export const RECENT_CHANGES_LIMIT = 10

export interface ListAccountAuditParams {
  connected_account_id: string
  limit: number
}

export function listAccountAudit(
  { connected_account_id, limit }: ListAccountAuditParams,
  options?: ApiRequestOptions,
): Promise<AuditListResponse> {
  return apiGet<AuditListResponse>(
    `audit/account/${encodeURIComponent(connected_account_id)}`,
    { ...options, query: { limit } },
  )
}

export const accountAuditQueryOptions = (params: ListAccountAuditParams) =>
  queryOptions({
    queryKey: auditKeys.account(params),
    queryFn: ({ signal }) => listAccountAudit(params, { signal }),
  })

export const useAccountAudit = (params: ListAccountAuditParams) =>
  useQuery(accountAuditQueryOptions(params))
