import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useLocation } from 'react-router'

import { buttonClassName } from '../../components/ui/button'
import { paths } from '../paths'

/** Where the reader was when they signed out, to come back to. */
export interface SignedOutState {
  returnTo: string
}

function returnToFrom(state: unknown): string {
  const returnTo = (state as Partial<SignedOutState> | null)?.returnTo
  return typeof returnTo === 'string' ? returnTo : paths.home
}

/**
 * After signing out: outside the app's layout, so nothing asks the server
 * who is signed in (which would send the browser straight back to sign in).
 */
export function SignedOutRoute() {
  const queryClient = useQueryClient()
  const state: unknown = useLocation().state

  // Nothing of the last session stays in memory, nor shows on Back.
  useEffect(() => {
    queryClient.clear()
  }, [queryClient])

  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <title>Signed out · Seam Accounts Console</title>
      <img src="/favicon.svg" alt="" className="mx-auto mb-4 size-8" />
      <h1 className="text-lg font-semibold tracking-tight">Signed out</h1>
      <p className="mt-1 text-[13px] text-zinc-500 dark:text-zinc-400">
        Your session on the Seam Accounts Console has ended.
      </p>
      {/* A page of the server, not of the app: a full navigation. */}
      <a
        href={paths.signIn(returnToFrom(state))}
        className={buttonClassName({ variant: 'primary', className: 'mt-4' })}
      >
        Sign in again
      </a>
    </main>
  )
}
