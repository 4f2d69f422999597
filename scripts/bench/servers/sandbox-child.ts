/**
 * The sandbox alone over HTTP, as `npm run sandbox` serves it, on a given
 * database file.
 *
 *   (started by the benchmark) sandbox-child.ts <db-file>
 */
import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'

import { createSandbox } from '../../../server/sandbox/create-sandbox'
import { serveParent } from './child-ipc'

const db = process.argv[2]
if (!db) throw new Error('Usage: sandbox-child.ts <db-file>')

const sandbox = createSandbox({ db, syncDelayMs: 0 })
const server = serve({
  fetch: sandbox.app.fetch,
  port: 0,
  hostname: '127.0.0.1',
})
server.once('listening', () => {
  const { port } = server.address() as AddressInfo
  serveParent(
    { url: `http://127.0.0.1:${port}`, apiKey: sandbox.apiKey },
    () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          sandbox.close()
          resolve()
        })
      }),
  )
})
