import { useRouteError } from 'react-router'

import { Button } from '../../components/ui/button'

/** Last resort when rendering itself fails: say so and offer a reload. */
export function RouteError() {
  const error = useRouteError()
  const message = error instanceof Error ? error.message : 'Unknown error'
  return (
    <div role="alert" className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-lg font-semibold tracking-tight">
        Something went wrong
      </h1>
      <p className="mt-1 text-[13px] break-words text-zinc-500 dark:text-zinc-400">
        {message}
      </p>
      <Button
        className="mt-4"
        onClick={() => {
          window.location.reload()
        }}
      >
        Reload the page
      </Button>
    </div>
  )
}
