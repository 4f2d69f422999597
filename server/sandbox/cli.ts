import { serve } from '@hono/node-server'

import { parseSandboxCli } from './cli-options'
import { createSandbox } from './create-sandbox'

/** Runs `work`, or stops with its error as one line. */
function orExit<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    console.error(
      `sandbox: ${error instanceof Error ? error.message : String(error)}`,
    )
    process.exit(1)
  }
}

const options = orExit(() =>
  parseSandboxCli(process.argv.slice(2), process.env),
)

const started = performance.now()
const sandbox = orExit(() =>
  createSandbox({
    db: options.db,
    apiKey: options.apiKey,
    accounts: options.accounts,
    seed: options.seed,
    dataset: options.dataset,
    reset: options.reset,
    syncDelayMs: options.syncDelayMs,
  }),
)
const seededIn = Math.round(performance.now() - started)

const server = serve(
  { fetch: sandbox.app.fetch, port: options.port, hostname: options.host },
  (info) => {
    const host = info.address.includes(':') ? `[${info.address}]` : info.address
    const url = `http://${host}:${info.port}`
    console.log(`Seam sandbox on ${url}`)
    console.log(`  API key   ${sandbox.apiKey}`)
    console.log(
      `  database  ${options.db} (${sandbox.accountCount()} connected accounts, ${sandbox.dataset} data set${sandbox.seeded ? `, seeded in ${seededIn} ms` : ''})`,
    )
    console.log(
      `  try       curl -s -X POST ${url}/connected_accounts/list -H 'Authorization: Bearer ${sandbox.apiKey}' -H 'Content-Type: application/json' -d '{"limit":1}'`,
    )
  },
)

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `sandbox: port ${options.port} on ${options.host} is already in use (set --port or SANDBOX_PORT)`
      : `sandbox: ${error.message}`,
  )
  sandbox.close()
  process.exit(1)
})

const shutdown = (): void => {
  server.close(() => {
    sandbox.close()
    process.exit(0)
  })
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
