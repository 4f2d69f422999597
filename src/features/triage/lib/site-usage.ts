import type { SaltoKsSite } from './types'

export type UsageTone = 'ok' | 'warning' | 'over' | 'unknown'

/** Amber from 80 %, like Seam's own warning; red at or over the limit. */
export function usageTone(usage: number | null): UsageTone {
  if (usage === null) return 'unknown'
  if (usage >= 1) return 'over'
  if (usage >= 0.8) return 'warning'
  return 'ok'
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Fullest first, sites without a usable limit last: as the server orders. */
export function sortSitesByUsage(sites: readonly SaltoKsSite[]): SaltoKsSite[] {
  return [...sites].sort(
    (a, b) =>
      (b.usage ?? -1) - (a.usage ?? -1) ||
      compareText(a.site_name, b.site_name),
  )
}
