import { createContext, useContext } from 'react'

/** The URLs of the pages a route module links to. */
export interface AppPaths {
  home: string
  accounts: string
  triage: string
  account: (connectedAccountId: string) => string
}

/** Every URL of the app, in one place. */
export const paths = {
  home: '/',
  accounts: '/accounts',
  triage: '/triage',
  account: (connectedAccountId: string) =>
    `/accounts/${encodeURIComponent(connectedAccountId)}`,
} as const satisfies AppPaths

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
