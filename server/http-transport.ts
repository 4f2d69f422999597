import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/** What the upstream sends a call: always a POST of a JSON string. */
export interface PostInit {
  method: 'POST'
  headers: Record<string, string>
  body: string
  signal: AbortSignal
  redirect: 'manual'
}

/** `fetch` narrowed to what the upstream uses; `fetch` itself is one. */
export type PostTransport = (url: string, init: PostInit) => Promise<Response>

/**
 * A response whose body is already read: `arrayBuffer()`, `text()` (UTF-8,
 * as `fetch` decodes) and `json()` answer from the bytes instead of passing
 * them through a stream first.
 */
class ReadResponse extends Response {
  readonly #bytes: Buffer

  constructor(bytes: Buffer, init: ResponseInit) {
    super(
      // Buffer.concat allocates an ArrayBuffer, never a shared one.
      new Uint8Array(
        bytes.buffer as ArrayBuffer,
        bytes.byteOffset,
        bytes.byteLength,
      ),
      init,
    )
    this.#bytes = bytes
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#bytes
    return Promise.resolve(
      bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer,
    )
  }

  override text(): Promise<string> {
    return Promise.resolve(this.#bytes.toString('utf8'))
  }

  override json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text) as unknown)
  }
}

// Statuses whose responses carry no body; `new Response` refuses one.
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304])

/**
 * A POST over Node's own HTTP client on keep-alive connections, answered as
 * a `Response` with the whole body read. It does what `fetch` does for the
 * upstream (no redirects followed, the signal aborts) at a fraction of its
 * cost per call: the forwarding overhead users wait for on every request.
 */
export function keepAliveTransport({
  maxSockets = 64,
}: { maxSockets?: number } = {}): PostTransport {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets }),
  }
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url)
      const secure = target.protocol === 'https:'
      if (!secure && target.protocol !== 'http:') {
        reject(
          new TypeError(`Unsupported upstream protocol ${target.protocol}`),
        )
        return
      }
      const headers = {
        ...init.headers,
        'content-length': String(Buffer.byteLength(init.body)),
      }
      const req = (secure ? httpsRequest : httpRequest)(
        target,
        {
          method: init.method,
          headers,
          agent: agents[secure ? 'https:' : 'http:'],
          signal: init.signal,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('error', (error) => {
            reject(init.signal.aborted ? (init.signal.reason as Error) : error)
          })
          res.on('end', () => {
            const responseHeaders = new Headers()
            for (const [name, value] of Object.entries(res.headers)) {
              if (value === undefined) continue
              for (const one of Array.isArray(value) ? value : [value]) {
                responseHeaders.append(name, one)
              }
            }
            const status = res.statusCode ?? 502
            const init = { status, headers: responseHeaders }
            try {
              resolve(
                NULL_BODY_STATUSES.has(status)
                  ? new Response(null, init)
                  : new ReadResponse(Buffer.concat(chunks), init),
              )
            } catch (error) {
              // A status `Response` cannot hold (below 200, above 599).
              reject(error instanceof Error ? error : new Error(String(error)))
            }
          })
        },
      )
      req.on('error', (error) => {
        // An aborted signal fails the call with the signal's reason, as
        // fetch does (a TimeoutError for AbortSignal.timeout).
        reject(init.signal.aborted ? (init.signal.reason as Error) : error)
      })
      req.end(init.body)
    })
}
