import { describe, expect, it, vi } from 'vitest'

import { ApiError } from './api-error'
import { createQueryClient } from './query-client'

const failure = (status: number) =>
  new ApiError({
    type: 'x',
    message: `failed ${status}`,
    status,
    requestId: null,
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
