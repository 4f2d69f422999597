import { createContext, useContext } from 'react'

/** The URLs of the pages a route module links to. */
export interface AppPaths {
  home: string
  accounts: string
  triage: string
  account: (connectedAccountId: string) => string
}

/** Pages only the standalone dashboard has: a portal's frame has none of them. */
export interface StandalonePaths {
  audit: string
  signedOut: string
  /** The server's sign-in, coming back to `returnTo` (a path) afterwards. */
  signIn: (returnTo: string) => string
}

/** A path of this site, never another origin (`//evil.example` is one). */
const isLocalPath = (path: string) =>
  path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\')

/** Every URL of the app, in one place. */
export const paths = {
  home: '/',
  accounts: '/accounts',
  triage: '/triage',
  account: (connectedAccountId: string) =>
    `/accounts/${encodeURIComponent(connectedAccountId)}`,
  audit: '/audit',
  signedOut: '/signed-out',
  signIn: (returnTo: string) =>
    `/auth/login?${new URLSearchParams({
      return_to: isLocalPath(returnTo) ? returnTo : '/',
    }).toString()}`,
} as const satisfies AppPaths & StandalonePaths

/** The same pages inside a portal's frame: every link stays in the frame. */
export const embedPaths = {
  home: '/embed',
  accounts: '/embed/accounts',
  triage: '/embed/triage',
  account: (connectedAccountId: string) =>
    `/embed/accounts/${encodeURIComponent(connectedAccountId)}`,
} as const satisfies AppPaths

export const PathsContext = createContext<AppPaths>(paths)

/** The paths of the app the current page belongs to: standalone or embedded. */
export function usePaths(): AppPaths {
  return useContext(PathsContext)
}
