import { isApiError } from '../../lib/api-error'
import { Button } from './button'
import { ErrorIcon } from './icons'
import { StateBox } from './state-box'

export interface LoadErrorStateProps {
  /** What could not be loaded, as a heading: "Couldn’t load accounts". */
  title: string
  error: Error
  retrying: boolean
  onRetry: () => void
  /** Offered when the page's cursor is the problem. */
  onFirstPage: (() => void) | null
}

/** A list that failed to load: the API's message, its request id, Retry. */
export function LoadErrorState({
  title,
  error,
  retrying,
  onRetry,
  onFirstPage,
}: LoadErrorStateProps) {
  const requestId = isApiError(error) ? error.requestId : null
  return (
    <StateBox
      role="alert"
      icon={<ErrorIcon className="size-4 text-red-600 dark:text-red-400" />}
    >
      <h2 className="font-medium text-zinc-900 dark:text-zinc-100">{title}</h2>
      <p className="mt-1 break-words text-zinc-600 [overflow-wrap:anywhere] dark:text-zinc-300">
        {error.message}
      </p>
      {requestId ? (
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Request ID{' '}
          <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[11px] text-zinc-700 select-all dark:bg-zinc-800 dark:text-zinc-300">
            {requestId}
          </code>
        </p>
      ) : null}
      <div className="mt-4 flex gap-2">
        <Button onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </Button>
        {onFirstPage ? (
          <Button variant="ghost" onClick={onFirstPage}>
            Go to the first page
          </Button>
        ) : null}
      </div>
    </StateBox>
  )
}
