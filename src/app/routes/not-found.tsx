import { Link } from 'react-router'

import { buttonClassName } from '../../components/ui/button'
import { usePaths } from '../paths'

export function NotFoundRoute() {
  const paths = usePaths()
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <title>Not found · Seam Accounts Console</title>
      <h1 className="text-lg font-semibold tracking-tight">Page not found</h1>
      <p className="mt-1 text-[13px] text-zinc-500 dark:text-zinc-400">
        There is nothing at this address.
      </p>
      <Link
        to={paths.accounts}
        className={buttonClassName({ className: 'mt-4' })}
      >
        Go to accounts
      </Link>
    </div>
  )
}
