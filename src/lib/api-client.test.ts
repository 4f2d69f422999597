import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  apiDownload,
  apiGet,
  apiPost,
  filenameFromDisposition,
  onSessionRejected,
  onUnauthenticated,
  REQUEST_TIMEOUT_MS,
  serverPost,
  setSessionToken,
  withQueryString,
} from './api-client'
import { ApiError, isApiError, parseFieldErrors } from './api-error'

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) =>
    response instanceof Error
      ? Promise.reject(response)
      : Promise.resolve(response),
  )
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

const json = (
  body: unknown,
  status: number,
  headers: Record<string, string> = {},
) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (isApiError(error)) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

afterEach(() => {
  vi.unstubAllGlobals()
  setSessionToken(null)
})

describe('apiPost', () => {
  it('POSTs JSON to /api/<route> and returns the parsed body', async () => {
    const fetchMock = stubFetch(json({ connected_accounts: [], ok: true }, 200))
    const controller = new AbortController()
    const body = await apiPost(
      'connected_accounts/list',
      { limit: 25, search: 'gmail' },
      { signal: controller.signal },
    )
    expect(body).toEqual({ connected_accounts: [], ok: true })
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0] ?? []
    expect(url).toBe('/api/connected_accounts/list')
    expect(init?.method).toBe('POST')
    expect(new Headers(init?.headers).get('Content-Type')).toBe(
      'application/json',
    )
    expect(init?.body).toBe('{"limit":25,"search":"gmail"}')
    expect(init?.signal).toBeInstanceOf(AbortSignal)
  })

  it("throws an ApiError from Seam's error shape", async () => {
    stubFetch(
      json(
        {
          error: {
            type: 'connected_account_not_found',
            message: 'Connected account not found',
            request_id: 'req_123',
          },
          ok: false,
        },
        404,
        { 'X-Request-Id': 'header_id' },
      ),
    )
    const error = await caught(apiPost('connected_accounts/get', {}))
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      type: 'connected_account_not_found',
      message: 'Connected account not found',
      status: 404,
      requestId: 'req_123',
      fieldErrors: {},
    })
    expect(error.isTransient).toBe(false)
  })

  it('reads field errors in the flat shape of the sandbox', async () => {
    stubFetch(
      json(
        {
          error: {
            type: 'invalid_input',
            message: 'page_cursor is malformed',
            request_id: 'r1',
            validation_errors: { page_cursor: ['Malformed page cursor'] },
          },
          ok: false,
        },
        400,
      ),
    )
    const error = await caught(apiPost('connected_accounts/list', {}))
    expect(error.fieldErrors).toEqual({
      page_cursor: ['Malformed page cursor'],
    })
  })

  it("reads field errors in zod's format() shape used by Seam", async () => {
    stubFetch(
      json(
        {
          error: {
            type: 'invalid_input',
            message: 'Invalid input',
            request_id: 'r2',
            validation_errors: {
              _errors: [],
              limit: { _errors: ['Number must be at most 200'] },
              custom_metadata_has: { _errors: [] },
            },
          },
        },
        400,
      ),
    )
    const error = await caught(apiPost('connected_accounts/list', {}))
    expect(error.fieldErrors).toEqual({
      limit: ['Number must be at most 200'],
    })
  })

  it('survives an HTML error page, using the status and the request id header', async () => {
    stubFetch(
      new Response('<html><body>Bad gateway</body></html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'Content-Type': 'text/html', 'X-Request-Id': 'rid-502' },
      }),
    )
    const error = await caught(apiPost('connected_accounts/list', {}))
    expect(error).toMatchObject({
      type: 'server_error',
      status: 502,
      requestId: 'rid-502',
      message:
        'The server answered with status 502 (Bad Gateway) and no error details.',
    })
    expect(error.isTransient).toBe(true)
  })

  it('survives an empty error body and JSON without an error object', async () => {
    stubFetch(new Response('', { status: 403 }))
    expect(await caught(apiPost('x', {}))).toMatchObject({
      type: 'http_error',
      status: 403,
      requestId: null,
    })
    stubFetch(json({ message: 'nope' }, 500))
    expect(await caught(apiPost('x', {}))).toMatchObject({
      type: 'server_error',
      status: 500,
    })
    stubFetch(json({ error: { type: 42, message: '' } }, 400))
    expect(await caught(apiPost('x', {}))).toMatchObject({
      type: 'http_error',
      message: 'The server answered with status 400 and no error details.',
    })
  })

  it('turns a network failure into a transient ApiError', async () => {
    stubFetch(new TypeError('Failed to fetch'))
    const error = await caught(apiPost('connected_accounts/list', {}))
    expect(error).toMatchObject({
      type: 'network_error',
      status: 0,
      requestId: null,
    })
    expect(error.isTransient).toBe(true)
  })

  it('rethrows an abort as is, so it is not mistaken for a failure', async () => {
    const controller = new AbortController()
    controller.abort()
    const abort = new DOMException('The operation was aborted.', 'AbortError')
    stubFetch(abort)
    await expect(
      apiPost('connected_accounts/list', {}, { signal: controller.signal }),
    ).rejects.toBe(abort)
  })

  it('rejects a success that is not JSON', async () => {
    stubFetch(
      new Response('<html></html>', {
        status: 200,
        headers: { 'X-Request-Id': 'rid' },
      }),
    )
    expect(await caught(apiPost('connected_accounts/list', {}))).toMatchObject({
      type: 'invalid_response',
      status: 200,
      requestId: 'rid',
    })
  })
})

describe('parseFieldErrors', () => {
  it('ignores anything that is not an object of messages', () => {
    expect(parseFieldErrors(null)).toEqual({})
    expect(parseFieldErrors(['a'])).toEqual({})
    expect(parseFieldErrors({ a: 'not a list', b: [1, 'ok'] })).toEqual({
      b: ['ok'],
    })
  })
})

describe('apiGet', () => {
  it('GETs /api/<route> without a body and returns the parsed body', async () => {
    const fetchMock = stubFetch(json({ ok: true, status: 'ready' }, 200))
    const body = await apiGet('dashboard/triage')
    expect(body).toEqual({ ok: true, status: 'ready' })
    const [url, init] = fetchMock.mock.calls[0] ?? []
    expect(url).toBe('/api/dashboard/triage')
    expect(init?.method).toBe('GET')
    expect(init?.body).toBeUndefined()
  })

  it('sends the query parameters that have a value', async () => {
    const fetchMock = stubFetch(json({ ok: true, records: [] }, 200))
    await apiGet('audit', {
      query: { actor: 'dana@example.com', action: '', cursor: null, limit: 25 },
    })
    expect(fetchMock.mock.calls[0]?.[0]).toBe(
      '/api/audit?actor=dana%40example.com&limit=25',
    )
  })

  it('parses a failure into an ApiError like apiPost', async () => {
    stubFetch(
      json({ error: { type: 'upstream_error', message: 'Seam is down' } }, 502),
    )
    const error = await caught(apiGet('dashboard/triage'))
    expect(error.type).toBe('upstream_error')
    expect(error.message).toBe('Seam is down')
    expect(error.status).toBe(502)
  })
})

describe('session token', () => {
  const sentAuthorization = (fetchMock: ReturnType<typeof stubFetch>) =>
    new Headers(fetchMock.mock.calls.at(-1)?.[1]?.headers).get('Authorization')

  it('sends no Authorization header without a session', async () => {
    const fetchMock = stubFetch(json({ ok: true }, 200))
    await apiPost('connected_accounts/list', {})
    expect(sentAuthorization(fetchMock)).toBeNull()
  })

  it('sends the session token as a bearer with every request while set', async () => {
    setSessionToken('sess_1')
    let fetchMock = stubFetch(json({ ok: true }, 200))
    await apiPost('connected_accounts/list', {})
    expect(sentAuthorization(fetchMock)).toBe('Bearer sess_1')
    fetchMock = stubFetch(json({ ok: true }, 200))
    await apiGet('dashboard/triage')
    expect(sentAuthorization(fetchMock)).toBe('Bearer sess_1')
    expect(
      new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('Accept'),
    ).toBe('application/json')

    setSessionToken(null)
    fetchMock = stubFetch(json({ ok: true }, 200))
    await apiGet('dashboard/triage')
    expect(sentAuthorization(fetchMock)).toBeNull()
  })

  it('tells listeners when the server refuses the session, and still rejects', async () => {
    const listener = vi.fn()
    const stop = onSessionRejected(listener)
    setSessionToken('sess_old')
    stubFetch(
      json({ error: { type: 'session_expired', message: 'Expired' } }, 401),
    )
    const error = await caught(apiPost('connected_accounts/list', {}))
    expect(error).toMatchObject({ type: 'session_expired', status: 401 })
    expect(listener).toHaveBeenCalledWith({
      type: 'session_expired',
      token: 'sess_old',
    })

    stubFetch(
      json({ error: { type: 'invalid_session', message: 'Unknown' } }, 401),
    )
    await caught(apiGet('dashboard/triage'))
    expect(listener).toHaveBeenLastCalledWith({
      type: 'invalid_session',
      token: 'sess_old',
    })

    stop()
    stubFetch(
      json({ error: { type: 'session_expired', message: 'Expired' } }, 401),
    )
    await caught(apiGet('dashboard/triage'))
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('does not report other failures, or a 401 without a session', async () => {
    const listener = vi.fn()
    const stop = onSessionRejected(listener)
    setSessionToken('sess_1')
    stubFetch(
      json({ error: { type: 'forbidden', message: 'Needs admin' } }, 403),
    )
    await caught(apiPost('connected_accounts/delete', {}))
    stubFetch(
      json({ error: { type: 'invalid_embed_token', message: 'Bad' } }, 401),
    )
    await caught(apiPost('embed/session', {}))
    setSessionToken(null)
    stubFetch(
      json({ error: { type: 'session_expired', message: 'Expired' } }, 401),
    )
    await caught(apiGet('dashboard/triage'))
    expect(listener).not.toHaveBeenCalled()
    stop()
  })

  it('passes keepalive through for requests sent while the page goes away', async () => {
    const fetchMock = stubFetch(json({ ok: true }, 200))
    await apiPost('embed/session/end', {}, { keepalive: true })
    expect(fetchMock.mock.calls[0]?.[1]?.keepalive).toBe(true)
  })
})

describe('withQueryString', () => {
  it('leaves the route alone without parameters', () => {
    expect(withQueryString('audit', {})).toBe('audit')
    expect(withQueryString('audit', { actor: '', cursor: undefined })).toBe(
      'audit',
    )
  })

  it('encodes values and keeps the order given', () => {
    expect(
      withQueryString('audit/account/a b', { limit: 10, q: 'x&y=z', ok: true }),
    ).toBe('audit/account/a b?limit=10&q=x%26y%3Dz&ok=true')
  })
})

describe('unauthenticated', () => {
  it('tells listeners when nobody is signed in, and still rejects', async () => {
    const listener = vi.fn()
    const stop = onUnauthenticated(listener)
    stubFetch(
      json({ error: { type: 'unauthenticated', message: 'Sign in' } }, 401),
    )
    const error = await caught(apiGet('auth/me'))
    expect(error.type).toBe('unauthenticated')
    expect(listener).toHaveBeenCalledExactlyOnceWith(error)
    stop()
    stubFetch(
      json({ error: { type: 'unauthenticated', message: 'Sign in' } }, 401),
    )
    await caught(apiGet('auth/me'))
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('ignores other refusals, and those of an embedded session', async () => {
    const listener = vi.fn()
    const stop = onUnauthenticated(listener)
    stubFetch(json({ error: { type: 'forbidden', message: 'No' } }, 403))
    await caught(apiGet('audit'))
    setSessionToken('sess_1')
    stubFetch(
      json({ error: { type: 'unauthenticated', message: 'Sign in' } }, 401),
    )
    await caught(apiGet('auth/me'))
    expect(listener).not.toHaveBeenCalled()
    stop()
  })
})

describe('serverPost', () => {
  it('POSTs JSON outside /api without the session, whatever the body', async () => {
    setSessionToken('sess_1')
    const fetchMock = stubFetch(new Response(null, { status: 204 }))
    await serverPost('/auth/logout')
    const [url, init] = fetchMock.mock.calls[0] ?? []
    expect(url).toBe('/auth/logout')
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe('{}')
    const headers = new Headers(init?.headers)
    expect(headers.get('Content-Type')).toBe('application/json')
    expect(headers.get('Authorization')).toBeNull()
  })

  it('rejects with an ApiError when the server refuses', async () => {
    stubFetch(
      json({ error: { type: 'forbidden', message: 'Bad origin' } }, 403),
    )
    const error = await caught(serverPost('/auth/logout'))
    expect(error.message).toBe('Bad origin')
  })
})

/** A fetch that never answers, and fails the way fetch does once aborted. */
function stubHangingFetch() {
  const fetchMock = vi.fn(
    (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          reject(init.signal?.reason as Error)
        })
      }),
  )
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

describe('faults', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('gives up after REQUEST_TIMEOUT_MS with a timeout error, sent once', async () => {
    vi.useFakeTimers()
    const fetchMock = stubHangingFetch()
    const pending = caught(apiPost('connected_accounts/update', {}))
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1)
    expect(fetchMock.mock.calls[0]?.[1]?.signal?.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    const error = await pending
    expect(error).toMatchObject({ type: 'timeout', status: 0, requestId: null })
    expect(error.message).toBe(
      'The dashboard server did not answer within 30 s.',
    )
    expect(error.isTransient).toBe(true)
    expect(error.mayHaveApplied).toBe(true)
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it("follows the caller's abort and rethrows its reason", async () => {
    const fetchMock = stubHangingFetch()
    const controller = new AbortController()
    const pending = apiPost(
      'connected_accounts/list',
      {},
      {
        signal: controller.signal,
      },
    )
    const signal = fetchMock.mock.calls[0]?.[1]?.signal
    expect(signal?.aborted).toBe(false)
    const reason = new DOMException('Gone', 'AbortError')
    controller.abort(reason)
    expect(signal?.aborted).toBe(true)
    await expect(pending).rejects.toBe(reason)
  })

  it('leaves no timer behind once answered', async () => {
    vi.useFakeTimers()
    stubFetch(json({ ok: true }, 200))
    await apiPost('connected_accounts/list', {})
    expect(vi.getTimerCount()).toBe(0)
  })

  it('sends nothing while the browser is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false })
    const fetchMock = stubFetch(json({ ok: true }, 200))
    const error = await caught(apiPost('connected_accounts/delete', {}))
    expect(fetchMock).not.toHaveBeenCalled()
    expect(error).toMatchObject({ type: 'offline', status: 0 })
    expect(error.message).toMatch(/^You are offline/)
    expect(error.mayHaveApplied).toBe(false)
  })

  it('says so when the connection was lost to going offline, and that it may have applied', async () => {
    const onLine = { onLine: true }
    vi.stubGlobal('navigator', onLine)
    vi.stubGlobal(
      'fetch',
      vi.fn(() => {
        onLine.onLine = false
        return Promise.reject(new TypeError('Failed to fetch'))
      }),
    )
    const error = await caught(apiPost('connected_accounts/update', {}))
    expect(error).toMatchObject({
      type: 'network_error',
      status: 0,
      message:
        'The connection was lost before an answer came back: you are offline.',
    })
    expect(error.mayHaveApplied).toBe(true)
  })

  it('calls a dropped connection a network error that may have applied', async () => {
    stubFetch(new TypeError('Failed to fetch'))
    const error = await caught(apiPost('connected_accounts/sync', {}))
    expect(error.type).toBe('network_error')
    expect(error.mayHaveApplied).toBe(true)
  })

  it('reads Retry-After, in seconds or as a date', async () => {
    stubFetch(
      json(
        { error: { type: 'rate_limited', message: 'Slow down' }, ok: false },
        429,
        { 'Retry-After': '3' },
      ),
    )
    const error = await caught(apiPost('connected_accounts/list', {}))
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_000 })
    expect(error.isTransient).toBe(true)

    const date = new Date(Date.now() + 60_000).toUTCString()
    stubFetch(json({}, 503, { 'Retry-After': date }))
    const later = await caught(apiPost('connected_accounts/list', {}))
    expect(later.retryAfterMs).toBeGreaterThan(50_000)
    expect(later.retryAfterMs).toBeLessThanOrEqual(60_000)

    stubFetch(json({}, 500))
    expect((await caught(apiPost('x', {}))).retryAfterMs).toBeNull()
  })
})

describe('apiDownload', () => {
  it('returns the file byte for byte, with the name the server gave', async () => {
    const fetchMock = stubFetch(
      new Response('\uFEFFa,b\r\n', {
        status: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="audit-2026-01-02.csv"',
        },
      }),
    )
    const file = await apiDownload('audit/export.csv', {
      query: { actor: 'dana', outcome: '' },
    })
    expect(fetchMock.mock.calls[0]?.[0]).toBe(
      '/api/audit/export.csv?actor=dana',
    )
    expect(file.filename).toBe('audit-2026-01-02.csv')
    const bytes = new Uint8Array(await file.blob.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })

  it('fails like apiGet, with the message and request id', async () => {
    stubFetch(
      json(
        {
          error: { type: 'internal_server_error', message: 'Disk full' },
          ok: false,
        },
        500,
        { 'X-Request-Id': 'req_9' },
      ),
    )
    expect(await caught(apiDownload('audit/export.csv'))).toMatchObject({
      status: 500,
      message: 'Disk full',
      requestId: 'req_9',
    })
  })

  it('takes only a plain file name from Content-Disposition', () => {
    expect(filenameFromDisposition('attachment; filename="a.csv"')).toBe(
      'a.csv',
    )
    expect(filenameFromDisposition('attachment; filename="../x"')).toBeNull()
    expect(filenameFromDisposition('attachment')).toBeNull()
    expect(filenameFromDisposition(null)).toBeNull()
  })
})
