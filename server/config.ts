import { z } from 'zod'

function integer(min: number, max: number) {
  const message = `must be an integer between ${min} and ${max}`
  return z
    .string()
    .trim()
    .regex(/^[+-]?\d+$/, message)
    .transform(Number)
    .refine((value) => value >= min && value <= max, message)
}

const text = z.string().trim().min(1, 'must not be empty')

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value)
        return url.protocol === 'http:' || url.protocol === 'https:'
      } catch {
        return false
      }
    }, `must be an http(s) URL${what}`)
    .transform((value) => value.replace(/\/+$/, ''))

/** `https://portal.example.com` or `http://localhost:3000`: scheme, host and port only. */
function parseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    if (url.origin !== value.replace(/\/$/, '')) return undefined
    return url.origin
  } catch {
    return undefined
  }
}

const originList = z.string().transform((value, ctx) => {
  const origins: string[] = []
  for (const item of value.split(',').map((s) => s.trim())) {
    if (item === '') continue
    const origin = parseOrigin(item)
    if (!origin) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must be a comma-separated list of origins such as https://portal.example.com (not ${JSON.stringify(item)})`,
      })
      return z.NEVER
    }
    origins.push(origin)
  }
  return origins
})

/** An HMAC key shorter than this is guessable offline from one token. */
const EMBED_SECRET_MIN_LENGTH = 32

/** Variables whose values never appear in an error message. */
const SECRET_VARIABLES = new Set([
  'EMBED_SECRET',
  'SEAM_API_KEY',
  'SEAM_PERSONAL_ACCESS_TOKEN',
  'SANDBOX_API_KEY',
])

// Defaults are written as the strings the variables would hold, so a missing
// variable goes through exactly the same validation as a set one.
const envSchema = z.object({
  PORT: integer(1, 65_535).default('8080'),
  HOST: text.default('127.0.0.1'),
  PUBLIC_URL: httpUrl(' such as https://accounts.example.com').optional(),
  SANDBOX_DB: text.default('data/sandbox.db'),
  SANDBOX_ACCOUNTS: integer(0, 100_000).default('240'),
  SANDBOX_API_KEY: text.default('seam_sandbox_local'),
  SANDBOX_SEED: integer(0, 4_294_967_295).default('1'),
  SANDBOX_SYNC_DELAY_MS: integer(0, 600_000).default('1000'),
  SEAM_API_KEY: text.optional(),
  SEAM_PERSONAL_ACCESS_TOKEN: text.optional(),
  SEAM_WORKSPACE_ID: text.optional(),
  SEAM_ENDPOINT: httpUrl('').default('https://connect.getseam.com'),
  UPSTREAM_TIMEOUT_MS: integer(100, 120_000).default('10000'),
  EMBED_ORIGINS: originList.default(''),
  EMBED_SECRET: z
    .string()
    .min(
      EMBED_SECRET_MIN_LENGTH,
      `must be at least ${EMBED_SECRET_MIN_LENGTH} characters`,
    )
    .optional(),
  EMBED_SESSION_TTL_S: integer(60, 86_400).default('900'),
  EMBED_DEMO_PORT: integer(0, 65_535).optional(),
  AUTH_MODE: z
    .enum(['none'], { errorMap: () => ({ message: 'must be none' }) })
    .default('none'),
})

type Env = z.output<typeof envSchema>

export type SeamCredentials =
  | { kind: 'api_key'; apiKey: string }
  | { kind: 'personal_access_token'; token: string; workspaceId: string }

export type UpstreamConfig =
  | { mode: 'sandbox' }
  | { mode: 'seam'; endpoint: string; credentials: SeamCredentials }

export interface Config {
  port: number
  host: string
  /** The dashboard's public origin when it differs from what requests show (behind a proxy). */
  publicUrl: string | null
  upstream: UpstreamConfig
  upstreamTimeoutMs: number
  embed: EmbedConfig
  authMode: 'none'
  sandbox: {
    db: string
    accounts: number
    apiKey: string
    seed: number
    syncDelayMs: number
  }
}

export interface EmbedConfig {
  /** Portal origins allowed to frame the dashboard; empty means none may. */
  origins: string[]
  /** Key that signs embed tokens; null when sessions need no token (sandbox only). */
  secret: string | null
  /** How long an embed session lasts. */
  sessionTtlMs: number
  /** Port of the demo portal served beside the sandbox; null when it is off. */
  demoPort: number | null
}

export const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)

class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable} ${message}`)
  }
}

function upstreamOf(env: Env): UpstreamConfig {
  const { SEAM_API_KEY: apiKey, SEAM_PERSONAL_ACCESS_TOKEN: token } = env
  if (apiKey && token) {
    throw new ConfigError(
      'SEAM_API_KEY',
      'and SEAM_PERSONAL_ACCESS_TOKEN are both set: set only one of them',
    )
  }
  if (token) {
    if (!env.SEAM_WORKSPACE_ID) {
      throw new ConfigError(
        'SEAM_WORKSPACE_ID',
        'is required with SEAM_PERSONAL_ACCESS_TOKEN (it is sent as the seam-workspace header)',
      )
    }
    return {
      mode: 'seam',
      endpoint: env.SEAM_ENDPOINT,
      credentials: {
        kind: 'personal_access_token',
        token,
        workspaceId: env.SEAM_WORKSPACE_ID,
      },
    }
  }
  if (env.SEAM_WORKSPACE_ID) {
    throw new ConfigError(
      'SEAM_WORKSPACE_ID',
      'is only used with SEAM_PERSONAL_ACCESS_TOKEN (an API key already names its workspace)',
    )
  }
  if (apiKey) {
    return {
      mode: 'seam',
      endpoint: env.SEAM_ENDPOINT,
      credentials: { kind: 'api_key', apiKey },
    }
  }
  return { mode: 'sandbox' }
}

/** `http://<host>:<port>` as a browser on the same machine reaches it. */
function localOrigin(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  const name = reachable.includes(':') ? `[${reachable}]` : reachable
  try {
    return new URL(`http://${name}:${port}`).origin
  } catch {
    throw new ConfigError(
      'HOST',
      `is ${JSON.stringify(host)}, which is not a host name or IP address`,
    )
  }
}

function embedOf(env: Env, upstream: UpstreamConfig): EmbedConfig {
  const base = {
    secret: env.EMBED_SECRET ?? null,
    sessionTtlMs: env.EMBED_SESSION_TTL_S * 1_000,
  }
  if (upstream.mode === 'seam') {
    if (env.EMBED_DEMO_PORT !== undefined) {
      throw new ConfigError(
        'EMBED_DEMO_PORT',
        'is set, but the demo portal runs only in sandbox mode: unset it when SEAM_API_KEY or SEAM_PERSONAL_ACCESS_TOKEN is set',
      )
    }
    return { ...base, origins: env.EMBED_ORIGINS, demoPort: null }
  }
  const demoPort = env.EMBED_DEMO_PORT ?? env.PORT + 1
  if (demoPort > 65_535) {
    throw new ConfigError(
      'EMBED_DEMO_PORT',
      `defaults to PORT + 1, which is ${demoPort}: set it to a free port between 1 and 65535, or to 0 to turn the demo portal off`,
    )
  }
  if (demoPort === env.PORT) {
    throw new ConfigError(
      'EMBED_DEMO_PORT',
      `must differ from PORT (both are ${demoPort}): the demo portal listens beside the dashboard`,
    )
  }
  if (demoPort === 0) {
    return { ...base, origins: env.EMBED_ORIGINS, demoPort: null }
  }
  return {
    ...base,
    // The demo portal frames the dashboard out of the box.
    origins:
      env.EMBED_ORIGINS.length > 0
        ? env.EMBED_ORIGINS
        : [localOrigin(env.HOST, demoPort)],
    demoPort,
  }
}

type RawEnv = Partial<Record<string, string>>

/** Reads and checks the whole configuration once; a bad value throws one line naming the variable. */
export function loadConfig(env: RawEnv = process.env): Config {
  // `VAR=` in a shell, compose file or CI matrix usually means "leave it at
  // the default", so empty values count as unset.
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  )
  const result = envSchema.safeParse(present)
  if (!result.success) {
    const [issue] = result.error.issues
    const name = String(issue?.path[0] ?? 'environment')
    const value = env[name] ?? ''
    const got = SECRET_VARIABLES.has(name)
      ? `${Array.from(value).length} characters`
      : JSON.stringify(value)
    throw new Error(`${name} ${issue?.message ?? 'is invalid'} (got ${got})`)
  }
  const parsed = result.data
  const upstream = upstreamOf(parsed)
  // Sign-in is the only thing that may open a real workspace beyond loopback.
  if (upstream.mode === 'seam' && !isLoopbackHost(parsed.HOST)) {
    throw new ConfigError(
      'HOST',
      `is ${parsed.HOST}, but without sign-in (AUTH_MODE=none) a dashboard on a real Seam workspace only listens on loopback: set HOST=127.0.0.1`,
    )
  }
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    publicUrl: parsed.PUBLIC_URL ?? null,
    upstream,
    upstreamTimeoutMs: parsed.UPSTREAM_TIMEOUT_MS,
    embed: embedOf(parsed, upstream),
    authMode: parsed.AUTH_MODE,
    sandbox: {
      db: parsed.SANDBOX_DB,
      accounts: parsed.SANDBOX_ACCOUNTS,
      apiKey: parsed.SANDBOX_API_KEY,
      seed: parsed.SANDBOX_SEED,
      syncDelayMs: parsed.SANDBOX_SYNC_DELAY_MS,
    },
  }
}

/** Every configured secret, for redaction and for the checks that none leaks. */
export function secretsOf(config: Config): string[] {
  const secrets = [config.sandbox.apiKey]
  if (config.embed.secret !== null) secrets.push(config.embed.secret)
  if (config.upstream.mode === 'seam') {
    const { credentials } = config.upstream
    secrets.push(
      credentials.kind === 'api_key' ? credentials.apiKey : credentials.token,
    )
  }
  return secrets
}
