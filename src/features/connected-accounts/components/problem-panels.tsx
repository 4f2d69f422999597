import type { ConnectedAccount } from '@seamapi/types/connect'
import { useId } from 'react'

import { Badge } from '../../../components/ui/badge'
import { ErrorIcon, WarningIcon } from '../../../components/ui/icons'
import { PlainText } from '../../../components/ui/plain-text'
import { RelativeTime } from '../../../components/ui/relative-time'
import { cn } from '../../../lib/cn'
import { formatDateTime } from '../../../lib/format'
import type { Severity } from '../../../lib/status'
import { describeProblem } from '../lib/problem-catalogue'

interface Problem {
  severity: Severity
  code: string
  message: string
  created_at: string | undefined
  is_bridge_error: boolean | undefined
  is_connected_account_error: boolean | undefined
}

/** Errors first, then warnings, each in the API's order. */
export function problemsOf(account: ConnectedAccount): Problem[] {
  return [
    ...account.errors.map((error): Problem => ({
      severity: 'error',
      code: error.error_code,
      message: error.message,
      created_at: error.created_at,
      is_bridge_error: error.is_bridge_error,
      is_connected_account_error: error.is_connected_account_error,
    })),
    ...account.warnings.map((warning): Problem => ({
      severity: 'warning',
      code: warning.warning_code,
      message: warning.message,
      created_at: warning.created_at,
      is_bridge_error: undefined,
      is_connected_account_error: undefined,
    })),
  ]
}

function flagWords(problem: Problem): string[] {
  const words: string[] = []
  if (problem.is_bridge_error === true) words.push('Seam Bridge problem')
  if (problem.is_bridge_error === false) words.push('Not a Seam Bridge problem')
  if (problem.is_connected_account_error === true) {
    words.push('Concerns the connected account itself')
  }
  if (problem.is_connected_account_error === false) {
    words.push('Not specific to the connected account')
  }
  return words
}

function ProblemPanel({ problem }: { problem: Problem }) {
  const titleId = useId()
  const guide = describeProblem(problem.severity, problem.code)
  const isError = problem.severity === 'error'
  const Icon = isError ? ErrorIcon : WarningIcon
  const flags = flagWords(problem)
  return (
    <article
      aria-labelledby={titleId}
      className={cn(
        'rounded-xl border-l-[3px] bg-white p-4 ring-1 ring-zinc-950/[0.08] dark:bg-zinc-900/40 dark:ring-white/[0.08]',
        isError
          ? 'border-l-red-500 dark:border-l-red-400'
          : 'border-l-amber-400 dark:border-l-amber-300',
      )}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Badge tone={isError ? 'red' : 'amber'}>
          <Icon className="size-3 shrink-0" />
          {isError ? 'Error' : 'Warning'}
        </Badge>
        <h3
          id={titleId}
          className={cn(
            'min-w-0 text-sm font-semibold break-words text-zinc-900 [overflow-wrap:anywhere] dark:text-zinc-50',
            !guide.known && 'font-mono',
          )}
        >
          <bdi>{guide.title}</bdi>
        </h3>
        <code className="ml-auto rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] break-all text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400">
          {problem.code}
        </code>
      </div>
      {problem.message ? (
        <p className="mt-2 text-[13px] text-zinc-700 dark:text-zinc-300">
          <PlainText truncate={false}>{problem.message}</PlainText>
        </p>
      ) : null}
      <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
        {problem.created_at ? (
          <>
            Started <RelativeTime date={problem.created_at} /> ·{' '}
            {formatDateTime(problem.created_at)}
          </>
        ) : (
          'Start time unknown'
        )}
        {flags.length > 0 ? <> · {flags.join(' · ')}</> : null}
      </p>
      <div className="mt-3 rounded-lg bg-zinc-50 px-3 py-2 text-[13px] dark:bg-zinc-800/50">
        <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
          What to do
        </p>
        <p className="mt-0.5 text-zinc-800 dark:text-zinc-200">
          {guide.remediation}
        </p>
      </div>
    </article>
  )
}

export function ProblemPanels({ account }: { account: ConnectedAccount }) {
  const problems = problemsOf(account)
  if (problems.length === 0) return null
  return (
    <section aria-label="Errors and warnings" className="space-y-3">
      <h2 className="sr-only">Errors and warnings</h2>
      {problems.map((problem, index) => (
        <ProblemPanel
          key={`${problem.severity}:${problem.code}:${index}`}
          problem={problem}
        />
      ))}
    </section>
  )
}
