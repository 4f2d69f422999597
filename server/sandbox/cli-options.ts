import { parseArgs } from 'node:util'

import { z } from 'zod'

import {
  DEFAULT_ACCOUNTS,
  DEFAULT_API_KEY,
  DEFAULT_DATASET,
  DEFAULT_DB,
  DEFAULT_SEED,
  DEFAULT_SYNC_DELAY_MS,
  MAX_ACCOUNTS,
} from './create-sandbox'
import { SANDBOX_DATASETS, type SandboxDataset } from './seed'

export interface SandboxCliOptions {
  port: number
  host: string
  db: string
  accounts: number
  reset: boolean
  apiKey: string
  seed: number
  syncDelayMs: number
  dataset: SandboxDataset
}

const wholeNumber = (name: string, min: number, max: number) =>
  z.string().transform((value, ctx) => {
    const n = Number(value)
    if (!/^\d+$/.test(value) || n < min || n > max) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`,
      })
      return z.NEVER
    }
    return n
  })

const schema = z.object({
  port: wholeNumber('--port / SANDBOX_PORT', 0, 65_535).default('8787'),
  host: z
    .string()
    .min(1, '--host / SANDBOX_HOST must not be empty')
    .default('127.0.0.1'),
  // Its default depends on the data set.
  db: z.string().min(1, '--db / SANDBOX_DB must not be empty').optional(),
  accounts: wholeNumber(
    '--accounts / SANDBOX_ACCOUNTS',
    0,
    MAX_ACCOUNTS,
  ).default(String(DEFAULT_ACCOUNTS)),
  apiKey: z
    .string()
    .min(8, 'SANDBOX_API_KEY must be at least 8 characters')
    .regex(/^\S+$/, 'SANDBOX_API_KEY must not contain spaces')
    .default(DEFAULT_API_KEY),
  seed: wholeNumber('--seed / SANDBOX_SEED', 0, 2 ** 32 - 1).default(
    String(DEFAULT_SEED),
  ),
  syncDelayMs: wholeNumber(
    '--sync-delay-ms / SANDBOX_SYNC_DELAY_MS',
    0,
    600_000,
  ).default(String(DEFAULT_SYNC_DELAY_MS)),
  dataset: z
    .enum(SANDBOX_DATASETS, {
      errorMap: (_issue, ctx) => ({
        message: `--dataset / SANDBOX_DATASET must be ${SANDBOX_DATASETS.join(' or ')} (got ${JSON.stringify(ctx.data)})`,
      }),
    })
    .default(DEFAULT_DATASET),
})

/** Flags win over environment variables; an invalid value throws one line naming it. */
export function parseSandboxCli(
  argv: string[],
  env: Record<string, string | undefined>,
): SandboxCliOptions {
  // parseArgs names an unknown or malformed flag in its own message.
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      accounts: { type: 'string' },
      seed: { type: 'string' },
      'sync-delay-ms': { type: 'string' },
      dataset: { type: 'string' },
      reset: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  })
  const pick = (flag: string | undefined, name: string): string | undefined =>
    flag ?? (env[name] === '' ? undefined : env[name])
  const result = schema.safeParse({
    port: pick(values.port, 'SANDBOX_PORT'),
    host: pick(values.host, 'SANDBOX_HOST'),
    db: pick(values.db, 'SANDBOX_DB'),
    accounts: pick(values.accounts, 'SANDBOX_ACCOUNTS'),
    apiKey: pick(undefined, 'SANDBOX_API_KEY'),
    seed: pick(values.seed, 'SANDBOX_SEED'),
    syncDelayMs: pick(values['sync-delay-ms'], 'SANDBOX_SYNC_DELAY_MS'),
    dataset: pick(values.dataset, 'SANDBOX_DATASET'),
  })
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new Error(issue?.message ?? 'Invalid sandbox options')
  }
  const { db, ...options } = result.data
  return {
    ...options,
    db: db ?? DEFAULT_DB[options.dataset],
    reset: values.reset ?? false,
  }
}
