import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'

import type {
  AuditAction,
  AuditListResponse,
  AuditOutcome,
} from '../../../../server/audit/model'
import { apiGet, type ApiRequestOptions } from '../../../lib/api-client'
import { auditKeys } from './keys'

/** The filters of `GET /api/audit`, shared with its CSV export. */
export interface AuditQuery {
  actor?: string
  connected_account_id?: string
  action?: AuditAction
  outcome?: AuditOutcome
  /** ISO 8601, inclusive. */
  from?: string
  /** ISO 8601, inclusive. */
  to?: string
}

export interface ListAuditParams extends AuditQuery {
  limit: number
  cursor?: string
}

export function listAudit(
  params: ListAuditParams,
  options?: ApiRequestOptions,
): Promise<AuditListResponse> {
  return apiGet<AuditListResponse>('audit', {
    ...options,
    query: { ...params },
  })
}

export const listAuditQueryOptions = (params: ListAuditParams) =>
  queryOptions({
    queryKey: auditKeys.list(params),
    queryFn: ({ signal }) => listAudit(params, { signal }),
    // The rows on screen stay while another page or filter loads.
    placeholderData: keepPreviousData,
  })

export const useListAudit = (params: ListAuditParams) =>
  useQuery(listAuditQueryOptions(params))
