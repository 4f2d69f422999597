import type {
  EmbedConfigResponse,
  EmbedScope,
  EmbedSessionResponse,
  Role,
} from '../../../server/embed/model'
import type {
  FrameMessage,
  PortalMessage,
  TokenRequestReason,
} from '../../../server/embed/protocol'
import {
  apiGet,
  apiPost,
  onSessionRejected,
  setSessionToken,
} from '../../lib/api-client'
import { ApiError, isApiError } from '../../lib/api-error'
import {
  type Bridge,
  createBridge,
  isFramed,
  resolvePortalOrigin,
} from './bridge'
import { routeForPortal } from './params'

/** How long the portal has to answer a request for a token. */
export const TOKEN_WAIT_MS = 10_000
/** A session is renewed at 80 % of its remaining life, and at least this long before it ends. */
export const REFRESH_LEAD_MS = 5_000
const REFRESH_AT = 0.8
/** The longest delay timers keep to (about 24 days). */
const MAX_TIMER_MS = 2 ** 31 - 1

/** Why the embed token was refused: the link is stale, or it was never valid. */
const EXPIRED_TOKEN_TYPES = ['embed_token_expired', 'embed_token_replayed']
const REFUSED_TOKEN_TYPES = [...EXPIRED_TOKEN_TYPES, 'invalid_embed_token']
const UNAVAILABLE_TYPES = ['embedding_not_configured', 'embed_token_required']
/** No token came at all: the frame cannot sign in. */
const MISSING_TOKEN_TYPE = 'embed_token_missing'

export type EmbedState =
  | { status: 'starting' }
  /** The dashboard does not allow embedding here. */
  | { status: 'unavailable'; reason: string }
  /** The embed token was refused, after asking the portal for another once. */
  | { status: 'refused'; problem: 'link-expired' | 'sign-in'; message: string }
  /** The dashboard could not be reached or failed; worth trying again. */
  | { status: 'unreachable'; message: string }
  | { status: 'expired'; renewing: boolean; message: string | null }
  | { status: 'ready'; session: EmbedSessionResponse }

export type SessionRequest =
  { token: string } | { scope: EmbedScope; role?: Role }

export interface EmbedApi {
  getConfig: () => Promise<EmbedConfigResponse>
  createSession: (request: SessionRequest) => Promise<EmbedSessionResponse>
  endSession: () => Promise<unknown>
}

export const embedApi: EmbedApi = {
  getConfig: () => apiGet<EmbedConfigResponse>('embed/config'),
  createSession: (request) =>
    apiPost<EmbedSessionResponse>('embed/session', request),
  endSession: () => apiPost('embed/session/end', {}, { keepalive: true }),
}

export interface EmbedControllerOptions {
  win?: Window
  /** The embed token the frame was opened with, if any. */
  token: string | null
  /** Without signed tokens: the scope and role to ask for. */
  scope: EmbedScope
  role: Role | null
  api?: EmbedApi
  now?: () => number
  warn?: (message: string) => void
}

export interface EmbedController {
  subscribe: (listener: () => void) => () => void
  getState: () => EmbedState
  /** Starts the session once; later calls do nothing. */
  start: () => void
  /** From the "Session expired" screen: asks the portal for a new token. */
  renew: () => void
  /** From the "could not reach" screen: starts over. */
  retry: () => void
  /** Posts to the portal, when there is one to post to. */
  post: (message: FrameMessage) => void
  /** Tells the portal how tall the document is (sent again after `ready`). */
  reportHeight: (height: number) => void
  /** Tells the portal where the frame is now, once per change. */
  reportRoute: (route: string) => void
  /** The portal's `navigate` and `set-filters` messages. */
  onPortalMessage: (listener: (message: PortalMessage) => void) => () => void
  dispose: () => void
}

type Exchange =
  { ok: true; session: EmbedSessionResponse } | { ok: false; error: Error }

const errorType = (error: Error): string | null =>
  isApiError(error) ? error.type : null

const isRefusal = (error: Error): boolean =>
  REFUSED_TOKEN_TYPES.includes(errorType(error) ?? '')

const toError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error))

const missingToken = (message: string): Exchange => ({
  ok: false,
  error: new ApiError({
    type: MISSING_TOKEN_TYPE,
    message,
    status: 0,
    requestId: null,
  }),
})

export function createEmbedController({
  win = window,
  token: launchToken,
  scope,
  role,
  api = embedApi,
  now = Date.now,
  warn = (message) => {
    console.warn(message)
  },
}: EmbedControllerOptions): EmbedController {
  let state: EmbedState = { status: 'starting' }
  const listeners = new Set<() => void>()
  const portalListeners = new Set<(message: PortalMessage) => void>()
  let config: EmbedConfigResponse | null = null
  let bridge: Bridge | null = null
  let session: EmbedSessionResponse | null = null
  let pendingToken: {
    resolve: (token: string | null) => void
    timer: ReturnType<typeof setTimeout>
  } | null = null
  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  let expiryTimer: ReturnType<typeof setTimeout> | null = null
  let refreshing = false
  let lastRoute: string | null = null
  let lastHeight: number | null = null
  let started = false
  let disposed = false
  /** Bumped whenever the session ends, so answers to older requests are dropped. */
  let epoch = 0
  let pendingLaunchToken = launchToken
  const tokenless = () => config?.token_required === false

  const setState = (next: EmbedState) => {
    state = next
    for (const listener of [...listeners]) listener()
  }

  const post = (message: FrameMessage) => {
    bridge?.post(message)
  }

  const currentRoute = () =>
    routeForPortal(win.location.pathname, win.location.search)

  const postReady = () => {
    lastRoute = currentRoute()
    post({
      type: 'ready',
      route: lastRoute,
      token_required: config?.token_required ?? true,
    })
    if (lastHeight !== null) post({ type: 'resize', height: lastHeight })
  }

  const onMessage = (message: PortalMessage) => {
    if (message.type === 'session.token') {
      // Only an answer to a request: a token nobody asked for is ignored.
      if (!pendingToken) return
      const { resolve, timer } = pendingToken
      pendingToken = null
      clearTimeout(timer)
      resolve(message.token)
      return
    }
    for (const listener of [...portalListeners]) listener(message)
  }

  const openBridge = (origin: string | null) => {
    if (bridge?.origin === origin) return
    bridge?.close()
    bridge = null
    if (origin === null || disposed) return
    bridge = createBridge({ win, origin, onMessage })
  }

  const cancelTokenRequest = () => {
    if (!pendingToken) return
    const { resolve, timer } = pendingToken
    pendingToken = null
    clearTimeout(timer)
    resolve(null)
  }

  /** Asks the portal for an embed token; null when none arrives in time. */
  const requestToken = (
    reason: TokenRequestReason,
    waitMs: number,
  ): Promise<string | null> => {
    cancelTokenRequest()
    if (!bridge) return Promise.resolve(null)
    const request = new Promise<string | null>((resolve) => {
      pendingToken = {
        resolve,
        timer: setTimeout(
          () => {
            pendingToken = null
            resolve(null)
          },
          Math.max(0, Math.min(waitMs, MAX_TIMER_MS)),
        ),
      }
    })
    post({ type: 'session.token-request', reason })
    return request
  }

  const exchange = async (request: SessionRequest): Promise<Exchange> => {
    try {
      return { ok: true, session: await api.createSession(request) }
    } catch (error) {
      return { ok: false, error: toError(error) }
    }
  }

  const tokenlessRequest = (): SessionRequest =>
    role ? { scope, role } : { scope }

  /**
   * Exchanges a token; when it is refused, asks the portal for another one
   * once and exchanges that.
   */
  const exchangeWithOneRetry = async (
    token: string,
    waitMs: number,
  ): Promise<Exchange> => {
    const first = await exchange({ token })
    if (first.ok || !isRefusal(first.error) || !bridge) return first
    const again = await requestToken('refused', waitMs)
    if (again === null) return first
    return exchange({ token: again })
  }

  const clearTimers = () => {
    if (refreshTimer !== null) clearTimeout(refreshTimer)
    if (expiryTimer !== null) clearTimeout(expiryTimer)
    refreshTimer = null
    expiryTimer = null
  }

  const expiresAt = (current: EmbedSessionResponse) =>
    Date.parse(current.expires_at)

  const schedule = () => {
    clearTimers()
    if (!session) return
    const remaining = expiresAt(session) - now()
    if (!(remaining > 0)) {
      expire()
      return
    }
    expiryTimer = setTimeout(
      () => {
        if (session && expiresAt(session) > now()) schedule()
        else expire()
      },
      Math.min(remaining, MAX_TIMER_MS),
    )
    if (refreshing) return
    const lead = Math.max(
      0,
      Math.min(remaining * REFRESH_AT, remaining - REFRESH_LEAD_MS),
    )
    refreshTimer = setTimeout(
      () => {
        void refresh()
      },
      Math.min(lead, MAX_TIMER_MS),
    )
  }

  const begin = (next: EmbedSessionResponse) => {
    session = next
    setSessionToken(next.session_token)
    if (next.origin && isFramed(win) && bridge?.origin !== next.origin) {
      // The token names the portal: from now on only that origin is heard.
      openBridge(next.origin)
      postReady()
    }
    schedule()
    setState({ status: 'ready', session: next })
  }

  const fail = (error: Error) => {
    const type = errorType(error)
    if (type === MISSING_TOKEN_TYPE) {
      setState({
        status: 'refused',
        problem: 'sign-in',
        message: error.message,
      })
    } else if (type !== null && REFUSED_TOKEN_TYPES.includes(type)) {
      setState({
        status: 'refused',
        problem: EXPIRED_TOKEN_TYPES.includes(type)
          ? 'link-expired'
          : 'sign-in',
        message: error.message,
      })
    } else if (type !== null && UNAVAILABLE_TYPES.includes(type)) {
      setState({ status: 'unavailable', reason: error.message })
    } else {
      setState({ status: 'unreachable', message: error.message })
    }
  }

  function expire() {
    if (state.status !== 'ready') return
    epoch++
    clearTimers()
    cancelTokenRequest()
    refreshing = false
    session = null
    setSessionToken(null)
    setState({ status: 'expired', renewing: false, message: null })
    post({ type: 'session.expired' })
  }

  async function refresh() {
    const current = session
    if (!current || refreshing) return
    const at = epoch
    refreshing = true
    try {
      let result: Exchange
      if (tokenless()) {
        result = await exchange(tokenlessRequest())
      } else {
        const untilExpiry = () => expiresAt(current) - now()
        const token = await requestToken('expiring', untilExpiry())
        if (token === null || at !== epoch) return
        result = await exchangeWithOneRetry(token, untilExpiry())
      }
      // Nothing better: the current session runs out and says so then.
      if (at !== epoch || !result.ok) return
      refreshing = false
      begin(result.session)
    } finally {
      refreshing = false
    }
  }

  async function run() {
    const at = ++epoch
    setState({ status: 'starting' })
    try {
      config = await api.getConfig()
    } catch (error) {
      if (at === epoch) fail(toError(error))
      return
    }
    if (at !== epoch) return

    const framed = isFramed(win)
    const fallbackOrigin = framed
      ? resolvePortalOrigin({
          sessionOrigin: null,
          ancestorOrigins: win.location.ancestorOrigins,
          allowedOrigins: config.origins,
        })
      : null
    const connect = (origin: string | null) => {
      if (!framed) return
      if (origin === null)
        warn(
          'Embedded view: the portal origin is unknown (the token names none and several origins are allowed), so no messages are sent to the portal.',
        )
      openBridge(origin)
      postReady()
    }

    if (!config.available) {
      // The portal still hears from the frame, to size it around the notice.
      connect(fallbackOrigin)
      setState({
        status: 'unavailable',
        reason: config.reason ?? 'This dashboard is not set up to be embedded.',
      })
      return
    }

    const token = pendingLaunchToken
    pendingLaunchToken = null

    let result: Exchange
    if (!config.token_required) {
      result = await exchange(tokenlessRequest())
    } else if (token !== null) {
      result = await exchange({ token })
    } else {
      result = missingToken(
        framed
          ? 'The portal could not be identified, so it could not be asked for a sign-in token.'
          : 'This view was opened outside the portal that signs it in.',
      )
    }
    if (at !== epoch) return

    connect((result.ok ? result.session.origin : null) ?? fallbackOrigin)

    if (config.token_required && token === null && bridge) {
      const requested = await requestToken('missing', TOKEN_WAIT_MS)
      if (at !== epoch) return
      result =
        requested === null
          ? missingToken('The portal did not send a sign-in token in time.')
          : await exchangeWithOneRetry(requested, TOKEN_WAIT_MS)
    } else if (!result.ok && isRefusal(result.error) && bridge) {
      const again = await requestToken('refused', TOKEN_WAIT_MS)
      if (at !== epoch) return
      if (again !== null) result = await exchange({ token: again })
    }
    if (at !== epoch) return
    if (result.ok) begin(result.session)
    else fail(result.error)
  }

  async function renewSession() {
    const at = ++epoch
    setState({ status: 'expired', renewing: true, message: null })
    let result: Exchange
    if (tokenless()) {
      result = await exchange(tokenlessRequest())
    } else {
      const token = await requestToken('expired', TOKEN_WAIT_MS)
      if (at !== epoch) return
      if (token === null) {
        setState({
          status: 'expired',
          renewing: false,
          message: bridge
            ? 'The portal did not send a new sign-in token. Reload the page to sign in again.'
            : 'Reload the page in your portal to sign in again.',
        })
        return
      }
      result = await exchangeWithOneRetry(token, TOKEN_WAIT_MS)
    }
    if (at !== epoch) return
    if (result.ok) begin(result.session)
    else if (isRefusal(result.error)) fail(result.error)
    else
      setState({
        status: 'expired',
        renewing: false,
        message: result.error.message,
      })
  }

  // The server dropped a session that should still be good (it restarted, or
  // the session was ended elsewhere): ask the portal for a new one at once.
  // When the portal does not answer, the expired state offers Try again.
  const stopRejected = onSessionRejected(({ token }) => {
    if (!session || token !== session.session_token) return
    expire()
    if (!disposed) void renewSession()
  })

  // A page kept in the back-forward cache or in a hidden tab missed its
  // timers: catch up when it is seen again.
  const onShow = () => {
    if (session && win.document.visibilityState !== 'hidden') schedule()
  }
  const onHide = (event: PageTransitionEvent) => {
    if (!session || event.persisted) return
    api.endSession().catch(() => undefined)
  }
  win.addEventListener('pageshow', onShow)
  win.document.addEventListener('visibilitychange', onShow)
  win.addEventListener('pagehide', onHide)

  return {
    subscribe: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    getState: () => state,
    start: () => {
      if (started || disposed) return
      started = true
      void run()
    },
    renew: () => {
      if (state.status !== 'expired' || state.renewing || disposed) return
      void renewSession()
    },
    retry: () => {
      if (state.status !== 'unreachable' || disposed) return
      void run()
    },
    post,
    reportHeight: (height) => {
      lastHeight = height
      post({ type: 'resize', height })
    },
    reportRoute: (route) => {
      if (!bridge || route === lastRoute) return
      lastRoute = route
      post({ type: 'navigate', route })
    },
    onPortalMessage: (listener) => {
      portalListeners.add(listener)
      return () => {
        portalListeners.delete(listener)
      }
    },
    dispose: () => {
      disposed = true
      epoch++
      clearTimers()
      cancelTokenRequest()
      bridge?.close()
      bridge = null
      if (session) setSessionToken(null)
      session = null
      stopRejected()
      win.removeEventListener('pageshow', onShow)
      win.document.removeEventListener('visibilitychange', onShow)
      win.removeEventListener('pagehide', onHide)
    },
  }
}
