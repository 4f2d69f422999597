import { onlineManager, QueryObserver } from '@tanstack/react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from './api-error'
import {
  createQueryClient,
  MAX_AUTO_RETRY_AFTER_MS,
  readRetryDelay,
  shouldRetryRead,
} from './query-client'

const failure = (status: number, retryAfterMs: number | null = null) =>
  new ApiError({
    type: 'x',
    message: `failed ${status}`,
    status,
    requestId: null,
    retryAfterMs,
  })

afterEach(() => {
  onlineManager.setOnline(true)
})

describe('createQueryClient', () => {
  it('reports a failed refresh of data on screen, not a failed first load', async () => {
    const onBackgroundError = vi.fn()
    const client = createQueryClient({ onBackgroundError })

    await client
      .query({
        queryKey: ['first'],
        queryFn: () => Promise.reject(failure(500)),
      })
      .catch(() => undefined)
    expect(onBackgroundError).not.toHaveBeenCalled()

    client.setQueryData(['loaded'], 'rows')
    await client
      .query({
        queryKey: ['loaded'],
        queryFn: () => Promise.reject(failure(503)),
        staleTime: 0,
      })
      .catch(() => undefined)
    expect(onBackgroundError).toHaveBeenCalledExactlyOnceWith(failure(503))
  })

  it('retries once what may pass on a second try, never a 4xx', () => {
    const client = createQueryClient()
    const retry = client.getDefaultOptions().queries?.retry
    if (typeof retry !== 'function') throw new Error('expected a function')
    expect(retry(0, failure(503))).toBe(true)
    expect(retry(0, failure(0))).toBe(true)
    expect(retry(0, new TypeError('boom'))).toBe(true)
    expect(retry(1, failure(503))).toBe(false)
    expect(retry(0, failure(400))).toBe(false)
    expect(retry(0, failure(404))).toBe(false)
  })

  it('reports every settled change, failed or not, with the client', async () => {
    const onMutationSettled = vi.fn()
    const client = createQueryClient({ onMutationSettled })
    const cache = client.getMutationCache()
    await cache
      .build(client, { mutationFn: () => Promise.resolve('ok') })
      .execute(undefined)
    await cache
      .build(client, {
        mutationFn: () => Promise.reject(failure(500)),
        meta: { audited: false },
      })
      .execute(undefined)
      .catch(() => undefined)
    expect(onMutationSettled.mock.calls).toEqual([
      [client, undefined],
      [client, { audited: false }],
    ])
  })
})

describe('faults', () => {
  it('retries a read after a short Retry-After, waiting it out', () => {
    expect(shouldRetryRead(0, failure(429, 1_000))).toBe(true)
    expect(readRetryDelay(0, failure(429, 1_000))).toBe(1_000)
    expect(shouldRetryRead(0, failure(503, MAX_AUTO_RETRY_AFTER_MS))).toBe(true)
    // Longer waits are left to the Retry button.
    expect(shouldRetryRead(0, failure(429, MAX_AUTO_RETRY_AFTER_MS + 1))).toBe(
      false,
    )
    expect(readRetryDelay(0, failure(500))).toBe(1_000)
    expect(readRetryDelay(0, new TypeError('x'))).toBe(1_000)
  })

  it('sends a change once, offline included, and never again by itself', async () => {
    const client = createQueryClient()
    onlineManager.setOnline(false)
    const mutationFn = vi.fn(() => Promise.reject(failure(0)))
    const mutation = client.getMutationCache().build(client, { mutationFn })
    await expect(mutation.execute(undefined)).rejects.toEqual(failure(0))
    expect(mutation.state.isPaused).toBe(false)
    onlineManager.setOnline(true)
    await client.resumePausedMutations()
    expect(mutationFn).toHaveBeenCalledTimes(1)

    const failing = vi.fn(() => Promise.reject(failure(503)))
    await client
      .getMutationCache()
      .build(client, { mutationFn: failing })
      .execute(undefined)
      .catch(() => undefined)
    expect(failing).toHaveBeenCalledTimes(1)
  })

  it('holds reads while offline and sends them once back online', async () => {
    const client = createQueryClient()
    // As QueryClientProvider does: the client follows the connection.
    client.mount()
    onlineManager.setOnline(false)
    const queryFn = vi.fn(() => Promise.resolve('rows'))
    const observer = new QueryObserver(client, { queryKey: ['q'], queryFn })
    const unsubscribe = observer.subscribe(() => undefined)
    await Promise.resolve()
    expect(queryFn).not.toHaveBeenCalled()
    expect(observer.getCurrentResult().fetchStatus).toBe('paused')
    onlineManager.setOnline(true)
    await vi.waitFor(() => {
      expect(observer.getCurrentResult().data).toBe('rows')
    })
    expect(queryFn).toHaveBeenCalledTimes(1)
    unsubscribe()
    client.unmount()
  })
})
