import { createBrowserRouter, Navigate, useLocation } from 'react-router'

import { Layout } from './layout'
import { paths } from './paths'
import { AccountsRoute } from './routes/accounts'
import { NotFoundRoute } from './routes/not-found'
import { RouteError } from './routes/route-error'

/** `/` is the accounts list; a query string on it still applies. */
function HomeRedirect() {
  const { search } = useLocation()
  return <Navigate to={{ pathname: paths.accounts, search }} replace />
}

export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'accounts', element: <AccountsRoute /> },
      {
        path: 'accounts/:connected_account_id',
        // Its own chunk: the editors and zod stay out of the list's first load.
        lazy: () => import('./routes/account-detail'),
      },
      { path: 'triage', lazy: () => import('./routes/triage') },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
])
