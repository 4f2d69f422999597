import type { ConnectedAccount } from '@seamapi/types/connect'
import { useState } from 'react'

import { announce } from '../../../components/ui/announcer'
import { GuardedButton } from '../../../components/ui/guarded-button'
import { RefreshIcon } from '../../../components/ui/icons'
import { cn } from '../../../lib/cn'
import type { Permission } from '../../../lib/permissions'
import { useSyncConnectedAccount } from '../api/sync-connected-account'
import { compareProblems, describeSyncOutcome } from '../lib/sync-outcome'

type SyncMessage = { tone: 'info' | 'good' | 'bad'; text: string }

const toneClass = {
  info: 'text-zinc-600 dark:text-zinc-300',
  good: 'text-emerald-700 dark:text-emerald-300',
  bad: 'text-red-700 dark:text-red-300',
} as const

/**
 * Sync plus the line that says what it did; one sync at a time. A role
 * without sync sees the button disabled, with the reason.
 */
export function useSyncAction(
  account: ConnectedAccount,
  permission?: Permission,
) {
  const sync = useSyncConnectedAccount()
  const [message, setMessage] = useState<SyncMessage | null>(null)

  const start = () => {
    if (sync.isPending || permission?.allowed === false) return
    setMessage({
      tone: 'info',
      text: 'Sync requested. Waiting for the provider to answer…',
    })
    announce('Sync requested. Waiting for the provider to answer.')
    sync.mutate(account, {
      onSuccess: ({ before, after, timedOut }) => {
        const outcome = compareProblems(before, after)
        const text = describeSyncOutcome(outcome, timedOut)
        setMessage({
          tone: outcome.remaining.length === 0 ? 'good' : 'info',
          text,
        })
        announce(text)
      },
      onError: (error) => {
        const text = `Sync failed: ${error.message}`
        setMessage({ tone: 'bad', text })
        announce(text)
      },
    })
  }

  const button = (
    <GuardedButton
      permission={permission}
      onClick={start}
      aria-disabled={sync.isPending}
      className={cn(sync.isPending && 'cursor-progress opacity-70')}
    >
      <RefreshIcon
        className={cn('size-3.5', sync.isPending && 'animate-spin')}
      />
      {sync.isPending ? 'Syncing…' : 'Sync'}
    </GuardedButton>
  )

  const status = message ? (
    <p
      data-testid="sync-status"
      className={cn('text-[13px]', toneClass[message.tone])}
    >
      {message.text}
    </p>
  ) : null

  return { button, status, pending: sync.isPending }
}
