import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  EMBED_PROTOCOL,
  EMBED_PROTOCOL_VERSION,
} from '../../../server/embed/protocol'
import {
  createBridge,
  resolvePortalOrigin,
  watchDocumentHeight,
} from './bridge'
import { fakeFrame } from './test-window'

const PORTAL = 'https://portal.example.com'
const wire = (message: Record<string, unknown>) => ({
  protocol: EMBED_PROTOCOL,
  version: EMBED_PROTOCOL_VERSION,
  ...message,
})

describe('createBridge', () => {
  it('posts every message in the envelope, to the exact portal origin', () => {
    const frame = fakeFrame()
    const bridge = createBridge({
      win: frame.win,
      origin: PORTAL,
      onMessage: vi.fn(),
    })
    bridge.post({ type: 'resize', height: 640 })
    bridge.post({ type: 'navigate', route: '/embed/triage' })
    expect(frame.posted()).toEqual([
      wire({ type: 'resize', height: 640 }),
      wire({ type: 'navigate', route: '/embed/triage' }),
    ])
    expect(frame.targets()).toEqual([PORTAL, PORTAL])
    bridge.close()
    bridge.post({ type: 'resize', height: 1 })
    expect(frame.posted()).toHaveLength(2)
  })

  it('accepts a message from the parent, at the portal origin, in a known shape', () => {
    const frame = fakeFrame()
    const onMessage = vi.fn()
    createBridge({ win: frame.win, origin: PORTAL, onMessage })
    frame.receive(wire({ type: 'navigate', route: '/embed/triage' }), PORTAL)
    expect(onMessage).toHaveBeenCalledWith({
      type: 'navigate',
      route: '/embed/triage',
    })
  })

  it('ignores messages from another origin, another window or in a bad shape', () => {
    const frame = fakeFrame()
    const onMessage = vi.fn()
    const bridge = createBridge({ win: frame.win, origin: PORTAL, onMessage })
    const good = wire({ type: 'session.token', token: 'sace1.a.b' })

    frame.receive(good, 'https://evil.example.com')
    frame.receive(good, 'https://portal.example.com:8443')
    frame.receive(good, 'http://portal.example.com')
    frame.receive(good, PORTAL, { postMessage: vi.fn() })
    frame.receive(good, PORTAL, null)
    frame.receive(good, PORTAL, frame.win)
    frame.receive({ type: 'session.token', token: 'x' }, PORTAL)
    frame.receive(wire({ type: 'session.token', token: '' }), PORTAL)
    frame.receive(wire({ type: 'navigate', route: '/accounts' }), PORTAL)
    frame.receive(wire({ type: 'navigate', route: 'https://evil/' }), PORTAL)
    frame.receive(wire({ type: 'unknown' }), PORTAL)
    frame.receive({ ...good, version: 2 }, PORTAL)
    frame.receive({ ...good, extra: true }, PORTAL)
    frame.receive('{"type":"navigate"}', PORTAL)
    frame.receive(null, PORTAL)
    expect(onMessage).not.toHaveBeenCalled()

    bridge.close()
    frame.receive(good, PORTAL)
    expect(onMessage).not.toHaveBeenCalled()
  })
})

describe('resolvePortalOrigin', () => {
  const allowed = ['https://a.example.com', 'https://b.example.com']

  it('uses the origin bound to the session first', () => {
    expect(
      resolvePortalOrigin({
        sessionOrigin: 'https://b.example.com',
        ancestorOrigins: ['https://a.example.com'],
        allowedOrigins: allowed,
      }),
    ).toBe('https://b.example.com')
  })

  it('then the parent, when the browser tells it and it is allowed', () => {
    expect(
      resolvePortalOrigin({
        sessionOrigin: null,
        ancestorOrigins: ['https://a.example.com'],
        allowedOrigins: allowed,
      }),
    ).toBe('https://a.example.com')
    expect(
      resolvePortalOrigin({
        sessionOrigin: null,
        ancestorOrigins: ['https://evil.example.com'],
        allowedOrigins: allowed,
      }),
    ).toBeNull()
  })

  it('then the only allowed origin; otherwise none', () => {
    expect(
      resolvePortalOrigin({
        sessionOrigin: null,
        ancestorOrigins: undefined,
        allowedOrigins: ['https://a.example.com'],
      }),
    ).toBe('https://a.example.com')
    expect(
      resolvePortalOrigin({
        sessionOrigin: null,
        ancestorOrigins: undefined,
        allowedOrigins: allowed,
      }),
    ).toBeNull()
    expect(
      resolvePortalOrigin({
        sessionOrigin: null,
        ancestorOrigins: [],
        allowedOrigins: [],
      }),
    ).toBeNull()
  })
})

describe('watchDocumentHeight', () => {
  let observed: (() => void) | null = null
  const disconnect = vi.fn()
  const cancelAnimationFrame = vi.fn()
  const frames: FrameRequestCallback[] = []

  afterEach(() => {
    vi.unstubAllGlobals()
    vi.clearAllMocks()
    observed = null
    frames.length = 0
  })

  function setUp(heights: number[]) {
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: () => void) {
          observed = callback
        }
        observe() {}
        disconnect = disconnect
      },
    )
    const win = {
      document: { documentElement: {}, body: {} },
      requestAnimationFrame: (callback: FrameRequestCallback) => {
        frames.push(callback)
        return frames.length
      },
      cancelAnimationFrame,
    } as unknown as Window
    let height = heights.shift() ?? 0
    const onHeight = vi.fn()
    const stop = watchDocumentHeight(onHeight, {
      win,
      measure: () => height,
    })
    return {
      onHeight,
      stop,
      resize: (next: number) => {
        height = next
        observed?.()
      },
      flush: () => {
        for (const callback of frames.splice(0)) callback(0)
      },
    }
  }

  it('reports the height at once, then only when the whole pixels change', () => {
    const watch = setUp([480])
    expect(watch.onHeight.mock.calls).toEqual([[480]])
    watch.resize(479.6)
    watch.flush()
    watch.resize(480)
    watch.flush()
    expect(watch.onHeight).toHaveBeenCalledTimes(1)
    watch.resize(512.2)
    watch.flush()
    expect(watch.onHeight.mock.calls.at(-1)).toEqual([513])
  })

  it('measures once per animation frame however many resizes come', () => {
    const watch = setUp([100])
    watch.resize(200)
    watch.resize(300)
    watch.resize(400)
    expect(frames).toHaveLength(1)
    watch.flush()
    expect(watch.onHeight.mock.calls).toEqual([[100], [400]])
  })

  it('stops observing, and drops a pending measure, when stopped', () => {
    const watch = setUp([100])
    watch.resize(200)
    watch.stop()
    expect(disconnect).toHaveBeenCalled()
    expect(cancelAnimationFrame).toHaveBeenCalledWith(1)
  })
})
