import type { Role } from '../embed/model'

/** The state-changing calls the audit log records. */
export const AUDIT_ACTIONS = [
  'connected_accounts/update',
  'connected_accounts/sync',
  'connected_accounts/delete',
  'connected_accounts/simulate/disconnect',
  'connect_webviews/create',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** `pending` until the upstream answered; a crash in between leaves it so. */
export const AUDIT_OUTCOMES = ['pending', 'succeeded', 'failed'] as const
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number]

/** One metadata key that a change added, removed or changed. */
export interface MetadataChange {
  key: string
  change: 'added' | 'removed' | 'changed'
  old: string | boolean | null
  new: string | boolean | null
}

/** What a call changed, as far as the dashboard can tell before it is sent. */
export interface AuditChanges {
  custom_metadata?: MetadataChange[]
  /** Other fields of an update: old and new value. */
  fields?: Record<string, { old: unknown; new: unknown }>
}

/** One record, as `GET /api/audit` returns it. */
export interface AuditRecord {
  audit_id: string
  /** ISO time the call was received. */
  created_at: string
  actor: { id: string; email: string | null; name: string }
  role: Role
  via: 'dashboard' | 'embed'
  /** The portal origin, for calls from an embedded frame. */
  origin: string | null
  action: AuditAction
  connected_account_id: string | null
  changes: AuditChanges | null
  outcome: AuditOutcome
  /** Upstream HTTP status; null while pending or when no answer came. */
  upstream_status: number | null
  /** The error type of a failed call (`upstream_timeout`, `invalid_input`…). */
  error_type: string | null
  request_id: string
  /** ISO time the outcome was recorded. */
  completed_at: string | null
  /**
   * True when a stored value was too long and was cut: the cut value ends
   * with `…[+N characters]`. The server always sends it.
   */
  truncated?: boolean
}

/** `GET /api/audit` and `GET /api/audit/account/:id`. */
export interface AuditListResponse {
  ok: true
  records: AuditRecord[]
  pagination: { has_next_page: boolean; next_page_cursor: string | null }
}
