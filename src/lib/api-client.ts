import { ApiError, apiErrorFromResponse } from './api-error'

export interface ApiRequestOptions {
  signal?: AbortSignal | undefined
  /** Lets the request outlive the page (sent while the page is being hidden). */
  keepalive?: boolean | undefined
}

/** Query-string parameters of a GET; empty, null and undefined ones are left out. */
export type QueryParams = Readonly<
  Record<string, string | number | boolean | null | undefined>
>

/**
 * `route?a=1&b=2` with only the parameters that have a value, in the order
 * given, so equal parameters always make the same URL.
 */
export function withQueryString(route: string, query: QueryParams): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue
    params.set(name, String(value))
  }
  const search = params.toString()
  return search === '' ? route : `${route}?${search}`
}

/**
 * The embedded dashboard's session, sent as `Authorization: Bearer` with every
 * request while set. Kept in memory only: a reload starts a new session.
 */
let sessionToken: string | null = null

export function setSessionToken(token: string | null): void {
  sessionToken = token
}

export function getSessionToken(): string | null {
  return sessionToken
}

/** The error types with which the server refuses a session that is gone. */
export const SESSION_REJECTED_TYPES = [
  'session_expired',
  'invalid_session',
] as const
export type SessionRejectedType = (typeof SESSION_REJECTED_TYPES)[number]

export interface SessionRejection {
  type: SessionRejectedType
  /** The session token the refused request carried. */
  token: string
}

type SessionRejectedListener = (rejection: SessionRejection) => void
const sessionRejectedListeners = new Set<SessionRejectedListener>()

/**
 * Called whenever a request that carried a session token is refused because
 * that session is gone. The request still rejects with its `ApiError`; what
 * to show is the listener's business.
 */
export function onSessionRejected(
  listener: SessionRejectedListener,
): () => void {
  sessionRejectedListeners.add(listener)
  return () => {
    sessionRejectedListeners.delete(listener)
  }
}

const isSessionRejectedType = (type: string): type is SessionRejectedType =>
  (SESSION_REJECTED_TYPES as readonly string[]).includes(type)

/** The error type with which the server refuses a request nobody signed in for. */
export const UNAUTHENTICATED_TYPE = 'unauthenticated'

type UnauthenticatedListener = (error: ApiError) => void
const unauthenticatedListeners = new Set<UnauthenticatedListener>()

/**
 * Called whenever a request without an embed session is refused because
 * nobody is signed in (401 `unauthenticated`). The request still rejects
 * with its `ApiError`; sending the reader to sign in is the listener's
 * business.
 */
export function onUnauthenticated(
  listener: UnauthenticatedListener,
): () => void {
  unauthenticatedListeners.add(listener)
  return () => {
    unauthenticatedListeners.delete(listener)
  }
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
  { signal, keepalive }: ApiRequestOptions = {},
): Promise<T> {
  return apiRequest<T>(route, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
    signal: signal ?? null,
    ...(keepalive ? { keepalive } : {}),
  })
}

export interface ApiGetOptions extends ApiRequestOptions {
  /** Sent as the query string (see `withQueryString`). */
  query?: QueryParams | undefined
}

/** GETs `/api/<route>`; errors and aborts as `apiPost`. */
export function apiGet<T>(
  route: string,
  { signal, query }: ApiGetOptions = {},
): Promise<T> {
  return apiRequest<T>(query ? withQueryString(route, query) : route, {
    method: 'GET',
    headers: { Accept: 'application/json' },
    signal: signal ?? null,
  })
}

/**
 * POSTs JSON to one of the dashboard server's own routes outside `/api`
 * (`path` starts with `/`, e.g. `/auth/logout`) and resolves once it
 * succeeded, whatever the body. Never carries an embed session. Errors and
 * aborts as `apiPost`.
 */
export async function serverPost(
  path: string,
  body: object = {},
  { signal }: ApiRequestOptions = {},
): Promise<void> {
  await send(path, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
    signal: signal ?? null,
  })
}

type RequestInitWithHeaders = Omit<RequestInit, 'headers'> & {
  headers: Record<string, string>
}

async function apiRequest<T>(
  route: string,
  init: RequestInitWithHeaders,
): Promise<T> {
  // Read once: a token swapped while this request is in flight does not
  // change which session it belongs to.
  const token = sessionToken
  const headers = token
    ? { ...init.headers, Authorization: `Bearer ${token}` }
    : init.headers
  const { bodyText, response } = await send(
    `/api/${route}`,
    { ...init, headers },
    token,
  )
  try {
    return JSON.parse(bodyText) as T
  } catch {
    throw new ApiError({
      type: 'invalid_response',
      message: `The server answered ${route} with something other than JSON.`,
      status: response.status,
      requestId: response.headers.get('X-Request-Id'),
    })
  }
}

/** Sends a request and reads its body; every failure becomes an `ApiError`. */
async function send(
  url: string,
  init: RequestInitWithHeaders,
  token: string | null = null,
): Promise<{ bodyText: string; response: Response }> {
  const signal = init.signal
  let response: Response
  try {
    response = await fetch(url, init)
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
    const error = apiErrorFromResponse({
      status: response.status,
      statusText: response.statusText,
      bodyText,
      requestIdHeader,
    })
    if (token && error.status === 401 && isSessionRejectedType(error.type)) {
      for (const listener of [...sessionRejectedListeners]) {
        listener({ type: error.type, token })
      }
    }
    if (!token && error.status === 401 && error.type === UNAUTHENTICATED_TYPE) {
      for (const listener of [...unauthenticatedListeners]) listener(error)
    }
    throw error
  }
  return { bodyText, response }
}
