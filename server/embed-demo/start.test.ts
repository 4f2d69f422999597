import { createServer } from 'node:net'

import { describe, expect, it } from 'vitest'

import { originFor, startEmbedDemo } from './start'

const DASHBOARD = 'http://127.0.0.1:8080'

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => {
        resolve(port)
      })
    })
  })
}

describe('originFor', () => {
  it.each([
    ['127.0.0.1', 'http://127.0.0.1:8081'],
    ['0.0.0.0', 'http://127.0.0.1:8081'],
    ['::', 'http://127.0.0.1:8081'],
    ['::1', 'http://[::1]:8081'],
    ['LocalHost', 'http://localhost:8081'],
  ])('reaches %s at %s', (host, origin) => {
    expect(originFor(host, 8081)).toBe(origin)
  })
})

describe('startEmbedDemo', () => {
  it('listens, serves the portal and closes', async () => {
    const port = await freePort()
    const demo = await startEmbedDemo({
      host: '127.0.0.1',
      port,
      dashboardOrigin: DASHBOARD,
      secret: null,
    })
    try {
      expect(demo.url).toBe(`http://127.0.0.1:${port}`)
      const res = await fetch(`${demo.url}/config.json`)
      expect(await res.json()).toEqual({
        dashboard_origin: DASHBOARD,
        token_mode: 'none',
      })
    } finally {
      await demo.close()
    }
    await expect(fetch(`${demo.url}/config.json`)).rejects.toThrow()
  })

  it('rejects when the port is taken', async () => {
    const port = await freePort()
    const first = await startEmbedDemo({
      host: '127.0.0.1',
      port,
      dashboardOrigin: DASHBOARD,
      secret: null,
    })
    try {
      await expect(
        startEmbedDemo({
          host: '127.0.0.1',
          port,
          dashboardOrigin: DASHBOARD,
          secret: null,
        }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' })
    } finally {
      await first.close()
    }
  })
})
