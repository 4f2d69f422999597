import type { RetryPolicy } from '../proxy/retry'
import {
  backoffDelay,
  parseRetryAfter,
  RETRYABLE_STATUSES,
} from '../proxy/retry'
import type { Upstream } from '../upstream'
import type { TriageFailure } from './model'

export interface UpstreamReadOptions {
  upstream: Upstream
  timeoutMs: number
  retry: RetryPolicy
  sleep: (ms: number) => Promise<void>
  random: () => number
  /** Removes configured secrets from upstream messages before they are kept. */
  redact: (text: string) => string
}

export interface UpstreamAnswer {
  status: number
  /** The parsed JSON body; null when it was not JSON. */
  body: unknown
}

/** A read that got no usable answer, in the `{ type, message }` shape of Seam's errors. */
export class UpstreamFailure extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message)
  }

  toJSON(): TriageFailure {
    return { type: this.type, message: this.message }
  }
}

async function parseBody(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text()) as unknown
  } catch {
    return null
  }
}

/**
 * POSTs one read to the upstream, retried on the same transient failures and
 * with the same backoff as the proxy's reads: a scan of a hundred pages
 * should not fail on one 503. Any HTTP answer is returned; only a timeout or
 * a connection that never answered throws.
 */
export async function readUpstream(
  options: UpstreamReadOptions,
  path: string,
  params: Record<string, unknown>,
  requestId: string,
): Promise<UpstreamAnswer> {
  const { upstream, timeoutMs, retry, sleep, random } = options
  const body = JSON.stringify(params)
  for (let n = 0; ; n++) {
    const last = n >= retry.maxRetries
    let response: Response
    try {
      response = await upstream.post(path, body, {
        signal: AbortSignal.timeout(timeoutMs),
        requestId,
      })
    } catch (error) {
      const name = error instanceof Error ? error.name : ''
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new UpstreamFailure(
          'upstream_timeout',
          `The Seam API did not answer within ${timeoutMs} ms.`,
        )
      }
      if (last) {
        throw new UpstreamFailure(
          'upstream_unreachable',
          'The Seam API could not be reached.',
        )
      }
      await sleep(backoffDelay(n, retry, random))
      continue
    }
    if (!RETRYABLE_STATUSES.has(response.status) || last) {
      return { status: response.status, body: await parseBody(response) }
    }
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'))
    if (retryAfter !== undefined && retryAfter > retry.maxRetryAfterMs) {
      return { status: response.status, body: await parseBody(response) }
    }
    await response.body?.cancel()
    await sleep(Math.max(backoffDelay(n, retry, random), retryAfter ?? 0))
  }
}

/** The failure an error answer stands for, keeping the upstream's own type and message. */
export function failureOf(
  answer: UpstreamAnswer,
  redact: (text: string) => string,
): UpstreamFailure {
  const { body } = answer
  const error =
    body !== null && typeof body === 'object' && 'error' in body
      ? body.error
      : null
  const type =
    error !== null && typeof error === 'object' && 'type' in error
      ? error.type
      : null
  const message =
    error !== null && typeof error === 'object' && 'message' in error
      ? error.message
      : null
  return new UpstreamFailure(
    typeof type === 'string' ? type : 'upstream_error',
    typeof message === 'string'
      ? redact(message)
      : `The Seam API answered with status ${answer.status}.`,
  )
}
