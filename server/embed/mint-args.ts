import { parseArgs } from 'node:util'

import { isRole, rolesText, scopeProblem } from './claims'
import { parseScope } from './scope'
import type { MintEmbedTokenOptions } from './token'
import { DEFAULT_EMBED_TOKEN_TTL_S, MAX_EMBED_TOKEN_LIFETIME_S } from './token'

export const MINT_USAGE = `Mints an embed token, as a portal backend does, and prints it.

  EMBED_SECRET=... npm run embed:token -- --role <role> [options]

  --role <role>                 ${rolesText} (required)
  --customer-key <key>          scope: one customer's accounts
  --customer-id <uuid>          scope: these customers' accounts (repeatable)
  --user-identifier-key <key>   scope: one user identifier's accounts
  --metadata <key=value>        scope: accounts with this custom metadata pair
                                (repeatable; key:=true or key:=false for a boolean)
  --ttl <seconds>               token lifetime, 1-${MAX_EMBED_TOKEN_LIFETIME_S} (default ${DEFAULT_EMBED_TOKEN_TTL_S})
  --origin <origin>             the portal origin, one of the dashboard's EMBED_ORIGINS
  --subject <name>              who uses the frame, for display and logs`

export class MintArgsError extends Error {}

const EMBED_SECRET_MIN_LENGTH = 32

function metadataPair(text: string): [string, string | boolean] {
  const boolean = /^([^=]*?):=(true|false)$/.exec(text)
  if (boolean) return [boolean[1] ?? '', boolean[2] === 'true']
  const at = text.indexOf('=')
  if (at < 1) {
    throw new MintArgsError(
      `--metadata must be key=value or key:=true|false (got ${JSON.stringify(text)})`,
    )
  }
  return [text.slice(0, at), text.slice(at + 1)]
}

function originOf(text: string): string {
  try {
    const url = new URL(text)
    if (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.origin === text.replace(/\/$/, '')
    ) {
      return url.origin
    }
  } catch {
    // Reported below.
  }
  throw new MintArgsError(
    `--origin must be an origin such as https://portal.example.com (got ${JSON.stringify(text)})`,
  )
}

/** The options of `npm run embed:token`, or an error naming the flag at fault. */
export function parseMintArgs(
  argv: readonly string[],
  env: Partial<Record<string, string>>,
): MintEmbedTokenOptions | 'help' {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        'customer-key': { type: 'string' },
        'customer-id': { type: 'string', multiple: true },
        'user-identifier-key': { type: 'string' },
        metadata: { type: 'string', multiple: true },
        ttl: { type: 'string' },
        origin: { type: 'string' },
        subject: { type: 'string' },
        help: { type: 'boolean' },
      },
    }))
  } catch (error) {
    throw new MintArgsError(
      error instanceof Error ? error.message : String(error),
    )
  }
  if (values.help) return 'help'

  const secret = env.EMBED_SECRET ?? ''
  if (secret === '') {
    throw new MintArgsError(
      'EMBED_SECRET is not set: use the same secret as the dashboard',
    )
  }
  if (secret.length < EMBED_SECRET_MIN_LENGTH) {
    throw new MintArgsError(
      `EMBED_SECRET must be at least ${EMBED_SECRET_MIN_LENGTH} characters (got ${secret.length})`,
    )
  }

  const { role } = values
  if (role === undefined)
    throw new MintArgsError(`--role is required (${rolesText})`)
  if (!isRole(role)) {
    throw new MintArgsError(
      `--role must be one of ${rolesText} (got ${JSON.stringify(role)})`,
    )
  }

  const flags: Record<string, string> = {
    customer_key: '--customer-key',
    customer_ids: '--customer-id',
    user_identifier_key: '--user-identifier-key',
    custom_metadata_has: '--metadata',
  }
  const metadata = values.metadata?.map(metadataPair)
  const parsed = parseScope({
    ...(values['customer-key'] === undefined
      ? {}
      : { customer_key: values['customer-key'] }),
    ...(values['customer-id'] === undefined
      ? {}
      : { customer_ids: values['customer-id'] }),
    ...(values['user-identifier-key'] === undefined
      ? {}
      : { user_identifier_key: values['user-identifier-key'] }),
    ...(metadata === undefined
      ? {}
      : { custom_metadata_has: Object.fromEntries(metadata) }),
  })
  if (!parsed.ok) {
    const flag = flags[parsed.field.split(/[.[]/)[0] ?? ''] ?? '--metadata'
    throw new MintArgsError(
      `${flag}: ${scopeProblem(parsed.field, parsed.message)}`,
    )
  }

  let ttlSeconds = DEFAULT_EMBED_TOKEN_TTL_S
  if (values.ttl !== undefined) {
    ttlSeconds = Number(values.ttl)
    if (
      !/^\d+$/.test(values.ttl) ||
      ttlSeconds < 1 ||
      ttlSeconds > MAX_EMBED_TOKEN_LIFETIME_S
    ) {
      throw new MintArgsError(
        `--ttl must be a whole number of seconds from 1 to ${MAX_EMBED_TOKEN_LIFETIME_S} (got ${JSON.stringify(values.ttl)})`,
      )
    }
  }

  const { subject } = values
  if (subject?.trim() === '') {
    throw new MintArgsError('--subject must not be blank')
  }

  return {
    secret,
    role,
    scope: parsed.scope,
    ttlSeconds,
    ...(values.origin === undefined ? {} : { origin: originOf(values.origin) }),
    ...(subject === undefined ? {} : { subject }),
  }
}
