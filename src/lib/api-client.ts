import { ApiError, apiErrorFromResponse, NO_ANSWER_TYPES } from './api-error'

/**
 * How long the browser waits for an answer from the dashboard server. Above
 * the server's own limit for an upstream call (`UPSTREAM_TIMEOUT_MS`, 10 s by
 * default) plus its retries, so the server's more precise answer comes first
 * whenever the server itself is still answering.
 */
export const REQUEST_TIMEOUT_MS = 30_000

const OFFLINE_MESSAGE =
  'You are offline, so this was not sent. Reconnect, then try again.'
const TIMEOUT_MESSAGE = `The dashboard server did not answer within ${REQUEST_TIMEOUT_MS / 1_000} s.`
const NETWORK_MESSAGE =
  'Could not reach the dashboard server. Check your connection and try again.'
const WENT_OFFLINE_MESSAGE =
  'The connection was lost before an answer came back: you are offline.'

/** `navigator.onLine` is only trustworthy when it says offline. */
const isOffline = () =>
  typeof navigator !== 'undefined' &&
  // Undefined outside browsers.
  (navigator.onLine as boolean | undefined) === false

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

export interface ApiDownload {
  blob: Blob
  /** The file name the server gave (`Content-Disposition`), if any. */
  filename: string | null
}

/** The `filename` of a `Content-Disposition` header, when it has a plain one. */
export function filenameFromDisposition(header: string | null): string | null {
  const match = header ? /filename="([^"\\/]+)"/i.exec(header) : null
  return match?.[1] ?? null
}

/**
 * GETs a file from `/api/<route>` as it is (a CSV export), with the same
 * session, time limit and errors as `apiGet`, so a failure can be shown
 * instead of a download that fails out of sight.
 */
export async function apiDownload(
  route: string,
  { signal, query }: ApiGetOptions = {},
): Promise<ApiDownload> {
  const token = sessionToken
  const { body, response } = await send(
    `/api/${query ? withQueryString(route, query) : route}`,
    {
      method: 'GET',
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      signal: signal ?? null,
    },
    token,
  )
  return {
    blob: body,
    filename: filenameFromDisposition(
      response.headers.get('Content-Disposition'),
    ),
  }
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
  const { body, response } = await send(
    `/api/${route}`,
    { ...init, headers },
    token,
  )
  try {
    return JSON.parse(await body.text()) as T
  } catch {
    throw new ApiError({
      type: 'invalid_response',
      message: `The server answered ${route} with something other than JSON.`,
      status: response.status,
      requestId: response.headers.get('X-Request-Id'),
    })
  }
}

/**
 * Sends a request and reads its body; every failure becomes an `ApiError`.
 * Offline, nothing is sent. Without an answer within `REQUEST_TIMEOUT_MS`
 * the request is abandoned; it is never sent again from here.
 */
async function send(
  url: string,
  init: RequestInitWithHeaders,
  token: string | null = null,
): Promise<{ body: Blob; response: Response }> {
  if (isOffline()) throw noAnswer(NO_ANSWER_TYPES.offline, OFFLINE_MESSAGE)
  const callerSignal = init.signal ?? null
  const controller = new AbortController()
  let timedOut = false
  // A timer rather than AbortSignal.timeout: it follows the page's clock.
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new DOMException(TIMEOUT_MESSAGE, 'TimeoutError'))
  }, REQUEST_TIMEOUT_MS)
  const onCallerAbort = () => {
    controller.abort(callerSignal?.reason)
  }
  if (callerSignal?.aborted) onCallerAbort()
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true })

  const failure = (error: unknown): unknown => {
    if (timedOut) return noAnswer(NO_ANSWER_TYPES.timeout, TIMEOUT_MESSAGE)
    if (callerSignal?.aborted) return error
    // It had left: whether it arrived is unknown, offline or not.
    return noAnswer(
      NO_ANSWER_TYPES.network,
      isOffline() ? WENT_OFFLINE_MESSAGE : NETWORK_MESSAGE,
    )
  }

  let response: Response
  let body: Blob
  try {
    response = await fetch(url, { ...init, signal: controller.signal })
    // As bytes: a file keeps its byte order mark, which text() would drop.
    body = await response.blob()
  } catch (error) {
    throw failure(error)
  } finally {
    clearTimeout(timer)
    callerSignal?.removeEventListener('abort', onCallerAbort)
  }

  const requestIdHeader = response.headers.get('X-Request-Id')
  if (!response.ok) {
    const error = apiErrorFromResponse({
      status: response.status,
      statusText: response.statusText,
      bodyText: await body.text(),
      requestIdHeader,
      retryAfterHeader: response.headers.get('Retry-After'),
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
  return { body, response }
}

function noAnswer(type: string, message: string): ApiError {
  return new ApiError({ type, message, status: 0, requestId: null })
}
