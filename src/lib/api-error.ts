import { parseRetryAfter } from '../../server/proxy/retry'

/** Field name -> messages, e.g. `{ page_cursor: ['Malformed page cursor'] }`. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>

export interface ApiErrorInit {
  type: string
  message: string
  /** HTTP status; 0 when no response arrived (offline, DNS, refused). */
  status: number
  requestId: string | null
  fieldErrors?: FieldErrors
  /** How long the server asked to wait before trying again (`Retry-After`). */
  retryAfterMs?: number | null
}

/** The error types of a request that got no answer (status 0). */
export const NO_ANSWER_TYPES = {
  /** The browser is offline: the request was not sent. */
  offline: 'offline',
  /** No answer within the client's time limit: it may still have been applied. */
  timeout: 'timeout',
  /** The connection failed or dropped: it may or may not have arrived. */
  network: 'network_error',
} as const

/** The one error every API call throws, whatever went wrong on the way. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly type: string
  readonly status: number
  readonly requestId: string | null
  readonly fieldErrors: FieldErrors
  readonly retryAfterMs: number | null

  constructor(init: ApiErrorInit) {
    super(init.message)
    this.type = init.type
    this.status = init.status
    this.requestId = init.requestId
    this.fieldErrors = init.fieldErrors ?? {}
    this.retryAfterMs = init.retryAfterMs ?? null
  }

  /** 5xx, or no answer at all: worth trying again later. */
  get isTransient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500
  }

  /**
   * A change that may have been applied although it failed: the request left
   * but no answer came back (timeout, dropped connection).
   */
  get mayHaveApplied(): boolean {
    return this.status === 0 && this.type !== NO_ANSWER_TYPES.offline
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []

/**
 * Seam sends zod's `format()` shape (`{ field: { _errors: [...] } }`) and the
 * sandbox a flat one (`{ field: [...] }`); both become `{ field: [...] }`.
 */
export function parseFieldErrors(value: unknown): FieldErrors {
  if (!isRecord(value)) return {}
  const fieldErrors: Record<string, readonly string[]> = {}
  for (const [field, entry] of Object.entries(value)) {
    if (field === '_errors') continue
    const messages = isRecord(entry)
      ? stringsOf(entry._errors)
      : stringsOf(entry)
    if (messages.length > 0) fieldErrors[field] = messages
  }
  return fieldErrors
}

function statusMessage(status: number, statusText: string): string {
  const reason = statusText ? ` (${statusText})` : ''
  return `The server answered with status ${status}${reason} and no error details.`
}

/**
 * Builds the error for a failed response from its status, its body (already
 * read as text: it may not be JSON at all, e.g. a proxy's HTML page) and the
 * request id header the dashboard server sets on every response.
 */
export function apiErrorFromResponse(response: {
  status: number
  statusText: string
  bodyText: string
  requestIdHeader: string | null
  retryAfterHeader?: string | null
}): ApiError {
  const { status, statusText, bodyText, requestIdHeader } = response
  let body: unknown = null
  try {
    body = JSON.parse(bodyText)
  } catch {
    // Not JSON: keep the status-only message below.
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : null
  const type = error && typeof error.type === 'string' ? error.type : null
  const message =
    error && typeof error.message === 'string' && error.message.trim() !== ''
      ? error.message
      : null
  const requestId =
    error && typeof error.request_id === 'string'
      ? error.request_id
      : requestIdHeader
  return new ApiError({
    type: type ?? (status >= 500 ? 'server_error' : 'http_error'),
    message: message ?? statusMessage(status, statusText),
    status,
    requestId,
    fieldErrors: error ? parseFieldErrors(error.validation_errors) : {},
    retryAfterMs: parseRetryAfter(response.retryAfterHeader ?? null) ?? null,
  })
}
