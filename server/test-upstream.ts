import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StubRequest {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

export type StubReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'drop'
  | 'hang'

/** A Seam-shaped HTTP upstream whose answers each test scripts, failures included. */
export interface StubUpstream {
  url: string
  requests: StubRequest[]
  /** Answers in order; the last one repeats. */
  reply(...replies: (StubReply | ((request: StubRequest) => StubReply))[]): void
  close(): Promise<void>
}

export async function startStubUpstream(): Promise<StubUpstream> {
  let replies: (StubReply | ((request: StubRequest) => StubReply))[] = [
    { status: 200, body: { ok: true } },
  ]
  const requests: StubRequest[] = []
  const hanging = new Set<ServerResponse>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(request)
      const next = replies.length > 1 ? replies.shift() : replies[0]
      const reply = typeof next === 'function' ? next(request) : next
      if (reply === undefined || reply === 'drop') {
        req.socket.destroy()
        return
      }
      if (reply === 'hang') {
        hanging.add(res)
        return
      }
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        ...reply.headers,
      })
      res.end(JSON.stringify(reply.body ?? { ok: reply.status < 400 }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply(...next) {
      replies = next
    },
    async close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve()
        }),
      )
    },
  }
}
