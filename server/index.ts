import { mkdirSync, readFileSync, realpathSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { serve } from '@hono/node-server'

import { createApp } from './app'
import { openAuditStore } from './audit/store'
import { type Config, loadConfig } from './config'
import {
  originFor,
  type RunningEmbedDemo,
  startEmbedDemo,
} from './embed-demo/start'
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
  try {
    return createSandbox({
      db: config.sandbox.db,
      apiKey: config.sandbox.apiKey,
      accounts: config.sandbox.accounts,
      seed: config.sandbox.seed,
      dataset: config.sandbox.dataset,
      syncDelayMs: config.sandbox.syncDelayMs,
    })
  } catch (error) {
    return fail(
      `SANDBOX_DB ${config.sandbox.db} could not be opened: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

function openAudit(config: Config, sandbox: Sandbox | undefined) {
  try {
    return openAuditStore(config.auditDb)
  } catch (error) {
    sandbox?.close()
    return fail(
      `AUDIT_DB ${config.auditDb} could not be opened: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

/** How people sign in, for the start-up line (never a secret). */
function signInLabel(config: Config): string {
  switch (config.auth.mode) {
    case 'none':
      return 'none, everyone is admin'
    case 'oidc':
      return `OpenID Connect at ${config.auth.oidc.issuer}`
    case 'proxy':
      return `proxy headers from ${config.auth.proxy.trustedProxies.join(', ')}`
  }
}

/** The dashboard's origin as the browser sees it: what the demo portal frames. */
function dashboardOrigin(config: Config): string {
  return config.publicUrl
    ? new URL(config.publicUrl).origin
    : originFor(config.host, config.port)
}

/** The demo portal beside the sandbox, unless EMBED_DEMO_PORT turned it off. */
async function startDemo(
  config: Config,
  sandbox: Sandbox | undefined,
): Promise<RunningEmbedDemo | undefined> {
  const port = config.embed.demoPort
  if (config.upstream.mode !== 'sandbox' || port === null) return undefined
  let demo: RunningEmbedDemo
  try {
    demo = await startEmbedDemo({
      host: config.host,
      port,
      dashboardOrigin: dashboardOrigin(config),
      secret: config.embed.secret,
    })
  } catch (error) {
    sandbox?.close()
    const code = (error as NodeJS.ErrnoException).code
    return fail(
      code === 'EADDRINUSE'
        ? `EMBED_DEMO_PORT ${port} is already in use on ${config.host}: set EMBED_DEMO_PORT to a free port, or to 0 to turn the portal demo off`
        : `EMBED_DEMO_PORT ${port}: the portal demo could not start (${error instanceof Error ? error.message : String(error)})`,
    )
  }
  const tokens = config.embed.secret === null ? 'off' : 'on'
  console.log(
    `Portal demo on ${demo.url} (embeds the dashboard; signed tokens: ${tokens})`,
  )
  if (!config.embed.origins.includes(demo.url)) {
    console.warn(
      `EMBED_ORIGINS does not list ${demo.url}: the dashboard will refuse to be framed by the portal demo`,
    )
  }
  return demo
}

export function main(): void {
  const config = readConfig()
  const sandbox =
    config.upstream.mode === 'sandbox' ? startSandbox(config) : undefined
  const auditStore = openAudit(config, sandbox)
  const app = createApp({
    config,
    ...(sandbox ? { sandbox } : {}),
    audit: { store: auditStore },
    distDir: resolve(rootDir, 'dist'),
    version: readVersion(),
  })
  const upstreamLabel =
    config.upstream.mode === 'seam'
      ? `Seam at ${config.upstream.endpoint}`
      : `sandbox: ${String(sandbox?.accountCount() ?? 0)} connected accounts${sandbox?.dataset === 'hostile' ? ', hostile data set' : ''}`

  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  let demo: Promise<RunningEmbedDemo | undefined> = Promise.resolve(undefined)
  const server = serve(
    { fetch: app.fetch, hostname: config.host, port: config.port },
    () => {
      console.log(
        `Seam Accounts Console on http://${host}:${config.port} (${upstreamLabel}; sign-in: ${signInLabel(config)})`,
      )
      demo = startDemo(config, sandbox)
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
      auditStore.close()
      process.exit(0)
    }
    const closed = new Promise((resolve) => server.close(resolve))
    void Promise.all([closed, demo.then((running) => running?.close())]).then(
      exit,
    )
    // Browsers hold keep-alive connections open; don't wait on them forever.
    setTimeout(exit, 3000).unref()
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

const entry = process.argv[1]
if (entry && realpathSync(entry) === fileURLToPath(import.meta.url)) main()
