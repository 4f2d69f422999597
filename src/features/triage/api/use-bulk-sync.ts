import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'

import { runBounded } from '../lib/run-bounded'
import { triageKeys } from './keys'
import { syncAccount } from './sync-account'

export const BULK_SYNC_CONCURRENCY = 4

export type SyncResult =
  | { state: 'queued' | 'syncing' | 'accepted' | 'cancelled' }
  | { state: 'failed'; message: string }

/**
 * Syncs accounts a few at a time. Cancel stops new requests; ones already
 * sent finish, as the provider may already have accepted them.
 */
export function useBulkSync() {
  const queryClient = useQueryClient()
  const [results, setResults] = useState<ReadonlyMap<string, SyncResult>>(
    () => new Map(),
  )
  const [batch, setBatch] = useState<readonly string[]>([])
  const [running, setRunning] = useState(false)
  const controller = useRef<AbortController | null>(null)

  const record = useCallback((id: string, result: SyncResult) => {
    setResults((previous) => new Map(previous).set(id, result))
  }, [])

  const start = useCallback(
    async (ids: readonly string[]) => {
      if (ids.length === 0) return
      const current = new AbortController()
      controller.current = current
      setBatch(ids)
      setResults((previous) => {
        const next = new Map(previous)
        for (const id of ids) next.set(id, { state: 'queued' })
        return next
      })
      setRunning(true)
      await runBounded(
        ids,
        BULK_SYNC_CONCURRENCY,
        async (id) => {
          record(id, { state: 'syncing' })
          try {
            await syncAccount(id)
            record(id, { state: 'accepted' })
          } catch (error) {
            record(id, {
              state: 'failed',
              message: error instanceof Error ? error.message : String(error),
            })
          }
        },
        {
          signal: current.signal,
          onSkip: (id) => {
            record(id, { state: 'cancelled' })
          },
        },
      )
      setRunning(false)
      void queryClient.invalidateQueries({ queryKey: triageKeys.all })
    },
    [queryClient, record],
  )

  const cancel = useCallback(() => {
    controller.current?.abort()
  }, [])

  return { results, batch, running, start, cancel }
}
