import type { ReactNode } from 'react'

import {
  CheckCircleIcon,
  ErrorIcon,
  WarningIcon,
} from '../../../components/ui/icons'
import { RelativeTime } from '../../../components/ui/relative-time'
import { cn } from '../../../lib/cn'
import { isKnownCode, statusLabel } from '../../../lib/status'
import type { ProblemCount, TriageData } from '../lib/types'

const count = new Intl.NumberFormat('en')

const tileLayout =
  'flex min-w-0 flex-col gap-1 rounded-xl px-3.5 py-3 text-left'
const tileSurface =
  'bg-white ring-1 ring-zinc-950/[0.08] dark:bg-zinc-900/40 dark:ring-white/[0.08]'
const tileBase = `${tileLayout} ${tileSurface}`

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={tileBase}>
      <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
        {label}
      </dt>
      <dd className="text-xl font-semibold tracking-tight text-zinc-900 tabular-nums dark:text-zinc-50">
        {children}
      </dd>
    </div>
  )
}

export function TriageTotals({
  data,
  generatedAt,
}: {
  data: TriageData
  generatedAt: string | null
}) {
  const { totals } = data
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <Stat label="Accounts scanned">
        {count.format(totals.accounts_scanned)}
      </Stat>
      <Stat label="Healthy">
        <span className="inline-flex items-center gap-1.5">
          <CheckCircleIcon className="size-4 text-emerald-600 dark:text-emerald-400" />
          {count.format(totals.accounts_healthy)}
        </span>
      </Stat>
      <Stat label="With problems">
        {count.format(totals.accounts_with_problems)}
      </Stat>
      <Stat label="Data gathered">
        {generatedAt ? (
          <RelativeTime date={generatedAt} className="text-base" />
        ) : (
          <span className="text-base text-zinc-500 dark:text-zinc-400">
            Not yet
          </span>
        )}
      </Stat>
    </dl>
  )
}

function ProblemTile({
  problem,
  active,
  onToggle,
}: {
  problem: ProblemCount
  active: boolean
  onToggle: () => void
}) {
  const isError = problem.kind === 'error'
  const Icon = isError ? ErrorIcon : WarningIcon
  const known = isKnownCode(problem.kind, problem.code)
  return (
    <button
      type="button"
      aria-pressed={active}
      title={`${isError ? 'Error' : 'Warning'}: ${problem.code}`}
      onClick={onToggle}
      className={cn(
        tileLayout,
        'transition-colors',
        // cn does not merge classes: the active look replaces the surface.
        !active && `${tileSurface} hover:bg-zinc-50 dark:hover:bg-zinc-800/60`,
        active &&
          (isError
            ? 'bg-red-50 ring-2 ring-red-500/70 ring-inset dark:bg-red-500/10 dark:ring-red-400/60'
            : 'bg-amber-50 ring-2 ring-amber-500/70 ring-inset dark:bg-amber-400/10 dark:ring-amber-400/60'),
      )}
    >
      <span
        className={cn(
          'flex min-w-0 items-center gap-1.5 text-xs font-medium',
          isError
            ? 'text-red-700 dark:text-red-300'
            : 'text-amber-800 dark:text-amber-200',
        )}
      >
        <Icon className="size-3.5 shrink-0" />
        <span className="sr-only">{isError ? 'Error' : 'Warning'}: </span>
        <span className={cn('truncate', !known && 'font-mono')}>
          {statusLabel(problem.kind, problem.code)}
        </span>
      </span>{' '}
      <span className="text-xl font-semibold tracking-tight text-zinc-900 tabular-nums dark:text-zinc-50">
        {count.format(problem.accounts)}{' '}
        <span
          className={cn(
            'text-xs font-normal dark:text-zinc-400',
            // Tinted when active: the lighter grey would fade into it.
            active ? 'text-zinc-600' : 'text-zinc-500',
          )}
        >
          {problem.accounts === 1 ? 'account' : 'accounts'}
        </span>
      </span>
    </button>
  )
}

/** One toggle per code present, errors first as the server orders them. */
export function ProblemTiles({
  problems,
  activeCode,
  onCodeChange,
}: {
  problems: readonly ProblemCount[]
  activeCode: string | null
  onCodeChange: (code: string | null) => void
}) {
  if (problems.length === 0) return null
  return (
    <div
      role="group"
      aria-label="Filter by problem"
      className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-7"
    >
      {problems.map((problem) => (
        <ProblemTile
          key={`${problem.kind}:${problem.code}`}
          problem={problem}
          active={activeCode === problem.code}
          onToggle={() => {
            onCodeChange(activeCode === problem.code ? null : problem.code)
          }}
        />
      ))}
    </div>
  )
}
