import {
  envelope,
  type FrameMessage,
  parsePortalMessage,
  type PortalMessage,
} from '../../../server/embed/protocol'

/** The frame's side of the postMessage contract with one portal origin. */
export interface Bridge {
  /** The exact origin every message goes to and comes from. */
  readonly origin: string
  post: (message: FrameMessage) => void
  /** Stops listening; later posts are dropped. */
  close: () => void
}

export interface BridgeOptions {
  win: Window
  origin: string
  onMessage: (message: PortalMessage) => void
}

/**
 * Posts to the parent window at `origin` only and accepts a message only
 * when it comes from the parent window, from that origin, in a shape of the
 * protocol. Anything else is dropped without a word: a page may receive
 * messages from extensions and other frames.
 */
export function createBridge({
  win,
  origin,
  onMessage,
}: BridgeOptions): Bridge {
  let open = true
  const onWindowMessage = (event: MessageEvent) => {
    if (!open) return
    if (event.source !== win.parent || event.origin !== origin) return
    const message = parsePortalMessage(event.data)
    if (message) onMessage(message)
  }
  win.addEventListener('message', onWindowMessage)
  return {
    origin,
    post: (message) => {
      if (open) win.parent.postMessage(envelope(message), origin)
    },
    close: () => {
      open = false
      win.removeEventListener('message', onWindowMessage)
    },
  }
}

export interface OriginSources {
  /** The origin the session's token named, if any. */
  sessionOrigin: string | null
  /** `location.ancestorOrigins`, where the browser has it. */
  ancestorOrigins: ArrayLike<string> | undefined
  /** The origins the dashboard allows to embed it. */
  allowedOrigins: readonly string[]
}

/**
 * The portal's origin: the one bound to the session; else the parent's, when
 * the browser tells it and it is allowed; else the only allowed one. Null
 * when none of these settles it: the frame then sends nothing.
 */
export function resolvePortalOrigin({
  sessionOrigin,
  ancestorOrigins,
  allowedOrigins,
}: OriginSources): string | null {
  if (sessionOrigin) return sessionOrigin
  const parent = ancestorOrigins?.[0]
  if (parent !== undefined && allowedOrigins.includes(parent)) return parent
  if (allowedOrigins.length === 1) return allowedOrigins[0] ?? null
  return null
}

export const isFramed = (win: Window): boolean => win.parent !== win

export interface HeightWatchOptions {
  win?: Window
  /** The document's height in CSS pixels. */
  measure?: () => number
}

/** The height the portal should give the frame: the content, not the viewport. */
export function documentHeight(doc: Document): number {
  const root = doc.documentElement.getBoundingClientRect().height
  return Math.ceil(Math.max(root, doc.body.scrollHeight))
}

/**
 * Calls `onHeight` with the document's height now and whenever it changes
 * to another whole number of pixels, at most once per animation frame.
 */
export function watchDocumentHeight(
  onHeight: (height: number) => void,
  { win = window, measure }: HeightWatchOptions = {},
): () => void {
  const doc = win.document
  const read = measure ?? (() => documentHeight(doc))
  let last: number | null = null
  let frame: number | null = null
  const report = () => {
    frame = null
    const height = Math.ceil(read())
    if (height === last) return
    last = height
    onHeight(height)
  }
  const schedule = () => {
    frame ??= win.requestAnimationFrame(report)
  }
  const observer = new ResizeObserver(schedule)
  observer.observe(doc.documentElement)
  observer.observe(doc.body)
  report()
  return () => {
    observer.disconnect()
    if (frame !== null) win.cancelAnimationFrame(frame)
    frame = null
  }
}
