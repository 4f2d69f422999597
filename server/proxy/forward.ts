import type { Context } from 'hono'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'
import type { Upstream } from '../upstream'
import type { AllowedRoute } from './allowlist'
import { findAllowedRoute, MAX_PAGE_SIZE } from './allowlist'
import { CircuitBreaker } from './circuit-breaker'
import { fieldNestedTooDeep, MAX_BODY_DEPTH } from './json-depth'
import { requestGuard } from './request-guard'
import type { RetryPolicy } from './retry'
import {
  backoffDelay,
  defaultRetryPolicy,
  parseRetryAfter,
  RETRYABLE_STATUSES,
} from './retry'

export const API_BODY_LIMIT = 64 * 1024

/**
 * Runs on each parsed request before it is forwarded: answers it instead (a
 * refusal), or returns the body to send, changed or not.
 */
export type BeforeForward = (
  c: Context<AppEnv>,
  route: AllowedRoute,
  body: Record<string, unknown>,
) => Promise<Response | Record<string, unknown>>

export interface ProxyOptions {
  upstream: Upstream
  timeoutMs: number
  /** The dashboard's own origin when requests cannot tell it (behind a proxy). */
  publicOrigin: string | null
  retry?: RetryPolicy
  breaker?: CircuitBreaker
  /** Whether simulate routes may run: always on the sandbox, on Seam only for sandbox workspaces. */
  isSandboxWorkspace: () => Promise<boolean>
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  /** Removes configured secrets from what the upstream sends back. */
  redact?: (text: string) => string
  /**
   * Whether an upstream body holds a configured secret; bodies without one
   * (nor a stack trace) go out as they came. Unset, every body is redacted.
   */
  containsSecret?: (bytes: Buffer) => boolean
  /**
   * Told of every write the upstream answered (any status), so caches built
   * from upstream reads can catch up without the proxy knowing them.
   */
  onWrite?: (
    route: AllowedRoute,
    body: Readonly<Record<string, unknown>>,
    status: number,
    c: Context<AppEnv>,
  ) => void
  beforeForward?: BeforeForward
  /**
   * Runs once every check has passed, right before the call goes upstream
   * (the audit log writes its record here); a Response refuses the call.
   */
  beforeUpstream?: (
    c: Context<AppEnv>,
    route: AllowedRoute,
    body: Readonly<Record<string, unknown>>,
  ) => Promise<Response | undefined>
}

type Attempt =
  | { kind: 'response'; response: Response }
  | { kind: 'timeout' }
  | { kind: 'unreachable' }
  | { kind: 'breaker_open'; retryAfterMs: number }

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The upstream's JSON body, without a stack trace some servers add to errors. */
function withoutStack(text: string): string {
  try {
    const body: unknown = JSON.parse(text)
    if (
      body !== null &&
      typeof body === 'object' &&
      'error' in body &&
      body.error !== null &&
      typeof body.error === 'object' &&
      'stack' in body.error
    ) {
      delete body.error.stack
      return JSON.stringify(body)
    }
  } catch {
    // Not JSON: passed through as it came.
  }
  return text
}

export function createApiProxy(options: ProxyOptions): Hono<AppEnv> {
  const {
    upstream,
    timeoutMs,
    retry = defaultRetryPolicy,
    breaker = new CircuitBreaker(),
    sleep = defaultSleep,
    random = Math.random,
    redact = (text: string) => text,
    containsSecret = () => true,
  } = options
  const app = new Hono<AppEnv>()

  async function attempt(
    route: AllowedRoute,
    body: string,
    requestId: string,
  ): Promise<Attempt> {
    const decision = breaker.request()
    if (!decision.allowed) {
      return { kind: 'breaker_open', retryAfterMs: decision.retryAfterMs }
    }
    try {
      const response = await upstream.post(route.path, body, {
        signal: AbortSignal.timeout(timeoutMs),
        requestId,
      })
      if (response.status >= 500) breaker.recordFailure()
      else breaker.recordSuccess()
      return { kind: 'response', response }
    } catch (error) {
      breaker.recordFailure()
      const name = error instanceof Error ? error.name : ''
      return name === 'TimeoutError' || name === 'AbortError'
        ? { kind: 'timeout' }
        : { kind: 'unreachable' }
    }
  }

  async function forward(
    c: Context<AppEnv>,
    route: AllowedRoute,
    body: string,
  ): Promise<Response> {
    const maxAttempts = route.kind === 'read' ? retry.maxRetries + 1 : 1
    let result: Attempt = { kind: 'unreachable' }
    for (let n = 0; n < maxAttempts; n++) {
      c.set('upstreamAttempts', n + 1)
      result = await attempt(route, body, c.get('requestId'))
      if (result.kind === 'timeout' || result.kind === 'breaker_open') break
      const retryable =
        result.kind === 'unreachable' ||
        RETRYABLE_STATUSES.has(result.response.status)
      if (!retryable || n === maxAttempts - 1) break
      let delay = backoffDelay(n, retry, random)
      if (result.kind === 'response') {
        const retryAfter = parseRetryAfter(
          result.response.headers.get('retry-after'),
        )
        if (retryAfter !== undefined) {
          if (retryAfter > retry.maxRetryAfterMs) break
          delay = Math.max(delay, retryAfter)
        }
        await result.response.body?.cancel()
      }
      await sleep(delay)
    }

    switch (result.kind) {
      case 'timeout':
        return apiError(
          c,
          504,
          'upstream_timeout',
          `The Seam API did not answer within ${timeoutMs} ms.`,
        )
      case 'unreachable':
        return apiError(
          c,
          502,
          'upstream_unreachable',
          'The Seam API could not be reached.',
        )
      case 'breaker_open':
        return unavailable(c, result.retryAfterMs)
      case 'response': {
        const { response } = result
        const headers: Record<string, string> = {
          'content-type':
            response.headers.get('content-type') ?? 'application/json',
        }
        const retryAfter = response.headers.get('retry-after')
        if (retryAfter !== null) headers['retry-after'] = retryAfter
        // Status and body pass through; upstream cookies and other headers
        // do not. Most bodies hold neither a stack trace nor a secret, and go
        // out byte for byte without being decoded.
        const bytes = Buffer.from(await response.arrayBuffer())
        const body =
          bytes.includes('"stack"') || containsSecret(bytes)
            ? redact(withoutStack(bytes.toString('utf8')))
            : bytes
        return c.body(body, response.status as ContentfulStatusCode, headers)
      }
    }
  }

  // Streams the body and stops at the limit, with or without Content-Length.
  const limitStreamedBody = bodyLimit({
    maxSize: API_BODY_LIMIT,
    onError: tooLarge,
  })
  app.use(async (c, next) => {
    // A Content-Length is told by the header alone (Node's parser holds the
    // body to it): watching the stream would cost more than the call.
    const length = c.req.header('content-length')
    if (
      length !== undefined &&
      /^\d+$/.test(length) &&
      c.req.header('transfer-encoding') === undefined
    ) {
      if (Number(length) > API_BODY_LIMIT) return tooLarge(c)
      return next()
    }
    return limitStreamedBody(c, next)
  })

  const routeOf = (c: Context<AppEnv>) => {
    const rawPath = new URL(c.req.url).pathname
    return { rawPath, route: findAllowedRoute(rawPath) }
  }

  // Only allowlisted routes, and only POST, go on to the request checks.
  app.use(async (c, next) => {
    const { rawPath, route } = routeOf(c)
    if (!route) {
      return apiError(c, 404, 'not_found', `No API route ${rawPath}`)
    }
    if (c.req.method !== 'POST') {
      return apiError(
        c,
        405,
        'method_not_allowed',
        `Use POST for /api/${route.path}.`,
        { allow: 'POST' },
      )
    }
    await next()
  })

  app.use(requestGuard({ publicOrigin: options.publicOrigin }))

  app.post('*', async (c) => {
    const { rawPath, route } = routeOf(c)
    // Answered by the allowlist check already; this narrows the type.
    if (!route) return apiError(c, 404, 'not_found', `No API route ${rawPath}`)

    const text = await c.req.text()
    let params: unknown = {}
    if (text.trim() !== '') {
      try {
        params = JSON.parse(text)
      } catch {
        return apiError(
          c,
          400,
          'invalid_input',
          'Invalid input: the request body is not valid JSON.',
        )
      }
    }
    if (
      params === null ||
      typeof params !== 'object' ||
      Array.isArray(params)
    ) {
      return apiError(
        c,
        400,
        'invalid_input',
        'Invalid input: the request body must be a JSON object.',
      )
    }
    let body = params as Record<string, unknown>
    const tooDeep = fieldNestedTooDeep(body)
    if (tooDeep !== undefined) {
      return apiError(
        c,
        400,
        'invalid_input',
        `Invalid input: ${tooDeep} is nested more than ${MAX_BODY_DEPTH} levels deep.`,
      )
    }

    if (route.paged) {
      if (body.limit === undefined) body.limit = MAX_PAGE_SIZE
      else if (typeof body.limit === 'number' && body.limit > MAX_PAGE_SIZE) {
        return apiError(
          c,
          400,
          'invalid_input',
          `Invalid input: limit must be at most ${MAX_PAGE_SIZE} through the dashboard (got ${body.limit}).`,
        )
      }
    }
    // While the circuit is open, refused before any other work: role and
    // scope checks and the audit log read the upstream too.
    const circuit = breaker.peek()
    if (!circuit.allowed) return unavailable(c, circuit.retryAfterMs)
    if (options.beforeForward) {
      const decided = await options.beforeForward(c, route, body)
      if (decided instanceof Response) return decided
      body = decided
    }
    if (route.sandboxOnly && !(await options.isSandboxWorkspace())) {
      return apiError(
        c,
        403,
        'sandbox_only',
        `/api/${route.path} only works on a sandbox workspace.`,
      )
    }
    const refused = await options.beforeUpstream?.(c, route, body)
    if (refused) return refused
    const response = await forward(c, route, JSON.stringify(body))
    if (route.kind === 'write') {
      options.onWrite?.(route, body, response.status, c)
    }
    return response
  })

  return app
}

/** The fast answer while the circuit is open, with when to try again. */
function unavailable(c: Context<AppEnv>, retryAfterMs: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1_000))
  return apiError(
    c,
    503,
    'upstream_unavailable',
    `The Seam API failed repeatedly; requests pause for ${seconds} s.`,
    { 'retry-after': String(seconds) },
  )
}

function tooLarge(c: Context<AppEnv>): Response {
  return apiError(
    c,
    413,
    'payload_too_large',
    `The request body is larger than ${API_BODY_LIMIT / 1024} KiB.`,
  )
}
