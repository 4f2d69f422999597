export type UsageLevel = 'ok' | 'warning' | 'over'

/** Amber from this share of the limit, as Seam's own warning. */
export const USAGE_WARNING_RATIO = 0.8

export interface SiteUsage {
  site_id: string
  site_name: string
  count: number
  limit: number
  /** Rounded down, so 99.6 % never reads as 100 % before it is. */
  percent: number
  level: UsageLevel
}

export function usageLevel(count: number, limit: number): UsageLevel {
  if (limit <= 0) return count > 0 ? 'over' : 'ok'
  if (count >= limit) return 'over'
  if (count >= limit * USAGE_WARNING_RATIO) return 'warning'
  return 'ok'
}

export function usagePercent(count: number, limit: number): number {
  if (limit <= 0) return count > 0 ? 100 : 0
  return Math.floor((count / limit) * 100)
}

interface SaltoSite {
  site_id: string
  site_name: string
  site_user_subscription_limit: number
  subscribed_site_user_count: number
}

interface WithSaltoMetadata {
  salto_ks_metadata?: { sites?: readonly SaltoSite[] } | undefined
}

const sitesOf = (problem: object): readonly SaltoSite[] =>
  'salto_ks_metadata' in problem
    ? ((problem as WithSaltoMetadata).salto_ks_metadata?.sites ?? [])
    : []

/**
 * Every Salto KS site named in any error or warning, once, with the latest
 * figures the API sent (errors first, as they are the more severe report).
 */
export function collectSiteUsage(account: {
  errors: readonly object[]
  warnings: readonly object[]
}): SiteUsage[] {
  const bySite = new Map<string, SiteUsage>()
  for (const problem of [...account.errors, ...account.warnings]) {
    for (const site of sitesOf(problem)) {
      if (bySite.has(site.site_id)) continue
      const count = site.subscribed_site_user_count
      const limit = site.site_user_subscription_limit
      bySite.set(site.site_id, {
        site_id: site.site_id,
        site_name: site.site_name,
        count,
        limit,
        percent: usagePercent(count, limit),
        level: usageLevel(count, limit),
      })
    }
  }
  return [...bySite.values()]
}
