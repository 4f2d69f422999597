import { z } from 'zod'

import { formatTrustedProxy, parseTrustedProxy } from './auth/trusted-proxies'
import { DEFAULT_DB } from './sandbox/create-sandbox'
import { SANDBOX_DATASETS, type SandboxDataset } from './sandbox/seed'

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

const trustedProxyList = z.string().transform((value, ctx) => {
  const entries: string[] = []
  for (const item of value.split(',').map((s) => s.trim())) {
    if (item === '') continue
    const parsed = parseTrustedProxy(item)
    if (!parsed) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must be a comma-separated list of IP addresses or CIDR ranges such as 10.0.0.0/8 (not ${JSON.stringify(item)})`,
      })
      return z.NEVER
    }
    entries.push(formatTrustedProxy(parsed))
  }
  if (entries.length === 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must list at least one IP address or CIDR range',
    })
    return z.NEVER
  }
  return entries
})

/** Comma-separated names; blanks between commas are dropped. */
const nameList = z.string().transform((value) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
)

/** An HTTP header name (RFC 9110 token), kept lowercase as Node reports headers. */
const headerName = z
  .string()
  .trim()
  .regex(
    /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/,
    'must be an HTTP header name such as X-Forwarded-User',
  )
  .transform((value) => value.toLowerCase())

/** The OpenID provider's issuer identifier, exactly as it names itself. */
const issuerUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value)
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        url.search === '' &&
        url.hash === ''
      )
    } catch {
      return false
    }
  }, 'must be the http(s) URL of the OpenID provider such as https://login.example.com, without query or fragment')

/** An HMAC key shorter than this is guessable offline from one token. */
const EMBED_SECRET_MIN_LENGTH = 32
/** The session cookie's keys are derived from it; shorter is guessable offline. */
const SESSION_SECRET_MIN_LENGTH = 32

/** Variables whose values never appear in an error message. */
const SECRET_VARIABLES = new Set([
  'EMBED_SECRET',
  'SEAM_API_KEY',
  'SEAM_PERSONAL_ACCESS_TOKEN',
  'SANDBOX_API_KEY',
  'OIDC_CLIENT_SECRET',
  'SESSION_SECRET',
])

// Defaults are written as the strings the variables would hold, so a missing
// variable goes through exactly the same validation as a set one.
const envSchema = z.object({
  PORT: integer(1, 65_535).default('8080'),
  HOST: text.default('127.0.0.1'),
  PUBLIC_URL: httpUrl(' such as https://accounts.example.com').optional(),
  // Its default depends on SANDBOX_DATASET.
  SANDBOX_DB: text.optional(),
  SANDBOX_ACCOUNTS: integer(0, 100_000).default('240'),
  SANDBOX_API_KEY: text.default('seam_sandbox_local'),
  SANDBOX_SEED: integer(0, 4_294_967_295).default('1'),
  SANDBOX_SYNC_DELAY_MS: integer(0, 600_000).default('1000'),
  SANDBOX_DATASET: z
    .enum(SANDBOX_DATASETS, {
      errorMap: () => ({ message: `must be ${SANDBOX_DATASETS.join(' or ')}` }),
    })
    .default('realistic'),
  SEAM_API_KEY: text.optional(),
  SEAM_PERSONAL_ACCESS_TOKEN: text.optional(),
  SEAM_WORKSPACE_ID: text.optional(),
  SEAM_ENDPOINT: httpUrl('').default('https://connect.getseam.com'),
  UPSTREAM_TIMEOUT_MS: integer(100, 120_000).default('10000'),
  AUDIT_DB: text.default('data/audit.db'),
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
    .enum(['none', 'oidc', 'proxy'], {
      errorMap: () => ({ message: 'must be none, oidc or proxy' }),
    })
    .default('none'),
  OIDC_ISSUER: issuerUrl.optional(),
  OIDC_CLIENT_ID: text.optional(),
  OIDC_CLIENT_SECRET: text.optional(),
  OIDC_SCOPES: text
    .refine(
      (value) => value.split(/\s+/).includes('openid'),
      'must include openid, separated by spaces, such as "openid email profile"',
    )
    .default('openid email profile'),
  OIDC_GROUPS_CLAIM: text.default('groups'),
  SESSION_SECRET: z
    .string()
    .min(
      SESSION_SECRET_MIN_LENGTH,
      `must be at least ${SESSION_SECRET_MIN_LENGTH} characters`,
    )
    .optional(),
  SESSION_IDLE_MINUTES: integer(1, 1_440).default('30'),
  SESSION_MAX_HOURS: integer(1, 168).default('12'),
  AUTH_PROXY_USER_HEADER: headerName.optional(),
  AUTH_PROXY_EMAIL_HEADER: headerName.optional(),
  AUTH_PROXY_GROUPS_HEADER: headerName.optional(),
  TRUSTED_PROXIES: trustedProxyList.optional(),
  ROLE_GROUPS_ADMIN: nameList.default(''),
  ROLE_GROUPS_OPERATOR: nameList.default(''),
  RATE_LIMIT_DESTRUCTIVE_PER_MINUTE: integer(1, 10_000).default('20'),
})

type Env = z.output<typeof envSchema>

export type SeamCredentials =
  | { kind: 'api_key'; apiKey: string }
  | { kind: 'personal_access_token'; token: string; workspaceId: string }

export type UpstreamConfig =
  | { mode: 'sandbox' }
  | { mode: 'seam'; endpoint: string; credentials: SeamCredentials }

export type AuthMode = 'none' | 'oidc' | 'proxy'

export interface OidcConfig {
  issuer: string
  clientId: string
  clientSecret: string
  /** Space-separated, as sent in the authorization request. */
  scopes: string
  /** The ID token or userinfo claim that lists the person's groups. */
  groupsClaim: string
  /** `<PUBLIC_URL's origin>/auth/callback`, registered at the provider. */
  redirectUri: string
  /** Seals the session and sign-in cookies (keys are derived from it). */
  sessionSecret: string
  /** A session ends after this long without a request... */
  sessionIdleMs: number
  /** ...and this long after sign-in, whatever happens. */
  sessionMaxMs: number
}

export interface ProxyAuthConfig {
  /** Header names, lowercase. */
  userHeader: string
  emailHeader: string | null
  groupsHeader: string | null
  /** Addresses and CIDR ranges whose identity headers are believed. */
  trustedProxies: string[]
}

/** Group names that grant a role; anyone else signed in is a viewer. */
export interface RoleGroups {
  admin: string[]
  operator: string[]
}

export type AuthConfig = { roleGroups: RoleGroups } & (
  | { mode: 'none' }
  | { mode: 'oidc'; oidc: OidcConfig }
  | { mode: 'proxy'; proxy: ProxyAuthConfig }
)

export interface Config {
  port: number
  host: string
  /** The dashboard's public origin when it differs from what requests show (behind a proxy). */
  publicUrl: string | null
  upstream: UpstreamConfig
  upstreamTimeoutMs: number
  /** The audit log's SQLite file, or `:memory:`. */
  auditDb: string
  embed: EmbedConfig
  /** The same as `auth.mode`. */
  authMode: AuthMode
  auth: AuthConfig
  rateLimit: {
    /** Deletes and simulated disconnections one person may make in 60 s. */
    destructivePerMinute: number
  }
  sandbox: {
    db: string
    accounts: number
    apiKey: string
    seed: number
    syncDelayMs: number
    /** What a new sandbox database is seeded with. */
    dataset: SandboxDataset
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

const OIDC_VARIABLES = [
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_SCOPES',
  'OIDC_GROUPS_CLAIM',
  'SESSION_SECRET',
] as const
const PROXY_VARIABLES = [
  'AUTH_PROXY_USER_HEADER',
  'AUTH_PROXY_EMAIL_HEADER',
  'AUTH_PROXY_GROUPS_HEADER',
  'TRUSTED_PROXIES',
] as const

const isLoopbackUrl = (value: string): boolean =>
  isLoopbackHost(new URL(value).hostname.replace(/^\[(.*)\]$/, '$1'))

function required<T>(value: T | undefined, variable: string, why: string): T {
  if (value === undefined) throw new ConfigError(variable, `is required ${why}`)
  return value
}

function oidcOf(env: Env): OidcConfig {
  const why = 'with AUTH_MODE=oidc'
  const issuer = required(
    env.OIDC_ISSUER,
    'OIDC_ISSUER',
    `${why}: the URL of the OpenID provider, such as https://login.example.com`,
  )
  if (!issuer.startsWith('https:') && !isLoopbackUrl(issuer)) {
    throw new ConfigError(
      'OIDC_ISSUER',
      `must be an https URL (http only on localhost or 127.0.0.1) (got ${JSON.stringify(issuer)})`,
    )
  }
  const clientId = required(env.OIDC_CLIENT_ID, 'OIDC_CLIENT_ID', why)
  const clientSecret = required(
    env.OIDC_CLIENT_SECRET,
    'OIDC_CLIENT_SECRET',
    why,
  )
  const publicUrl = required(
    env.PUBLIC_URL,
    'PUBLIC_URL',
    `${why}: the provider sends people back to <PUBLIC_URL>/auth/callback`,
  )
  if (!publicUrl.startsWith('https:') && !isLoopbackUrl(publicUrl)) {
    throw new ConfigError(
      'PUBLIC_URL',
      `must be an https URL with AUTH_MODE=oidc (http only on localhost or 127.0.0.1): the session cookie goes with every request (got ${JSON.stringify(publicUrl)})`,
    )
  }
  const sessionSecret = required(
    env.SESSION_SECRET,
    'SESSION_SECRET',
    `${why}: ${SESSION_SECRET_MIN_LENGTH} or more random characters that seal the session cookie`,
  )
  return {
    issuer,
    clientId,
    clientSecret,
    scopes: env.OIDC_SCOPES.split(/\s+/).join(' '),
    groupsClaim: env.OIDC_GROUPS_CLAIM,
    redirectUri: `${new URL(publicUrl).origin}/auth/callback`,
    sessionSecret,
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: env.SESSION_MAX_HOURS * 3_600_000,
  }
}

function proxyAuthOf(env: Env): ProxyAuthConfig {
  const why = 'with AUTH_MODE=proxy'
  return {
    userHeader: required(
      env.AUTH_PROXY_USER_HEADER,
      'AUTH_PROXY_USER_HEADER',
      `${why}: the header your sign-in proxy puts the user's name in, such as X-Forwarded-User`,
    ),
    emailHeader: env.AUTH_PROXY_EMAIL_HEADER ?? null,
    groupsHeader: env.AUTH_PROXY_GROUPS_HEADER ?? null,
    trustedProxies: required(
      env.TRUSTED_PROXIES,
      'TRUSTED_PROXIES',
      `${why}: the addresses of your sign-in proxy, such as 10.0.0.5 or 10.0.0.0/24 (anyone else could send the headers)`,
    ),
  }
}

function authOf(
  env: Env,
  present: RawEnv,
  upstream: UpstreamConfig,
): AuthConfig {
  const mode = env.AUTH_MODE
  // A sign-in variable without its mode is a forgotten AUTH_MODE, which
  // would otherwise leave the dashboard open.
  const unused = (
    variables: readonly string[],
    needed: AuthMode,
  ): string | undefined =>
    mode === needed
      ? undefined
      : variables.find((variable) => present[variable] !== undefined)
  const stray =
    unused(OIDC_VARIABLES, 'oidc') ?? unused(PROXY_VARIABLES, 'proxy')
  if (stray !== undefined) {
    const needed = stray.startsWith('OIDC_') || stray === 'SESSION_SECRET'
    throw new ConfigError(
      stray,
      `is set, but AUTH_MODE is ${mode}: set AUTH_MODE=${needed ? 'oidc' : 'proxy'}, or unset ${stray}`,
    )
  }
  // Sign-in is the only thing that may open a real workspace beyond loopback.
  if (
    mode === 'none' &&
    upstream.mode === 'seam' &&
    !isLoopbackHost(env.HOST)
  ) {
    throw new ConfigError(
      'HOST',
      `is ${env.HOST}, but without sign-in (AUTH_MODE=none) a dashboard on a real Seam workspace only listens on loopback: set HOST=127.0.0.1, or AUTH_MODE=oidc or proxy`,
    )
  }
  const roleGroups = {
    admin: env.ROLE_GROUPS_ADMIN,
    operator: env.ROLE_GROUPS_OPERATOR,
  }
  switch (mode) {
    case 'none':
      return { mode, roleGroups }
    case 'oidc':
      return { mode, roleGroups, oidc: oidcOf(env) }
    case 'proxy':
      return { mode, roleGroups, proxy: proxyAuthOf(env) }
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
  const auth = authOf(parsed, present, upstream)
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    publicUrl: parsed.PUBLIC_URL ?? null,
    upstream,
    upstreamTimeoutMs: parsed.UPSTREAM_TIMEOUT_MS,
    auditDb: parsed.AUDIT_DB,
    embed: embedOf(parsed, upstream),
    authMode: auth.mode,
    auth,
    rateLimit: {
      destructivePerMinute: parsed.RATE_LIMIT_DESTRUCTIVE_PER_MINUTE,
    },
    sandbox: {
      db: parsed.SANDBOX_DB ?? DEFAULT_DB[parsed.SANDBOX_DATASET],
      accounts: parsed.SANDBOX_ACCOUNTS,
      apiKey: parsed.SANDBOX_API_KEY,
      seed: parsed.SANDBOX_SEED,
      syncDelayMs: parsed.SANDBOX_SYNC_DELAY_MS,
      dataset: parsed.SANDBOX_DATASET,
    },
  }
}

/** Every configured secret, for redaction and for the checks that none leaks. */
export function secretsOf(config: Config): string[] {
  const secrets = [config.sandbox.apiKey]
  if (config.embed.secret !== null) secrets.push(config.embed.secret)
  if (config.auth.mode === 'oidc') {
    secrets.push(config.auth.oidc.clientSecret, config.auth.oidc.sessionSecret)
  }
  if (config.upstream.mode === 'seam') {
    const { credentials } = config.upstream
    secrets.push(
      credentials.kind === 'api_key' ? credentials.apiKey : credentials.token,
    )
  }
  return secrets
}
