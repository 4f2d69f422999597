import { withQueryString } from '../../../lib/api-client'
import type { AuditQuery } from './list-audit'

/**
 * `GET /api/audit/export.csv` with the log's filters: every matching record,
 * not only the page on screen. A plain link, so the browser downloads it.
 */
export function auditExportUrl(query: AuditQuery): string {
  return `/${withQueryString('api/audit/export.csv', { ...query })}`
}
