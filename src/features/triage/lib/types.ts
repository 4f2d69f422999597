/**
 * The wire shape of `/api/dashboard/triage`, mirrored from
 * `server/triage/model.ts` (the app does not import server code).
 */

export interface SaltoKsSiteReport {
  site_id: string
  site_name: string
  subscribed_site_user_count: number
  site_user_subscription_limit: number
}

interface ProblemFields {
  message: string
  created_at: string
  salto_ks_metadata?: { sites: SaltoKsSiteReport[] }
}

export interface TriageAccountError extends ProblemFields {
  error_code: string
}

export interface TriageAccountWarning extends ProblemFields {
  warning_code: string
}

export interface TriageAccount {
  connected_account_id: string
  display_name: string
  account_type: string
  account_type_display_name: string
  customer_key: string | null
  custom_metadata: Record<string, string | boolean>
  errors: TriageAccountError[]
  warnings: TriageAccountWarning[]
  severity: 'error' | 'warning'
  since: string | null
}

export interface ProblemCount {
  kind: 'error' | 'warning'
  code: string
  accounts: number
}

export interface SaltoKsSite extends SaltoKsSiteReport {
  usage: number | null
  connected_account_ids: string[]
}

export interface TriageTotals {
  accounts_scanned: number
  accounts_healthy: number
  accounts_with_problems: number
  accounts_with_errors: number
}

export interface TriageData {
  totals: TriageTotals
  problem_counts: ProblemCount[]
  queue: TriageAccount[]
  salto_ks_sites: SaltoKsSite[]
}

export interface TriageProgress {
  started_at: string
  pages_scanned: number
  accounts_scanned: number
  has_next_page: boolean
  estimated_total: number | null
}

export interface TriageFailure {
  type: string
  message: string
}

export interface TriageState {
  ok: true
  status: 'ready' | 'scanning' | 'error'
  generated_at: string | null
  stale: boolean
  progress: TriageProgress | null
  error: TriageFailure | null
  accounts_pending_refresh: number
  data: TriageData | null
}
