/**
 * The wire shape of `/api/dashboard/triage`: snake_case like Seam's own
 * payloads, so the app reads it the same way it reads proxied ones.
 */

export interface SaltoKsSiteReport {
  site_id: string
  site_name: string
  subscribed_site_user_count: number
  site_user_subscription_limit: number
}

interface ProblemFields {
  message: string
  /** As the upstream sent it; empty when it sent none. */
  created_at: string
  salto_ks_metadata?: { sites: SaltoKsSiteReport[] }
}

/** Only what the triage page shows, so 100,000 accounts stay cheap to hold. */
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
  /** `error` when the account has any error, `warning` when only warnings. */
  severity: 'error' | 'warning'
  /** The oldest problem's `created_at`: how long the account has been failing. */
  since: string | null
}

export interface ProblemCount {
  kind: 'error' | 'warning'
  code: string
  /** Accounts reporting this code (an account counts once per code). */
  accounts: number
}

export interface SaltoKsSite extends SaltoKsSiteReport {
  /** subscribed / limit; null when the limit is not a positive number. */
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
  /** Errors first, then warnings; each by number of accounts, most first. */
  problem_counts: ProblemCount[]
  /** Accounts with errors first, then warnings only; each oldest problem first. */
  queue: TriageAccount[]
  /** Every site any problem reported, fullest first. */
  salto_ks_sites: SaltoKsSite[]
}

export interface TriageProgress {
  started_at: string
  pages_scanned: number
  accounts_scanned: number
  /** True until the upstream says the page just read was the last one. */
  has_next_page: boolean
  /**
   * How many accounts the scan will likely see: the sandbox's own count, or
   * the last complete scan's total. Seam has no count, so a first scan of a
   * Seam workspace has none.
   */
  estimated_total: number | null
}

export interface TriageFailure {
  type: string
  message: string
}

export interface TriageState {
  ok: true
  /** `ready` whenever there is data to show, even stale or being refreshed. */
  status: 'ready' | 'scanning' | 'error'
  /** When the data's scan finished. */
  generated_at: string | null
  stale: boolean
  /** The running scan, first or background; null when none runs. */
  progress: TriageProgress | null
  /** Why the last scan failed; cleared by the next one that succeeds. */
  error: TriageFailure | null
  /** Accounts changed through the dashboard whose new state is not read yet. */
  accounts_pending_refresh: number
  data: TriageData | null
}
