import { cn } from '../../../lib/cn'
import { sortSitesByUsage, usageTone } from '../lib/site-usage'
import type { SaltoKsSite } from '../lib/types'

const count = new Intl.NumberFormat('en')

function SiteRow({ site }: { site: SaltoKsSite }) {
  const tone = usageTone(site.usage)
  const percent = site.usage === null ? null : Math.floor(site.usage * 100)
  const limit = site.site_user_subscription_limit
  const used = site.subscribed_site_user_count
  const text =
    percent === null
      ? `${count.format(used)} users, no valid limit`
      : `${count.format(used)} of ${count.format(limit)} users (${percent} %)`
  const labelId = `site-${site.site_id}`
  return (
    <li className="flex flex-col gap-1.5 px-4 py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 text-[13px]">
        <span
          id={labelId}
          className="min-w-0 font-medium break-words text-zinc-900 dark:text-zinc-100"
        >
          <bdi>{site.site_name}</bdi>
        </span>
        <span
          className={cn(
            'text-xs tabular-nums',
            tone === 'over'
              ? 'font-medium text-red-700 dark:text-red-300'
              : tone === 'warning'
                ? 'font-medium text-amber-800 dark:text-amber-200'
                : 'text-zinc-500 dark:text-zinc-400',
          )}
        >
          {text}
          {tone === 'over' ? ' · over limit' : null}
          {tone === 'warning' ? ' · near limit' : null}
        </span>
      </div>
      <div
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={Math.max(limit, used)}
        aria-valuenow={used}
        aria-valuetext={text}
        className="h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className={cn(
            'h-full rounded-full',
            tone === 'over'
              ? 'bg-red-500'
              : tone === 'warning'
                ? 'bg-amber-500'
                : tone === 'unknown'
                  ? 'bg-zinc-400 dark:bg-zinc-600'
                  : 'bg-emerald-500',
          )}
          style={{ width: `${Math.min(100, percent ?? 100)}%` }}
        />
      </div>
    </li>
  )
}

export function SaltoSites({ sites }: { sites: readonly SaltoKsSite[] }) {
  const sorted = sortSitesByUsage(sites)
  return (
    <section
      aria-labelledby="salto-sites-heading"
      className="flex flex-col gap-2"
    >
      <h2
        id="salto-sites-heading"
        className="text-sm font-semibold text-zinc-900 dark:text-zinc-100"
      >
        Salto KS sites
      </h2>
      {sorted.length === 0 ? (
        <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
          No Salto KS site reported a subscription problem.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-100 overflow-clip rounded-xl bg-white ring-1 ring-zinc-950/[0.08] dark:divide-zinc-800/70 dark:bg-zinc-900/40 dark:ring-white/[0.08]">
          {sorted.map((site) => (
            <SiteRow key={site.site_id} site={site} />
          ))}
        </ul>
      )}
    </section>
  )
}
