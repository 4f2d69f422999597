import type {
  ProblemCount,
  SaltoKsSite,
  SaltoKsSiteReport,
  TriageAccount,
  TriageData,
} from './model'

const timeOf = (at: string | null): number => {
  const ms = at === null ? Number.NaN : Date.parse(at)
  // An account whose problems carry no date goes after the dated ones.
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms
}

/** Errors before warnings only; then the longest-lasting problem first. */
function sortQueue(accounts: Iterable<TriageAccount>): TriageAccount[] {
  const keyed = Array.from(accounts, (account) => ({
    account,
    rank: account.severity === 'error' ? 0 : 1,
    since: timeOf(account.since),
  }))
  keyed.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.since - b.since ||
      (a.account.connected_account_id < b.account.connected_account_id
        ? -1
        : a.account.connected_account_id > b.account.connected_account_id
          ? 1
          : 0),
  )
  return keyed.map((entry) => entry.account)
}

function countProblems(queue: readonly TriageAccount[]): ProblemCount[] {
  const counts = new Map<string, ProblemCount>()
  const add = (kind: ProblemCount['kind'], codes: Iterable<string>) => {
    for (const code of new Set(codes)) {
      const key = `${kind} ${code}`
      const count = counts.get(key)
      if (count) count.accounts += 1
      else counts.set(key, { kind, code, accounts: 1 })
    }
  }
  for (const account of queue) {
    add(
      'error',
      account.errors.map((e) => e.error_code),
    )
    add(
      'warning',
      account.warnings.map((w) => w.warning_code),
    )
  }
  return [...counts.values()].sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'error' ? -1 : 1) ||
      b.accounts - a.accounts ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  )
}

const usageOf = (site: SaltoKsSiteReport): number | null =>
  site.site_user_subscription_limit > 0
    ? site.subscribed_site_user_count / site.site_user_subscription_limit
    : null

function collectSites(queue: readonly TriageAccount[]): SaltoKsSite[] {
  const sites = new Map<
    string,
    { report: SaltoKsSiteReport; reportedAt: number; accounts: Set<string> }
  >()
  for (const account of queue) {
    for (const problem of [...account.errors, ...account.warnings]) {
      // An undated report loses to any dated one.
      const parsed = Date.parse(problem.created_at)
      const reportedAt = Number.isNaN(parsed)
        ? Number.NEGATIVE_INFINITY
        : parsed
      for (const report of problem.salto_ks_metadata?.sites ?? []) {
        const known = sites.get(report.site_id)
        if (!known) {
          sites.set(report.site_id, {
            report,
            reportedAt,
            accounts: new Set([account.connected_account_id]),
          })
          continue
        }
        known.accounts.add(account.connected_account_id)
        // Accounts can report one site at different times: the latest wins.
        if (reportedAt > known.reportedAt) {
          known.report = report
          known.reportedAt = reportedAt
        }
      }
    }
  }
  return [...sites.values()]
    .map(({ report, accounts }): SaltoKsSite => ({
      site_id: report.site_id,
      site_name: report.site_name,
      subscribed_site_user_count: report.subscribed_site_user_count,
      site_user_subscription_limit: report.site_user_subscription_limit,
      usage: usageOf(report),
      connected_account_ids: [...accounts],
    }))
    .sort(
      (a, b) =>
        (b.usage ?? -1) - (a.usage ?? -1) ||
        (a.site_name < b.site_name ? -1 : a.site_name > b.site_name ? 1 : 0),
    )
}

/** The triage model of a workspace from its accounts with problems. */
export function buildTriageData(
  problemAccounts: Iterable<TriageAccount>,
  accountsScanned: number,
): TriageData {
  const queue = sortQueue(problemAccounts)
  const withErrors = queue.filter((a) => a.severity === 'error').length
  return {
    totals: {
      accounts_scanned: accountsScanned,
      accounts_healthy: Math.max(0, accountsScanned - queue.length),
      accounts_with_problems: queue.length,
      accounts_with_errors: withErrors,
    },
    problem_counts: countProblems(queue),
    queue,
    salto_ks_sites: collectSites(queue),
  }
}
