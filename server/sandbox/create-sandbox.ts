import { createHash, randomUUID, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'

import { getMeta, openDatabase } from './db'
import { invalidInput, SandboxError } from './errors'
import { parseParams, queryToParams } from './params'
import type { RouteContext, SandboxRoute } from './route'
import { connectWebviewsCreate } from './routes/connect-webviews-create'
import { connectWebviewsGet } from './routes/connect-webviews-get'
import { connectedAccountsDelete } from './routes/connected-accounts-delete'
import { connectedAccountsGet } from './routes/connected-accounts-get'
import { connectedAccountsList } from './routes/connected-accounts-list'
import { connectedAccountsSimulateDisconnect } from './routes/connected-accounts-simulate-disconnect'
import { connectedAccountsSync } from './routes/connected-accounts-sync'
import { connectedAccountsUpdate } from './routes/connected-accounts-update'
import { devicesList } from './routes/devices-list'
import { eventsList } from './routes/events-list'
import { workspacesGet } from './routes/workspaces-get'
import { SANDBOX_DATASETS, type SandboxDataset, seedWorkspace } from './seed'
import { SandboxStore } from './store'

/** A request id a caller may choose: letters, digits, `-` and `_`. */
const FORWARDED_REQUEST_ID = /^[A-Za-z0-9_-]{8,128}$/

export const DEFAULT_API_KEY = 'seam_sandbox_local'
export const DEFAULT_ACCOUNTS = 240
export const DEFAULT_SEED = 1
export const DEFAULT_SYNC_DELAY_MS = 1_000
export const MAX_ACCOUNTS = 100_000
export const DEFAULT_DATASET: SandboxDataset = 'realistic'
/** Where each data set lives unless told otherwise, so trying one never overwrites the other. */
export const DEFAULT_DB: Record<SandboxDataset, string> = {
  realistic: 'data/sandbox.db',
  hostile: 'data/sandbox-hostile.db',
}
const MAX_BODY_BYTES = 1024 * 1024

export interface SandboxOptions {
  /** SQLite file path, or ':memory:'. */
  db: string
  apiKey?: string
  /** Accounts seeded into a new database. */
  accounts?: number
  seed?: number
  /** What a new database is seeded with (default `realistic`). */
  dataset?: SandboxDataset
  /** Drop the database and seed it again. */
  reset?: boolean
  /** How long after `sync` is accepted the re-sync is applied; 0 applies it before answering. */
  syncDelayMs?: number
  /** The moment the seeded history ends (default: when the database is created). */
  now?: Date
  /** Base URL clients reach the sandbox at (default: the request's own origin). */
  publicUrl?: string
  /** Folder of `<account_type>.svg` provider logos. */
  logosDir?: string
}

export interface Sandbox {
  app: Hono
  apiKey: string
  store: SandboxStore
  /** True when this start created and seeded the database. */
  seeded: boolean
  /** The data set the database was seeded with. */
  dataset: SandboxDataset
  /** How long after an accepted sync its effect is applied. */
  syncDelayMs: number
  accountCount(): number
  close(): void
}

const routes: SandboxRoute[] = [
  connectedAccountsList,
  connectedAccountsGet,
  connectedAccountsUpdate,
  connectedAccountsDelete,
  connectedAccountsSync,
  connectedAccountsSimulateDisconnect,
  eventsList,
  devicesList,
  connectWebviewsCreate,
  connectWebviewsGet,
  workspacesGet,
]

/** Every route the sandbox serves, for tests that must cover each one. */
export const SANDBOX_ROUTES: readonly SandboxRoute[] = routes

const defaultLogosDir = fileURLToPath(
  new URL('../../public/provider-logos', import.meta.url),
)

const digest = (value: string): Buffer =>
  createHash('sha256').update(value).digest()

function errorBody(
  type: string,
  message: string,
  requestId: string,
  details = {},
) {
  return {
    error: { type, message, request_id: requestId, ...details },
    ok: false as const,
  }
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text()
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw invalidInput('Invalid input: the request body is not valid JSON.', {
      body: ['Not valid JSON'],
    })
  }
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY
  const accounts = options.accounts ?? DEFAULT_ACCOUNTS
  if (!Number.isInteger(accounts) || accounts < 0 || accounts > MAX_ACCOUNTS) {
    throw new Error(
      `accounts must be a whole number from 0 to ${MAX_ACCOUNTS} (got ${accounts})`,
    )
  }
  const dataset = options.dataset ?? DEFAULT_DATASET
  if (!(SANDBOX_DATASETS as readonly string[]).includes(dataset)) {
    throw new Error(
      `dataset must be one of ${SANDBOX_DATASETS.join(', ')} (got ${JSON.stringify(dataset)})`,
    )
  }
  const syncDelayMs = options.syncDelayMs ?? DEFAULT_SYNC_DELAY_MS
  const logosDir = options.logosDir ?? defaultLogosDir
  const publicUrl = options.publicUrl?.replace(/\/+$/, '')

  const { db, isNew } = openDatabase(options.db, {
    reset: options.reset ?? false,
    initialize: (db) => {
      seedWorkspace(db, {
        accounts,
        seed: options.seed ?? DEFAULT_SEED,
        now: options.now ?? new Date(),
        dataset,
      })
    },
  })
  // A database keeps the data set it was seeded with; asking for another one
  // would otherwise show the old data without a word.
  const seededWith = getMeta(db, 'dataset') ?? DEFAULT_DATASET
  if (seededWith !== dataset) {
    db.close()
    throw new Error(
      `The sandbox database ${options.db} was seeded with the ${seededWith} data set, not ${dataset}: use another database file, or delete this one to seed it again.`,
    )
  }
  const store = new SandboxStore(db)
  const pendingSyncs = new Set<NodeJS.Timeout>()

  const requestSync = (connectedAccountId: string): void => {
    if (syncDelayMs <= 0) {
      store.applySync(connectedAccountId)
      return
    }
    const timer = setTimeout(() => {
      pendingSyncs.delete(timer)
      if (db.open) store.applySync(connectedAccountId)
    }, syncDelayMs)
    timer.unref()
    pendingSyncs.add(timer)
  }

  const app = new Hono<{ Variables: { requestId: string } }>()

  app.use(async (c, next) => {
    // A caller's own id (the dashboard forwards its X-Request-Id) is kept, so
    // one id names the call on both sides; anything unlike an id is replaced.
    const given = c.req.header('x-request-id')
    const requestId =
      given !== undefined && FORWARDED_REQUEST_ID.test(given)
        ? given
        : randomUUID()
    c.set('requestId', requestId)
    c.header('seam-request-id', requestId)
    await next()
  })

  app.get('/health', (c) => c.json({ ok: true }))

  app.get('/assets/logos/:file', async (c) => {
    const file = c.req.param('file')
    if (!/^[a-z0-9_]+\.svg$/.test(file)) return c.notFound()
    try {
      const svg = await readFile(`${logosDir}/${file}`)
      return c.body(svg, 200, {
        'content-type': 'image/svg+xml',
        'cache-control': 'public, max-age=86400',
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'",
      })
    } catch {
      return c.notFound()
    }
  })

  app.use(async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(.+)$/i.exec(header)
    if (!match?.[1]) {
      throw new SandboxError(
        401,
        'unauthorized',
        'Unauthorized: send Authorization: Bearer <API key>.',
      )
    }
    if (!timingSafeEqual(digest(match[1].trim()), digest(apiKey))) {
      throw new SandboxError(
        401,
        'unauthorized',
        'Unauthorized: the API key is not valid.',
      )
    }
    await next()
  })

  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new SandboxError(
          413,
          'payload_too_large',
          'The request body is larger than 1 MiB.',
        )
      },
    }),
  )

  for (const route of routes) {
    for (const method of route.methods) {
      app.on(method, route.path, async (c) => {
        const params =
          method === 'GET'
            ? queryToParams(new URL(c.req.url).searchParams, route.schema)
            : await readBody(c.req.raw)
        if (
          params === null ||
          typeof params !== 'object' ||
          Array.isArray(params)
        ) {
          throw invalidInput(
            'Invalid input: the request body must be a JSON object.',
            {
              body: ['Expected a JSON object'],
            },
          )
        }
        const context: RouteContext = {
          store,
          baseUrl: publicUrl ?? new URL(c.req.url).origin,
          requestSync,
        }
        const body = route.handle(parseParams(route.schema, params), context)
        return c.json({ ...body, ok: true })
      })
    }
    app.all(route.path, (c) => {
      c.header('allow', route.methods.join(', '))
      throw new SandboxError(
        405,
        'method_not_allowed',
        `${c.req.method} is not allowed on ${route.path}: use ${route.methods.join(' or ')}.`,
      )
    })
  }

  app.notFound((c) =>
    c.json(
      errorBody(
        'not_found',
        `No route ${c.req.method} ${c.req.path}`,
        c.get('requestId'),
      ),
      404,
    ),
  )

  app.onError((error, c) => {
    const requestId = c.get('requestId')
    if (error instanceof SandboxError) {
      return c.json(
        errorBody(error.type, error.message, requestId, error.details),
        error.status,
      )
    }
    console.error(
      `[sandbox] ${c.req.method} ${c.req.path} failed (request ${requestId})`,
      error,
    )
    return c.json(
      errorBody(
        'internal_server_error',
        'The sandbox failed to handle the request.',
        requestId,
      ),
      500,
    )
  })

  return {
    app: app as unknown as Hono,
    apiKey,
    store,
    seeded: isNew,
    dataset,
    syncDelayMs,
    accountCount: () => store.countAccounts(),
    close: () => {
      for (const timer of pendingSyncs) clearTimeout(timer)
      pendingSyncs.clear()
      if (db.open) db.close()
    },
  }
}
