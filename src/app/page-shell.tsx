import type { DehydratedState } from '@tanstack/react-query'
import { renderToStaticMarkup } from 'react-dom/server'
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from 'react-router'

import { AppProvider } from './provider'
import { appRoutes } from './router'

/**
 * The pages the server answers with their outline already in the HTML: what
 * the app's first render draws before any data arrives, so the browser paints
 * the page while it is still loading the script.
 */
export const SHELL_PAGES = {
  accounts: { path: '/accounts', module: null },
  account: {
    path: '/accounts/_',
    module: 'src/app/routes/account-detail.tsx',
  },
  triage: { path: '/triage', module: 'src/app/routes/triage.tsx' },
} as const satisfies Record<string, ShellPageSource>

interface ShellPageSource {
  /** A path the page answers, rendered in its loading state. */
  path: string
  /** The route's lazily loaded module, preloaded with the page. */
  module: string | null
}

export type ShellPage = keyof typeof SHELL_PAGES

export interface PageShell {
  /** The page's `<title>`, as the app sets it. */
  title: string
  /** The markup inside `#root`. */
  html: string
}

// React 19 hoists <title> and resource hints to the front of static markup.
const HOISTED = /^(?:<title>([^<]*)<\/title>|<link\b[^>]*\/?>)*/

/**
 * The first frame of `path`: by default its loading state, with no data and
 * the signed-in user unknown; with `initialData`, the page drawn from it, as
 * the app's first render given the same data draws it.
 */
export async function renderPageShell(
  path: string,
  initialData: DehydratedState | null = null,
): Promise<PageShell> {
  const handler = createStaticHandler(appRoutes)
  const context = await handler.query(new Request(`http://shell${path}`))
  if (context instanceof Response) {
    throw new Error(`${path} redirects: it has no page to outline`)
  }
  const router = createStaticRouter(handler.dataRoutes, context)
  const markup = renderToStaticMarkup(
    <AppProvider initialData={initialData}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </AppProvider>,
  )
  const hoisted = HOISTED.exec(markup)?.[0] ?? ''
  const title = /<title>([^<]*)<\/title>/.exec(hoisted)?.[1]
  if (title === undefined) throw new Error(`${path} sets no <title>`)
  const html = markup.slice(hoisted.length)
  // The Content-Security-Policy refuses inline styles in HTML.
  if (/\sstyle="/.test(html)) {
    throw new Error(`${path} draws an inline style: use a class instead`)
  }
  return { title, html }
}
