import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { keepAliveTransport, type PostInit } from './http-transport'

interface Seen {
  method: string | undefined
  url: string | undefined
  headers: IncomingMessage['headers']
  body: string
  socket: number
}

let server: Server
let base: string
let seen: Seen[]
let answer: (res: ServerResponse) => void

beforeEach(async () => {
  seen = []
  const sockets = new Map<object, number>()
  answer = (res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"ok":true}')
  }
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size + 1)
      seen.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        socket: sockets.get(req.socket) ?? 0,
      })
      answer(res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const init = (overrides: Partial<PostInit> = {}): PostInit => ({
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    authorization: 'Bearer seam_test_key',
  },
  body: '{"limit":25,"search":"ünïcode"}',
  signal: AbortSignal.timeout(5_000),
  redirect: 'manual',
  ...overrides,
})

describe('keepAliveTransport', () => {
  it('posts the headers and body and answers with status, headers and body', async () => {
    answer = (res) => {
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': '3',
        'set-cookie': ['a=1', 'b=2'],
      })
      res.end('{"error":{"type":"rate_limited"}}')
    }
    const response = await keepAliveTransport()(
      `${base}/connected_accounts/list`,
      init(),
    )

    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('3')
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    expect(await response.json()).toEqual({ error: { type: 'rate_limited' } })
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/connected_accounts/list',
        body: '{"limit":25,"search":"ünïcode"}',
      }),
    ])
    expect(seen[0]?.headers).toMatchObject({
      authorization: 'Bearer seam_test_key',
      'content-type': 'application/json',
      // Counted in bytes, not characters.
      'content-length': String(Buffer.byteLength(init().body)),
    })
  })

  it('reads a large body arriving in many chunks, characters intact', async () => {
    const big = JSON.stringify({
      names: Array.from({ length: 20_000 }, (_, i) => `Zoë ✓ ${i} 🔐`),
    })
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(big)
    }
    const transport = keepAliveTransport()

    const response = await transport(`${base}/x`, init())
    expect(await response.text()).toBe(big)
    const again = await transport(`${base}/x`, init())
    expect(await again.json()).toEqual(JSON.parse(big))
    const bytes = await (await transport(`${base}/x`, init())).arrayBuffer()
    expect(Buffer.from(bytes).equals(Buffer.from(big))).toBe(true)
  })

  it('keeps using one connection for calls in turn', async () => {
    const transport = keepAliveTransport()
    for (let i = 0; i < 3; i++) {
      const response = await transport(`${base}/x`, init())
      expect(await response.text()).toBe('{"ok":true}')
    }

    expect(seen.map((call) => call.socket)).toEqual([1, 1, 1])
  })

  it('does not follow a redirect', async () => {
    answer = (res) => {
      res.writeHead(302, { location: 'http://elsewhere.invalid/' })
      res.end()
    }
    const response = await keepAliveTransport()(`${base}/x`, init())

    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('http://elsewhere.invalid/')
    expect(seen).toHaveLength(1)
  })

  it('answers a 204 without a body', async () => {
    answer = (res) => {
      res.writeHead(204)
      res.end()
    }
    const response = await keepAliveTransport()(`${base}/x`, init())

    expect(response.status).toBe(204)
    expect(response.body).toBeNull()
  })

  it('fails with the signal’s reason when the time runs out', async () => {
    answer = () => {
      // Never answers.
    }
    const call = keepAliveTransport()(
      `${base}/x`,
      init({ signal: AbortSignal.timeout(50) }),
    )

    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' })
  })

  it('fails, without a timeout, when nothing listens', async () => {
    const port = (server.address() as AddressInfo).port
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    server = createServer()
    await new Promise<void>((resolve) => server.listen(0, resolve))

    const call = keepAliveTransport()(`http://127.0.0.1:${port}/x`, init())

    await expect(call).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('refuses a protocol other than http and https', async () => {
    await expect(
      keepAliveTransport()('ftp://127.0.0.1/x', init()),
    ).rejects.toThrow(/Unsupported upstream protocol ftp:/)
  })
})
