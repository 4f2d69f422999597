import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * An error the sandbox answers with Seam's wire format:
 * `{ error: { type, message, request_id }, ok: false }`.
 */
export class SandboxError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'SandboxError'
  }
}

export const invalidInput = (
  message: string,
  validationErrors?: Record<string, string[]>,
): SandboxError =>
  new SandboxError(
    400,
    'invalid_input',
    message,
    validationErrors ? { validation_errors: validationErrors } : {},
  )

export const connectedAccountNotFound = (): SandboxError =>
  new SandboxError(
    404,
    'connected_account_not_found',
    'Connected account not found',
  )

export const connectWebviewNotFound = (): SandboxError =>
  new SandboxError(
    404,
    'connect_webview_not_found',
    'Connect Webview not found',
  )
