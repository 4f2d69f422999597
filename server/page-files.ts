import type { ShellPage } from '../src/app/page-shell'

const ACCOUNT_PATH = /^\/accounts\/([^/]+)\/?$/

/** The app's pages that have their own HTML, with their outline drawn in. */
const SHELL_ROUTES: readonly (readonly [RegExp, ShellPage])[] = [
  // `/` becomes the accounts list on the first render.
  [/^\/(?:accounts\/?)?$/, 'accounts'],
  [ACCOUNT_PATH, 'account'],
  [/^\/triage\/?$/, 'triage'],
]

/** The built HTML file (under `dist/`) that answers an app path. */
export function pageFileFor(path: string): string {
  const page = SHELL_ROUTES.find(([pattern]) => pattern.test(path))?.[1]
  return page === undefined ? 'index.html' : `pages/${page}.html`
}

/** The account an account page's path names, or null (another page, or no ID). */
export function accountIdOf(path: string): string | null {
  const segment = ACCOUNT_PATH.exec(path)?.[1]
  if (segment === undefined) return null
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}
