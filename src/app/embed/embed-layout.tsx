import type { ConnectedAccount } from '@seamapi/types/connect'
import { useQueryClient } from '@tanstack/react-query'
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
} from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router'

import type {
  EmbedScope,
  EmbedSessionResponse,
} from '../../../server/embed/model'
import {
  defaultViewState,
  parseViewState,
  serializeViewState,
} from '../../features/connected-accounts/lib/url-state'
import { permissionsForRole, triagePermissions } from '../../lib/permissions'
import { applyTheme } from '../../lib/theme'
import { type Embedding, EmbeddingContext } from '../embedding'
import { embedPaths, PathsContext } from '../paths'
import { applyAccent } from './accent'
import { watchDocumentHeight } from './bridge'
import { EmbedStateView } from './embed-states'
import { consumeEmbedLaunch } from './launch'
import { type EmbedParams, parseEmbedParams, routeForPortal } from './params'
import { fixedFiltersFromScope, withPortalFilters } from './scope'
import { createEmbedController, type EmbedController } from './session'

/** The session's scope and role, as what the pages may show and do. */
function useEmbedding(
  controller: EmbedController,
  session: EmbedSessionResponse,
): Embedding {
  // A renewed session usually has the same scope: the pages keep the same
  // filters object and do not refetch.
  const scopeKey = JSON.stringify(session.scope)
  const { role } = session
  return useMemo(() => {
    const scope = JSON.parse(scopeKey) as EmbedScope
    const accountPermissions = permissionsForRole(role)
    return {
      fixedFilters: fixedFiltersFromScope(scope),
      accountPermissions,
      triagePermissions: triagePermissions(accountPermissions),
      onAccountShown: (account: ConnectedAccount) => {
        controller.post({
          type: 'account.selected',
          connected_account_id: account.connected_account_id,
          display_name: account.display_name,
          customer_key: account.customer_key || null,
        })
      },
      onAccountUpdated: (account: ConnectedAccount, fields: string[]) => {
        controller.post({
          type: 'account.updated',
          connected_account_id: account.connected_account_id,
          fields,
        })
      },
      onAccountDeleted: (account: ConnectedAccount) => {
        controller.post({
          type: 'account.deleted',
          connected_account_id: account.connected_account_id,
        })
      },
    }
  }, [controller, scopeKey, role])
}

function EmbedFrame({
  controller,
  session,
}: {
  controller: EmbedController
  session: EmbedSessionResponse
}) {
  const embedding = useEmbedding(controller, session)
  const { pathname, search } = useLocation()
  const navigate = useNavigate()
  const { fixedFilters } = embedding

  // The portal steers the frame; its own history holds the steps, so these
  // replace the frame's entry instead of adding one.
  useEffect(
    () =>
      controller.onPortalMessage((message) => {
        if (message.type === 'navigate') {
          void navigate(message.route, { replace: true })
          return
        }
        if (message.type !== 'set-filters') return
        const current =
          pathname === embedPaths.accounts
            ? parseViewState(new URLSearchParams(search))
            : defaultViewState
        const next = withPortalFilters(current, message.filters, fixedFilters)
        void navigate(
          {
            pathname: embedPaths.accounts,
            search: serializeViewState(next).toString(),
          },
          { replace: true },
        )
      }),
    [controller, navigate, pathname, search, fixedFilters],
  )

  return (
    <EmbeddingContext.Provider value={embedding}>
      <main className="w-full px-3 py-3 sm:px-4">
        <Outlet />
      </main>
    </EmbeddingContext.Provider>
  )
}

/**
 * The dashboard inside a portal's frame: no header, navigation or theme
 * switch, links that stay in the frame, and a session the portal signs in.
 */
export function EmbedLayout({ controller }: { controller: EmbedController }) {
  const state = useSyncExternalStore(
    controller.subscribe,
    controller.getState,
    controller.getState,
  )
  const { pathname, search } = useLocation()
  const queryClient = useQueryClient()

  useEffect(() => {
    controller.start()
  }, [controller])

  useEffect(
    () =>
      watchDocumentHeight((height) => {
        controller.reportHeight(height)
      }),
    [controller],
  )

  // Before the pages' own effects: the portal hears where the frame went
  // before what it shows there.
  useLayoutEffect(() => {
    controller.reportRoute(routeForPortal(pathname, search))
  }, [controller, pathname, search])

  // After a break in the session, whatever failed meanwhile loads again; a
  // session for another scope or role starts from an empty cache.
  const previous = useRef<{ status: string; key: string | null }>({
    status: 'starting',
    key: null,
  })
  const sessionKey =
    state.status === 'ready'
      ? JSON.stringify([state.session.scope, state.session.role])
      : null
  useEffect(() => {
    const before = previous.current
    previous.current = { status: state.status, key: sessionKey ?? before.key }
    if (sessionKey === null) return
    if (before.key !== null && before.key !== sessionKey) {
      void queryClient.resetQueries()
    } else if (before.status === 'expired') {
      void queryClient.invalidateQueries()
    }
  }, [state.status, sessionKey, queryClient])

  return (
    <PathsContext.Provider value={embedPaths}>
      {state.status === 'ready' ? (
        <EmbedFrame controller={controller} session={state.session} />
      ) : (
        <EmbedStateView
          state={state}
          onRenew={controller.renew}
          onRetry={controller.retry}
        />
      )}
    </PathsContext.Provider>
  )
}

/**
 * Marks the page as embedded and applies the portal's theme and accent, for
 * this page only: the reader's own theme choice is not touched.
 */
export function prepareEmbedDocument(
  params: EmbedParams,
  root: HTMLElement = document.documentElement,
): void {
  root.dataset.embed = ''
  if (params.theme) applyTheme(params.theme)
  if (params.accent) applyAccent(root, params.accent)
}

let pageController: EmbedController | null = null

/** One session per page, however often the layout mounts. */
function getPageController(): EmbedController {
  if (!pageController) {
    const launch = consumeEmbedLaunch()
    const params = parseEmbedParams(launch.params)
    prepareEmbedDocument(params)
    pageController = createEmbedController({
      token: launch.token,
      scope: params.scope,
      role: params.role,
    })
  }
  return pageController
}

/** For the router's `lazy`: the embedded dashboard is its own chunk. */
export function Component() {
  return <EmbedLayout controller={getPageController()} />
}
