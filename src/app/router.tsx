import {
  createBrowserRouter,
  Navigate,
  type RouteObject,
  useLocation,
} from 'react-router'

import { Layout } from './layout'
import { embedPaths, paths } from './paths'
import { AccountsRoute } from './routes/accounts'
import { NotFoundRoute } from './routes/not-found'
import { RouteError } from './routes/route-error'
import { SignedOutRoute } from './routes/signed-out'

/** `/` is the accounts list; a query string on it still applies. */
function HomeRedirect({ to }: { to: string }) {
  const { search } = useLocation()
  return <Navigate to={{ pathname: to, search }} replace />
}

/**
 * Shown for the moment a first load waits for a lazy route's chunk: an empty
 * page rather than half a layout.
 */
const chunkLoading = <div aria-busy="true" />

/** The pages inside a portal's frame: the same route modules, embed paths. */
export const embedRoutes: RouteObject[] = [
  { index: true, element: <HomeRedirect to={embedPaths.accounts} /> },
  { path: 'accounts', element: <AccountsRoute /> },
  {
    path: 'accounts/:connected_account_id',
    lazy: () => import('./routes/account-detail'),
  },
  { path: 'triage', lazy: () => import('./routes/triage') },
  { path: '*', element: <NotFoundRoute /> },
]

/** The pages of the dashboard, standalone and inside a portal's frame. */
export const appRoutes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: chunkLoading,
    children: [
      { index: true, element: <HomeRedirect to={paths.accounts} /> },
      { path: 'accounts', element: <AccountsRoute /> },
      {
        path: 'accounts/:connected_account_id',
        // Its own chunk: the editors and zod stay out of the list's first load.
        lazy: () => import('./routes/account-detail'),
      },
      { path: 'triage', lazy: () => import('./routes/triage') },
      // Its own chunk, for admins only: the first load does not carry it.
      { path: 'audit', lazy: () => import('./routes/audit') },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
  {
    // Outside the layout: nothing on it asks who is signed in.
    path: 'signed-out',
    element: <SignedOutRoute />,
    errorElement: <RouteError />,
  },
  {
    // The embedded dashboard: the same pages without the app's chrome,
    // signed in by the portal. Its own chunk: the standalone first load
    // does not carry it.
    path: 'embed',
    lazy: () => import('./embed/embed-layout'),
    errorElement: <RouteError />,
    hydrateFallbackElement: chunkLoading,
    children: embedRoutes,
  },
]

export function createRouter() {
  return createBrowserRouter(appRoutes)
}
