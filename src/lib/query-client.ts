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
        // The server already retries reads upstream with backoff; one more try
        // here covers a dropped connection. A 4xx will not fix itself.
        retry: (failureCount, error) =>
          failureCount < 1 && (!isApiError(error) || error.isTransient),
      },
    },
  })
  return client
}
