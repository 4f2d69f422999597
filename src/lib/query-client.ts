import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'

import { isApiError } from './api-error'

export interface CreateQueryClientOptions {
  /**
   * Called when refreshing data already on screen fails. First loads are not
   * reported here: the screen that asked shows those errors in place.
   */
  onBackgroundError?: (error: Error) => void
  /**
   * Called after every change sent to the server, whether it worked or not,
   * with the mutation's `meta`: for data that records changes (the audit log)
   * to load again.
   */
  onMutationSettled?: (
    client: QueryClient,
    meta: Record<string, unknown> | undefined,
  ) => void
}

/** The longest `Retry-After` a read waits out by itself before retrying. */
export const MAX_AUTO_RETRY_AFTER_MS = 10_000

/**
 * The server already retries reads upstream with backoff; one more try here
 * covers a dropped connection, a timeout or a short outage. A 4xx will not
 * fix itself, and a long `Retry-After` is left to the user's Retry.
 */
export function shouldRetryRead(failureCount: number, error: Error): boolean {
  if (failureCount >= 1) return false
  if (!isApiError(error)) return true
  return (
    error.isTransient &&
    (error.retryAfterMs === null ||
      error.retryAfterMs <= MAX_AUTO_RETRY_AFTER_MS)
  )
}

/** Never sooner than the server's `Retry-After`; else React Query's backoff. */
export function readRetryDelay(failureCount: number, error: Error): number {
  if (isApiError(error) && error.retryAfterMs !== null)
    return error.retryAfterMs
  return Math.min(1_000 * 2 ** failureCount, 30_000)
}

export function createQueryClient({
  onBackgroundError,
  onMutationSettled,
}: CreateQueryClientOptions = {}): QueryClient {
  const client: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onSettled: (_data, _error, _variables, _context, mutation) => {
        onMutationSettled?.(client, mutation.meta)
      },
    }),
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.state.data !== undefined) onBackgroundError?.(error)
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Offline, reads wait (paused) and go out once the browser is back
        // online; a screen that failed meanwhile loads again by itself.
        networkMode: 'online',
        retry: shouldRetryRead,
        retryDelay: readRetryDelay,
      },
      mutations: {
        // A change is sent once per press, never again by itself: offline it
        // fails at once (rather than waiting to go out later unseen), and a
        // failure is left to the user to try again.
        networkMode: 'always',
        retry: false,
      },
    },
  })
  return client
}
