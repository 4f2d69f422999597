import { isApiError } from '../../lib/api-error'

/**
 * "Request ID …" of a failed request, for the reader to quote when reporting
 * it; nothing when the failure has none (no answer came back).
 */
export function RequestId({
  error,
  className,
}: {
  error: Error
  className?: string
}) {
  const requestId = isApiError(error) ? error.requestId : null
  if (!requestId) return null
  return (
    <span className={className}>
      Request ID <code className="font-mono select-all">{requestId}</code>
    </span>
  )
}
