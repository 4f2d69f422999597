import { useMutation } from '@tanstack/react-query'

import { apiDownload, withQueryString } from '../../../lib/api-client'
import type { ApiError } from '../../../lib/api-error'
import { saveFile } from '../../../lib/save-file'
import type { AuditQuery } from './list-audit'

const EXPORT_ROUTE = 'audit/export.csv'

/**
 * `GET /api/audit/export.csv` with the log's filters: every matching record,
 * not only the page on screen.
 */
export function auditExportUrl(query: AuditQuery): string {
  return `/api/${withQueryString(EXPORT_ROUTE, { ...query })}`
}

/**
 * Fetches the export, then hands it to the browser under the server's name;
 * resolves with the name.
 */
export async function exportAudit(query: AuditQuery): Promise<string> {
  const { blob, filename } = await apiDownload(EXPORT_ROUTE, {
    query: { ...query },
  })
  const name = filename ?? `audit-${new Date().toISOString().slice(0, 10)}.csv`
  saveFile(name, blob)
  return name
}

/**
 * The export as a user action, so a failure shows on the page (a plain
 * download link fails out of sight). Never retried by itself; nothing to
 * record, so the log is not reloaded after it.
 */
export function useExportAudit() {
  return useMutation<string, ApiError, AuditQuery>({
    mutationFn: exportAudit,
    meta: { audited: false },
  })
}
