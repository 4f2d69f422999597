import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type {
  EmbedConfigResponse,
  EmbedSessionResponse,
} from '../../../server/embed/model'
import {
  EMBED_PROTOCOL,
  EMBED_PROTOCOL_VERSION,
} from '../../../server/embed/protocol'
import { apiGet, getSessionToken, setSessionToken } from '../../lib/api-client'
import { ApiError } from '../../lib/api-error'
import {
  createEmbedController,
  type EmbedApi,
  type EmbedController,
  type EmbedControllerOptions,
} from './session'
import { type FakeFrame, fakeFrame } from './test-window'

const PORTAL = 'https://portal.example.com'
const OTHER = 'https://other.example.com'

const wire = (message: Record<string, unknown>) => ({
  protocol: EMBED_PROTOCOL,
  version: EMBED_PROTOCOL_VERSION,
  ...message,
})

const config = (
  overrides: Partial<EmbedConfigResponse> = {},
): EmbedConfigResponse => ({
  protocol_version: 1,
  origins: [PORTAL],
  token_required: true,
  available: true,
  reason: null,
  ...overrides,
})

let sessions = 0
const session = (
  overrides: Partial<EmbedSessionResponse> = {},
  lifetimeMs = 60_000,
): EmbedSessionResponse => ({
  session_token: `sess_${++sessions}`,
  expires_at: new Date(Date.now() + lifetimeMs).toISOString(),
  role: 'operator',
  scope: {},
  subject: null,
  origin: null,
  ...overrides,
})

const refused = (type: string) =>
  new ApiError({
    type,
    message: `Refused: ${type}`,
    status: 401,
    requestId: null,
  })

function fakeApi(configResponse: EmbedConfigResponse) {
  return {
    getConfig: vi.fn<EmbedApi['getConfig']>(() =>
      Promise.resolve(configResponse),
    ),
    createSession: vi.fn<EmbedApi['createSession']>(() =>
      Promise.resolve(session()),
    ),
    endSession: vi.fn<EmbedApi['endSession']>(() => Promise.resolve({})),
  }
}

interface Setup {
  frame: FakeFrame
  api: ReturnType<typeof fakeApi>
  controller: EmbedController
  warn: ReturnType<typeof vi.fn>
  types: () => unknown[]
}

let current: Setup | null = null

function setUp({
  configResponse = config(),
  frameOptions,
  ...options
}: Partial<EmbedControllerOptions> & {
  configResponse?: EmbedConfigResponse
  frameOptions?: Parameters<typeof fakeFrame>[0]
} = {}): Setup {
  const frame = fakeFrame(frameOptions)
  const api = fakeApi(configResponse)
  const warn = vi.fn()
  const controller = createEmbedController({
    win: frame.win,
    token: null,
    scope: {},
    role: null,
    api,
    warn,
    ...options,
  })
  current = {
    frame,
    api,
    controller,
    warn,
    types: () =>
      frame.posted().map((message) => (message as { type: string }).type),
  }
  return current
}

const settle = () => vi.advanceTimersByTimeAsync(0)

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  current?.controller.dispose()
  current = null
  setSessionToken(null)
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('starting a session', () => {
  it('exchanges the token from the address, then says ready to the portal', async () => {
    const { controller, api, frame } = setUp({ token: 'sace1.launch' })
    const issued = session({ role: 'viewer' })
    api.createSession.mockResolvedValueOnce(issued)
    controller.start()
    controller.start()
    await settle()
    expect(api.createSession).toHaveBeenCalledTimes(1)
    expect(api.createSession).toHaveBeenCalledWith({ token: 'sace1.launch' })
    expect(controller.getState()).toEqual({ status: 'ready', session: issued })
    expect(getSessionToken()).toBe(issued.session_token)
    expect(frame.posted()).toEqual([
      wire({ type: 'ready', route: '/embed/accounts', token_required: true }),
    ])
    expect(frame.targets()).toEqual([PORTAL])
  })

  it('talks to the origin the token names, and only to it', async () => {
    const { controller, api, frame } = setUp({
      token: 'sace1.launch',
      configResponse: config({ origins: [PORTAL, OTHER] }),
    })
    api.createSession.mockResolvedValueOnce(session({ origin: OTHER }))
    controller.start()
    await settle()
    expect(frame.targets()).toEqual([OTHER])
    const onMessage = vi.fn()
    controller.onPortalMessage(onMessage)
    frame.receive(wire({ type: 'navigate', route: '/embed/triage' }), PORTAL)
    expect(onMessage).not.toHaveBeenCalled()
    frame.receive(wire({ type: 'navigate', route: '/embed/triage' }), OTHER)
    expect(onMessage).toHaveBeenCalledWith({
      type: 'navigate',
      route: '/embed/triage',
    })
  })

  it('uses the parent origin the browser reports when it is allowed', async () => {
    const { controller, frame } = setUp({
      token: 'sace1.launch',
      configResponse: config({ origins: [PORTAL, OTHER] }),
      frameOptions: { ancestorOrigins: [OTHER] },
    })
    controller.start()
    await settle()
    expect(frame.targets()).toEqual([OTHER])
  })

  it('sends nothing, with a warning, when the portal origin is unknown', async () => {
    const { controller, frame, warn } = setUp({
      token: 'sace1.launch',
      configResponse: config({ origins: [PORTAL, OTHER] }),
    })
    controller.start()
    await settle()
    expect(controller.getState().status).toBe('ready')
    expect(frame.posted()).toEqual([])
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('sends nothing when the page is not in a frame', async () => {
    const { controller, frame } = setUp({
      token: 'sace1.launch',
      frameOptions: { framed: false },
    })
    controller.start()
    await settle()
    expect(controller.getState().status).toBe('ready')
    expect(frame.posted()).toEqual([])
  })

  it('asks the portal for a token when the address has none', async () => {
    const { controller, api, frame } = setUp()
    controller.start()
    await settle()
    expect(frame.posted()).toEqual([
      wire({ type: 'ready', route: '/embed/accounts', token_required: true }),
      wire({ type: 'session.token-request', reason: 'missing' }),
    ])
    expect(api.createSession).not.toHaveBeenCalled()
    frame.receive(wire({ type: 'session.token', token: 'sace1.sent' }), PORTAL)
    await settle()
    expect(api.createSession).toHaveBeenCalledWith({ token: 'sace1.sent' })
    expect(controller.getState().status).toBe('ready')
  })

  it('cannot sign in when the portal sends no token within 10 s', async () => {
    const { controller, api } = setUp()
    controller.start()
    await vi.advanceTimersByTimeAsync(9_999)
    expect(controller.getState().status).toBe('starting')
    await vi.advanceTimersByTimeAsync(1)
    expect(controller.getState()).toMatchObject({
      status: 'refused',
      problem: 'sign-in',
    })
    expect(api.createSession).not.toHaveBeenCalled()
  })

  it('cannot sign in without a token outside a frame', async () => {
    const { controller, frame } = setUp({ frameOptions: { framed: false } })
    controller.start()
    await settle()
    expect(controller.getState()).toMatchObject({
      status: 'refused',
      problem: 'sign-in',
    })
    expect(frame.posted()).toEqual([])
  })

  it('asks once more after a refused token, then shows the expired link', async () => {
    const { controller, api, frame, types } = setUp({ token: 'sace1.old' })
    api.createSession
      .mockRejectedValueOnce(refused('embed_token_replayed'))
      .mockRejectedValueOnce(refused('embed_token_expired'))
    controller.start()
    await settle()
    expect(types()).toEqual(['ready', 'session.token-request'])
    expect(frame.posted()[1]).toEqual(
      wire({ type: 'session.token-request', reason: 'refused' }),
    )
    frame.receive(wire({ type: 'session.token', token: 'sace1.new' }), PORTAL)
    await settle()
    expect(api.createSession).toHaveBeenCalledTimes(2)
    expect(types()).toEqual(['ready', 'session.token-request'])
    expect(controller.getState()).toEqual({
      status: 'refused',
      problem: 'link-expired',
      message: 'Refused: embed_token_expired',
    })
    expect(getSessionToken()).toBeNull()
  })

  it('recovers when the second token is accepted', async () => {
    const { controller, api, frame } = setUp({ token: 'sace1.old' })
    api.createSession.mockRejectedValueOnce(refused('invalid_embed_token'))
    controller.start()
    await settle()
    frame.receive(wire({ type: 'session.token', token: 'sace1.new' }), PORTAL)
    await settle()
    expect(controller.getState().status).toBe('ready')
  })

  it('says it could not sign in for an invalid token', async () => {
    const { controller, api } = setUp({ token: 'sace1.bad' })
    api.createSession.mockRejectedValue(refused('invalid_embed_token'))
    controller.start()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(controller.getState()).toMatchObject({
      status: 'refused',
      problem: 'sign-in',
    })
  })

  it('ignores a token nobody asked for', async () => {
    const { controller, api, frame } = setUp({ token: 'sace1.launch' })
    controller.start()
    await settle()
    frame.receive(wire({ type: 'session.token', token: 'sace1.extra' }), PORTAL)
    await settle()
    expect(api.createSession).toHaveBeenCalledTimes(1)
  })

  it('without signed tokens, asks for the scope and role from the address', async () => {
    const scope = { customer_key: 'acme' }
    const { controller, api, types } = setUp({
      scope,
      role: 'viewer',
      configResponse: config({ token_required: false }),
    })
    controller.start()
    await settle()
    expect(api.createSession).toHaveBeenCalledWith({ scope, role: 'viewer' })
    expect(controller.getState().status).toBe('ready')
    expect(types()).toEqual(['ready'])
    expect(current?.frame.posted()[0]).toEqual(
      wire({ type: 'ready', route: '/embed/accounts', token_required: false }),
    )
  })

  it('shows why embedding is not available', async () => {
    const { controller, api, types } = setUp({
      token: 'sace1.launch',
      configResponse: config({
        available: false,
        reason: 'EMBED_ORIGINS is empty.',
      }),
    })
    controller.start()
    await settle()
    expect(controller.getState()).toEqual({
      status: 'unavailable',
      reason: 'EMBED_ORIGINS is empty.',
    })
    expect(api.createSession).not.toHaveBeenCalled()
    expect(types()).toEqual(['ready'])
  })

  it('offers to try again when the dashboard cannot be reached', async () => {
    const { controller, api } = setUp({ token: 'sace1.launch' })
    api.getConfig.mockRejectedValueOnce(
      new ApiError({
        type: 'network_error',
        message: 'Could not reach the dashboard server.',
        status: 0,
        requestId: null,
      }),
    )
    controller.start()
    await settle()
    expect(controller.getState()).toEqual({
      status: 'unreachable',
      message: 'Could not reach the dashboard server.',
    })
    controller.retry()
    await settle()
    expect(controller.getState().status).toBe('ready')
  })
})

describe('keeping the session', () => {
  async function started(lifetimeMs = 60_000) {
    const setup = setUp({ token: 'sace1.launch' })
    setup.api.createSession.mockResolvedValueOnce(session({}, lifetimeMs))
    setup.controller.start()
    await settle()
    return setup
  }

  it('asks for a new token at 80 % of the lifetime and swaps it silently', async () => {
    const { controller, api, frame, types } = await started(60_000)
    const first = getSessionToken()
    await vi.advanceTimersByTimeAsync(47_999)
    expect(types()).toEqual(['ready'])
    await vi.advanceTimersByTimeAsync(1)
    expect(frame.posted().at(-1)).toEqual(
      wire({ type: 'session.token-request', reason: 'expiring' }),
    )
    const renewed = session({}, 60_000)
    api.createSession.mockResolvedValueOnce(renewed)
    frame.receive(wire({ type: 'session.token', token: 'sace1.next' }), PORTAL)
    await settle()
    expect(api.createSession).toHaveBeenLastCalledWith({ token: 'sace1.next' })
    expect(getSessionToken()).toBe(renewed.session_token)
    expect(getSessionToken()).not.toBe(first)
    expect(controller.getState()).toEqual({ status: 'ready', session: renewed })
    // The old session's end passes unnoticed.
    await vi.advanceTimersByTimeAsync(20_000)
    expect(controller.getState().status).toBe('ready')
    // The next renewal is scheduled from the new expiry.
    await vi.advanceTimersByTimeAsync(48_000 - 20_000)
    expect(
      types().filter((type) => type === 'session.token-request'),
    ).toHaveLength(2)
  })

  it('asks at least 5 s before the end of a short session', async () => {
    const { types } = await started(10_000)
    await vi.advanceTimersByTimeAsync(4_999)
    expect(types()).toEqual(['ready'])
    await vi.advanceTimersByTimeAsync(1)
    expect(types()).toEqual(['ready', 'session.token-request'])
  })

  it('expires when no token arrives in time, and tells the portal', async () => {
    const { controller, types } = await started(60_000)
    await vi.advanceTimersByTimeAsync(59_999)
    expect(controller.getState().status).toBe('ready')
    await vi.advanceTimersByTimeAsync(1)
    expect(controller.getState()).toEqual({
      status: 'expired',
      renewing: false,
      message: null,
    })
    expect(types()).toEqual([
      'ready',
      'session.token-request',
      'session.expired',
    ])
    expect(getSessionToken()).toBeNull()
  })

  it('asks the portal for a new session when the server refuses the current one', async () => {
    const { controller, types } = await started()
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response(
            JSON.stringify({
              error: { type: 'session_expired', message: 'Expired' },
            }),
            { status: 401 },
          ),
        ),
      ),
    )
    await expect(apiGet('dashboard/triage')).rejects.toThrow('Expired')
    expect(controller.getState()).toEqual({
      status: 'expired',
      renewing: true,
      message: null,
    })
    expect(types()).toEqual([
      'ready',
      'session.expired',
      'session.token-request',
    ])
  })

  it('ignores a refusal of a session it has already replaced', async () => {
    const { controller } = await started()
    setSessionToken('sess_unrelated')
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response(
            JSON.stringify({
              error: { type: 'invalid_session', message: 'Gone' },
            }),
            { status: 401 },
          ),
        ),
      ),
    )
    await expect(apiGet('dashboard/triage')).rejects.toThrow('Gone')
    expect(controller.getState().status).toBe('ready')
  })

  it('tries again from the expired state by asking the portal', async () => {
    const { controller, api, frame } = await started(10_000)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(controller.getState().status).toBe('expired')
    controller.renew()
    expect(controller.getState()).toMatchObject({ renewing: true })
    expect(frame.posted().at(-1)).toEqual(
      wire({ type: 'session.token-request', reason: 'expired' }),
    )
    const renewed = session()
    api.createSession.mockResolvedValueOnce(renewed)
    frame.receive(wire({ type: 'session.token', token: 'sace1.again' }), PORTAL)
    await settle()
    expect(controller.getState()).toEqual({ status: 'ready', session: renewed })
    expect(getSessionToken()).toBe(renewed.session_token)
  })

  it('stays expired, saying so, when the portal does not answer', async () => {
    const { controller } = await started(10_000)
    await vi.advanceTimersByTimeAsync(10_000)
    controller.renew()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(controller.getState()).toMatchObject({
      status: 'expired',
      renewing: false,
      message: expect.stringContaining('did not send') as unknown,
    })
  })

  it('ends the session when the page goes away for good', async () => {
    const { api, frame } = await started()
    frame.win.dispatchEvent(
      Object.assign(new Event('pagehide'), { persisted: true }),
    )
    expect(api.endSession).not.toHaveBeenCalled()
    frame.win.dispatchEvent(
      Object.assign(new Event('pagehide'), { persisted: false }),
    )
    expect(api.endSession).toHaveBeenCalledTimes(1)
  })
})

describe('talking to the portal', () => {
  it('reports the page and its filters as ready, not the look it was opened with', async () => {
    const { controller, frame } = setUp({ token: 'sace1.launch' })
    frame.location.pathname = '/embed/triage'
    frame.location.search = '?theme=dark&accent=7c3aed&customer=cust_a'
    controller.start()
    await settle()
    expect(frame.posted()).toEqual([
      wire({
        type: 'ready',
        route: '/embed/triage?customer=cust_a',
        token_required: true,
      }),
    ])
  })

  it('reports the route once per change, and the height again after ready', async () => {
    const { controller, frame } = setUp({ token: 'sace1.launch' })
    controller.reportHeight(720)
    controller.start()
    await settle()
    controller.reportRoute('/embed/accounts')
    controller.reportRoute('/embed/accounts/abc')
    controller.reportRoute('/embed/accounts/abc')
    controller.reportHeight(800)
    expect(frame.posted()).toEqual([
      wire({ type: 'ready', route: '/embed/accounts', token_required: true }),
      wire({ type: 'resize', height: 720 }),
      wire({ type: 'navigate', route: '/embed/accounts/abc' }),
      wire({ type: 'resize', height: 800 }),
    ])
  })

  it('hands navigate and set-filters to the page, and nothing else', async () => {
    const { controller, frame } = setUp({ token: 'sace1.launch' })
    controller.start()
    await settle()
    const onMessage = vi.fn()
    const stop = controller.onPortalMessage(onMessage)
    frame.receive(
      wire({ type: 'set-filters', filters: { search: 'gmail' } }),
      PORTAL,
    )
    frame.receive(wire({ type: 'session.token', token: 'sace1.x' }), PORTAL)
    expect(onMessage.mock.calls).toEqual([
      [{ type: 'set-filters', filters: { search: 'gmail' } }],
    ])
    stop()
    frame.receive(wire({ type: 'navigate', route: '/embed/triage' }), PORTAL)
    expect(onMessage).toHaveBeenCalledTimes(1)
  })
})
