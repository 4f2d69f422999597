import { serve } from '@hono/node-server'

import { createEmbedDemo } from './app'

export interface StartEmbedDemoOptions {
  host: string
  port: number
  dashboardOrigin: string
  secret: string | null
}

export interface RunningEmbedDemo {
  /** The portal's origin, as a browser should open it. */
  url: string
  close: () => Promise<void>
}

/**
 * The origin a browser uses for a server listening on host:port: a wildcard
 * address is reached on loopback, and an IPv6 address goes in brackets.
 */
export function originFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  const name = reachable.includes(':') ? `[${reachable}]` : reachable
  return new URL(`http://${name}:${port}`).origin
}

/**
 * Serves the demo portal on a fixed port; resolves once it listens, rejects
 * when it cannot (EADDRINUSE and the like).
 */
export function startEmbedDemo({
  host,
  port,
  dashboardOrigin,
  secret,
}: StartEmbedDemoOptions): Promise<RunningEmbedDemo> {
  const url = originFor(host, port)
  const app = createEmbedDemo({ dashboardOrigin, ownOrigin: url, secret })
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      reject(error)
    }
    const server = serve({ fetch: app.fetch, hostname: host, port }, () => {
      server.off('error', onError)
      resolve({
        url,
        close: () =>
          new Promise((done) => {
            server.close(() => {
              done()
            })
            // An open portal page keeps its connections alive; don't wait on them.
            if ('closeAllConnections' in server) server.closeAllConnections()
          }),
      })
    })
    server.once('error', onError)
  })
}
