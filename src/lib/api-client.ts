import { ApiError, apiErrorFromResponse } from './api-error'

export interface ApiRequestOptions {
  signal?: AbortSignal | undefined
}

/**
 * POSTs JSON to the dashboard server's `/api/<route>` (which adds the Seam
 * credentials) and resolves with the parsed body. Every failure rejects with an
 * `ApiError`, except an abort, which rejects with the abort reason so callers
 * (React Query) can tell a cancellation from a failure.
 */
export function apiPost<T>(
  route: string,
  body: object = {},
  { signal }: ApiRequestOptions = {},
): Promise<T> {
  return apiRequest<T>(route, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
    signal: signal ?? null,
  })
}

/** GETs `/api/<route>`; errors and aborts as `apiPost`. */
export function apiGet<T>(
  route: string,
  { signal }: ApiRequestOptions = {},
): Promise<T> {
  return apiRequest<T>(route, {
    method: 'GET',
    headers: { Accept: 'application/json' },
    signal: signal ?? null,
  })
}

async function apiRequest<T>(route: string, init: RequestInit): Promise<T> {
  const signal = init.signal
  let response: Response
  try {
    response = await fetch(`/api/${route}`, init)
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError({
      type: 'network_error',
      message:
        'Could not reach the dashboard server. Check your connection and try again.',
      status: 0,
      requestId: null,
    })
  }

  const bodyText = await response.text()
  const requestIdHeader = response.headers.get('X-Request-Id')
  if (!response.ok) {
    throw apiErrorFromResponse({
      status: response.status,
      statusText: response.statusText,
      bodyText,
      requestIdHeader,
    })
  }
  try {
    return JSON.parse(bodyText) as T
  } catch {
    throw new ApiError({
      type: 'invalid_response',
      message: `The server answered ${route} with something other than JSON.`,
      status: response.status,
      requestId: requestIdHeader,
    })
  }
}
