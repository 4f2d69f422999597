import { QueryCache, QueryClient } from '@tanstack/react-query'

import { isApiError } from './api-error'

export interface CreateQueryClientOptions {
  /**
   * Called when refreshing data already on screen fails. First loads are not
   * reported here: the screen that asked shows those errors in place.
   */
  onBackgroundError?: (error: Error) => void
}

export function createQueryClient({
  onBackgroundError,
}: CreateQueryClientOptions = {}): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.state.data !== undefined) onBackgroundError?.(error)
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // The server already retries reads upstream with backoff; one more try
        // here covers a dropped connection. A 4xx will not fix itself.
        retry: (failureCount, error) =>
          failureCount < 1 && (!isApiError(error) || error.isTransient),
      },
    },
  })
}
