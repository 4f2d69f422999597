import type { ReactNode } from 'react'

import { Button } from '../../components/ui/button'
import { ErrorIcon } from '../../components/ui/icons'
import type { EmbedState } from './session'

function StateView({
  title,
  children,
  action,
  alert = true,
}: {
  title: string
  children: ReactNode
  action?: ReactNode
  alert?: boolean
}) {
  return (
    <div
      role={alert ? 'alert' : undefined}
      className="mx-auto flex max-w-md flex-col items-center px-4 py-10 text-center text-[13px]"
    >
      <title>{`${title} · Seam Accounts Console`}</title>
      {alert ? (
        <span className="mb-3 inline-flex size-9 items-center justify-center rounded-lg bg-red-50 text-red-600 dark:bg-red-500/10 dark:text-red-300">
          <ErrorIcon />
        </span>
      ) : null}
      <h1 className="text-base font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">
        {title}
      </h1>
      <div className="mt-1 space-y-1 break-words text-zinc-500 [overflow-wrap:anywhere] dark:text-zinc-400">
        {children}
      </div>
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  )
}

/** What the frame shows while it is not signed in. */
export function EmbedStateView({
  state,
  onRenew,
  onRetry,
}: {
  state: Exclude<EmbedState, { status: 'ready' }>
  onRenew: () => void
  onRetry: () => void
}) {
  switch (state.status) {
    case 'starting':
      return (
        <div
          aria-busy="true"
          className="flex items-center justify-center gap-2 px-4 py-10 text-[13px] text-zinc-500 dark:text-zinc-400"
        >
          <span
            aria-hidden="true"
            className="size-3.5 animate-spin rounded-full border-2 border-zinc-300 border-t-brand-500 dark:border-zinc-700 dark:border-t-brand-400"
          />
          Signing in…
        </div>
      )
    case 'unavailable':
      return (
        <StateView title="Embedding is not available">
          <p>{state.reason}</p>
        </StateView>
      )
    case 'refused':
      return state.problem === 'link-expired' ? (
        <StateView title="This embedded view’s link has expired">
          <p>
            Sign-in links work once and only for a short time. Open this view
            again from your portal to get a new one.
          </p>
          <p className="text-xs">{state.message}</p>
        </StateView>
      ) : (
        <StateView title="This embedded view could not sign in">
          <p>{state.message}</p>
          <p className="text-xs">
            Open it again from your portal. If it keeps happening, ask the
            portal’s administrator to check the embedding setup.
          </p>
        </StateView>
      )
    case 'unreachable':
      return (
        <StateView
          title="Couldn’t reach the dashboard"
          action={
            <Button variant="primary" onClick={onRetry}>
              Try again
            </Button>
          }
        >
          <p>{state.message}</p>
        </StateView>
      )
    case 'expired':
      return (
        <StateView
          title="Session expired"
          alert={false}
          action={
            <Button
              variant="primary"
              disabled={state.renewing}
              onClick={onRenew}
            >
              {state.renewing ? 'Signing in again…' : 'Try again'}
            </Button>
          }
        >
          <p>
            This embedded view signed out after a while. Try again to sign back
            in where you left off.
          </p>
          {state.message ? (
            <p role="alert" className="text-red-700 dark:text-red-300">
              {state.message}
            </p>
          ) : null}
        </StateView>
      )
  }
}
