import type { ShellPage } from '../src/app/page-shell'

/** The app's pages that have their own HTML, with their outline drawn in. */
const SHELL_ROUTES: readonly (readonly [RegExp, ShellPage])[] = [
  // `/` becomes the accounts list on the first render.
  [/^\/(?:accounts\/?)?$/, 'accounts'],
  [/^\/accounts\/[^/]+\/?$/, 'account'],
  [/^\/triage\/?$/, 'triage'],
]

/** The built HTML file (under `dist/`) that answers an app path. */
export function pageFileFor(path: string): string {
  const page = SHELL_ROUTES.find(([pattern]) => pattern.test(path))?.[1]
  return page === undefined ? 'index.html' : `pages/${page}.html`
}
