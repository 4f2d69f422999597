import type { ConnectedAccount } from '@seamapi/types/connect'
import { useId } from 'react'

import { ErrorIcon, WarningIcon } from '../../../components/ui/icons'
import { formatNumber } from '../../../lib/format'
import { collectSiteUsage, type SiteUsage } from '../lib/usage'
import { DetailSection } from './detail-section'

const barColour = {
  ok: 'fill-emerald-500 dark:fill-emerald-400',
  warning: 'fill-amber-400 dark:fill-amber-300',
  over: 'fill-red-500 dark:fill-red-400',
} as const

const levelWords = {
  ok: null,
  warning: 'Almost full',
  over: 'Limit reached',
} as const

export function UsageBar({ site }: { site: SiteUsage }) {
  const labelId = useId()
  const words = levelWords[site.level]
  const valueText = `${formatNumber(site.count)} of ${formatNumber(site.limit)} users (${site.percent} %)${words ? `, ${words.toLowerCase()}` : ''}`
  return (
    <div data-level={site.level}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-[13px]">
        <span
          id={labelId}
          className="min-w-0 font-medium break-words text-zinc-900 [overflow-wrap:anywhere] dark:text-zinc-100"
        >
          <bdi>{site.site_name}</bdi>
        </span>
        <span className="flex items-center gap-1.5 text-zinc-600 tabular-nums dark:text-zinc-300">
          {site.level === 'over' ? (
            <ErrorIcon className="size-3.5 text-red-600 dark:text-red-400" />
          ) : site.level === 'warning' ? (
            <WarningIcon className="size-3.5 text-amber-600 dark:text-amber-300" />
          ) : null}
          {words ? <span className="font-medium">{words} ·</span> : null}
          {formatNumber(site.count)} / {formatNumber(site.limit)} users ·{' '}
          {site.percent} %
        </span>
      </div>
      <div
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={site.limit}
        // A meter's value must stay within its range; the text says the rest.
        aria-valuenow={Math.min(site.count, site.limit)}
        aria-valuetext={valueText}
        className="mt-1.5 h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
      >
        {/* An SVG length, not an inline style: the server draws this bar
            too, and the page's Content-Security-Policy refuses style
            attributes in HTML. */}
        <svg className="block size-full" aria-hidden="true">
          <rect
            className={barColour[site.level]}
            width={`${Math.min(100, site.percent)}%`}
            height="100%"
            rx="4"
          />
        </svg>
      </div>
    </div>
  )
}

export function SaltoUsage({ account }: { account: ConnectedAccount }) {
  const sites = collectSiteUsage(account)
  if (sites.length === 0) return null
  return (
    <DetailSection
      title="Salto KS subscription usage"
      description="Subscribed site users against each site’s limit."
      bodyClassName="space-y-4 py-4"
    >
      {sites.map((site) => (
        <UsageBar key={site.site_id} site={site} />
      ))}
    </DetailSection>
  )
}
