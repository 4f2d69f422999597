import { mkdirSync, readFileSync, realpathSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { serve } from '@hono/node-server'

import { createApp } from './app'
import { type Config, loadConfig } from './config'
import { createSandbox, type Sandbox } from './sandbox/create-sandbox'

const rootDir = fileURLToPath(new URL('..', import.meta.url))

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

function readConfig(): Config {
  try {
    return loadConfig()
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }
}

function readVersion(): string {
  const pkg: unknown = JSON.parse(
    readFileSync(resolve(rootDir, 'package.json'), 'utf8'),
  )
  return pkg !== null &&
    typeof pkg === 'object' &&
    'version' in pkg &&
    typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0'
}

function startSandbox(config: Config): Sandbox {
  if (config.sandbox.db !== ':memory:') {
    mkdirSync(dirname(resolve(config.sandbox.db)), { recursive: true })
  }
  return createSandbox({
    db: config.sandbox.db,
    apiKey: config.sandbox.apiKey,
    accounts: config.sandbox.accounts,
    seed: config.sandbox.seed,
    syncDelayMs: config.sandbox.syncDelayMs,
  })
}

export function main(): void {
  const config = readConfig()
  const sandbox =
    config.upstream.mode === 'sandbox' ? startSandbox(config) : undefined
  const app = createApp({
    config,
    ...(sandbox ? { sandbox } : {}),
    distDir: resolve(rootDir, 'dist'),
    version: readVersion(),
  })
  const upstreamLabel =
    config.upstream.mode === 'seam'
      ? `Seam at ${config.upstream.endpoint}`
      : `sandbox: ${String(sandbox?.accountCount() ?? 0)} connected accounts`

  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  const server = serve(
    { fetch: app.fetch, hostname: config.host, port: config.port },
    () => {
      console.log(
        `Seam Accounts Console on http://${host}:${config.port} (${upstreamLabel})`,
      )
    },
  )

  server.on('error', (error: NodeJS.ErrnoException) => {
    sandbox?.close()
    fail(
      error.code === 'EADDRINUSE'
        ? `PORT ${config.port} is already in use on ${config.host}`
        : error.message,
    )
  })

  const shutdown = () => {
    const exit = () => {
      sandbox?.close()
      process.exit(0)
    }
    server.close(exit)
    // Browsers hold keep-alive connections open; don't wait on them forever.
    setTimeout(exit, 3000).unref()
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

const entry = process.argv[1]
if (entry && realpathSync(entry) === fileURLToPath(import.meta.url)) main()
