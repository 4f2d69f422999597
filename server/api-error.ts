import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import type { AppEnv } from './app-env'

/** Errors of the dashboard server itself, in the same shape as Seam's. */
export function apiError(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return c.json(
    { error: { type, message, request_id: c.get('requestId') }, ok: false },
    status,
    headers,
  )
}
