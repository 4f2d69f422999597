import { vi } from 'vitest'

type PostMessage = (message: unknown, targetOrigin: string) => void

/** A stand-in for a framed window: its parent records what is posted to it. */
export interface FakeFrame {
  win: Window
  parent: { postMessage: ReturnType<typeof vi.fn<PostMessage>> }
  location: { pathname: string; search: string; ancestorOrigins?: string[] }
  /** Delivers a message as the browser would, from `source` at `origin`. */
  receive: (data: unknown, origin: string, source?: unknown) => void
  posted: () => unknown[]
  targets: () => string[]
}

export function fakeFrame({
  framed = true,
  ancestorOrigins,
}: { framed?: boolean; ancestorOrigins?: string[] } = {}): FakeFrame {
  const target = new EventTarget()
  const document = Object.assign(new EventTarget(), {
    visibilityState: 'visible',
  })
  const parent = { postMessage: vi.fn<PostMessage>() }
  const location = {
    pathname: '/embed/accounts',
    search: '',
    ...(ancestorOrigins ? { ancestorOrigins } : {}),
  }
  const win = Object.assign(target, { document, location }) as unknown as Window
  Object.assign(target, { parent: framed ? parent : win })
  return {
    win,
    parent,
    location,
    receive: (data, origin, source = parent) => {
      target.dispatchEvent(
        Object.assign(new Event('message'), { data, origin, source }),
      )
    },
    posted: () => parent.postMessage.mock.calls.map(([message]) => message),
    targets: () => parent.postMessage.mock.calls.map(([, origin]) => origin),
  }
}
