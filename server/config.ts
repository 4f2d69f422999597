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

// Defaults are written as the strings the variables would hold, so a missing
// variable goes through exactly the same validation as a set one.
const envSchema = z.object({
  PORT: integer(1, 65_535).default('8080'),
  HOST: text.default('127.0.0.1'),
  SANDBOX_DB: text.default('data/sandbox.db'),
  SANDBOX_ACCOUNTS: integer(0, 100_000).default('240'),
  SANDBOX_API_KEY: text.default('seam_sandbox_local'),
  SANDBOX_SEED: integer(0, 4_294_967_295).default('1'),
  SANDBOX_SYNC_DELAY_MS: integer(0, 600_000).default('1000'),
})

const configSchema = envSchema.transform((env) => ({
  port: env.PORT,
  host: env.HOST,
  sandbox: {
    db: env.SANDBOX_DB,
    accounts: env.SANDBOX_ACCOUNTS,
    apiKey: env.SANDBOX_API_KEY,
    seed: env.SANDBOX_SEED,
    syncDelayMs: env.SANDBOX_SYNC_DELAY_MS,
  },
}))

export type Config = z.output<typeof configSchema>

type Env = Partial<Record<string, string>>

export function loadConfig(env: Env = process.env): Config {
  // `VAR=` in a shell, compose file or CI matrix usually means "leave it at
  // the default", so empty values count as unset.
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  )
  const result = configSchema.safeParse(present)
  if (result.success) return result.data

  const [issue] = result.error.issues
  const name = String(issue?.path[0] ?? 'environment')
  throw new Error(
    `${name} ${issue?.message ?? 'is invalid'} (got ${JSON.stringify(env[name] ?? '')})`,
  )
}
