import {
  Link,
  NavLink,
  type NavLinkProps,
  Outlet,
  ScrollRestoration,
  useLocation,
  useNavigate,
} from 'react-router'

import { ThemeToggle } from '../components/ui/theme-toggle'
import { useCurrentUser } from '../features/auth/api/get-current-user'
import { UserMenu } from '../features/auth/components/user-menu'
import { ModeBadge } from '../features/dashboard-status/components/mode-badge'
import { cn } from '../lib/cn'
import { paths } from './paths'
import type { SignedOutState } from './routes/signed-out'
import {
  assignLocation,
  type Redirect,
  useSignInRedirect,
} from './sign-in-redirect'

/**
 * The list restores its scroll position by URL, not by history entry, so
 * "All accounts" from a detail page lands where the reader left the list.
 */
function scrollKey(location: {
  pathname: string
  search: string
  key: string
}) {
  return location.pathname === paths.accounts
    ? `${location.pathname}${location.search}`
    : location.key
}

function NavItem({ to, children }: Pick<NavLinkProps, 'to' | 'children'>) {
  return (
    <NavLink
      to={to}
      className={({ isActive }) =>
        cn(
          'rounded-md px-2 py-1 text-[13px] font-medium transition-colors',
          isActive
            ? 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100'
            : 'text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
        )
      }
    >
      {children}
    </NavLink>
  )
}

export interface LayoutProps {
  /** How the browser leaves for the server's sign-in page. */
  redirect?: Redirect
}

export function Layout({ redirect = assignLocation }: LayoutProps) {
  useSignInRedirect(redirect)
  const navigate = useNavigate()
  const { pathname, search } = useLocation()
  const isAdmin = useCurrentUser().data?.role === 'admin'
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-zinc-200/80 bg-white dark:border-zinc-800/80 dark:bg-zinc-950">
        <div className="mx-auto flex min-h-12 w-full max-w-screen-2xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-1.5 sm:px-6">
          <Link
            to={paths.accounts}
            className="flex shrink-0 items-center gap-2 rounded-md text-sm font-semibold tracking-tight"
          >
            <img src="/favicon.svg" alt="" className="size-5" />
            <span className="max-sm:sr-only">Seam Accounts Console</span>
          </Link>
          <nav aria-label="Main" className="flex items-center gap-1">
            <NavItem to={paths.accounts}>Accounts</NavItem>
            <NavItem to={paths.triage}>Triage</NavItem>
            {isAdmin ? <NavItem to={paths.audit}>Audit log</NavItem> : null}
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <ModeBadge />
            <UserMenu
              onSignedOut={() => {
                void navigate(paths.signedOut, {
                  replace: true,
                  state: {
                    returnTo: `${pathname}${search}`,
                  } satisfies SignedOutState,
                })
              }}
            />
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-6 sm:px-6">
        <Outlet />
      </main>
      <ScrollRestoration getKey={scrollKey} />
    </div>
  )
}
