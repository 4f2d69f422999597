import type {
  SaltoKsSiteReport,
  TriageAccount,
  TriageAccountError,
  TriageAccountWarning,
} from './model'

/**
 * Returns one shared copy of equal strings. Thousands of accounts carry the
 * same codes, provider names and messages; holding each once keeps a large
 * workspace's triage data small.
 */
export type Interner = (text: string) => string

export function createInterner(): Interner {
  const seen = new Map<string, string>()
  return (text) => {
    const known = seen.get(text)
    if (known !== undefined) return known
    seen.set(text, text)
    return text
  }
}

const keep: Interner = (text) => text

type Fields = Record<string, unknown>

const isObject = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const text = (value: unknown, fallback: string): string =>
  typeof value === 'string' ? value : fallback

const itemsOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : []

/** Whether an upstream account reports any error or warning, before parsing it. */
export function hasProblems(account: unknown): boolean {
  return (
    isObject(account) &&
    (itemsOf(account.errors).length > 0 || itemsOf(account.warnings).length > 0)
  )
}

function siteOf(value: unknown, intern: Interner): SaltoKsSiteReport | null {
  if (!isObject(value) || typeof value.site_id !== 'string') return null
  const count = value.subscribed_site_user_count
  const limit = value.site_user_subscription_limit
  if (typeof count !== 'number' || typeof limit !== 'number') return null
  return {
    site_id: intern(value.site_id),
    site_name: intern(text(value.site_name, value.site_id)),
    subscribed_site_user_count: count,
    site_user_subscription_limit: limit,
  }
}

function problemFields(value: Fields, intern: Interner) {
  const metadata = value.salto_ks_metadata
  const sites = isObject(metadata)
    ? itemsOf(metadata.sites).flatMap((site) => siteOf(site, intern) ?? [])
    : []
  return {
    message: intern(text(value.message, '')),
    created_at: text(value.created_at, ''),
    ...(sites.length > 0 ? { salto_ks_metadata: { sites } } : {}),
  }
}

function oldestCreatedAt(
  problems: readonly { created_at: string }[],
): string | null {
  let oldest: { at: string; ms: number } | null = null
  for (const { created_at } of problems) {
    const ms = Date.parse(created_at)
    if (Number.isNaN(ms)) continue
    if (oldest === null || ms < oldest.ms) oldest = { at: created_at, ms }
  }
  return oldest?.at ?? null
}

/**
 * The triage view of one upstream account, or null when it has no problem or
 * no id. Parsing is lenient on purpose: Seam adds problem codes and fields
 * over time, and an account with a problem this code has never heard of
 * still belongs in the queue.
 */
export function toTriageAccount(
  account: unknown,
  intern: Interner = keep,
): TriageAccount | null {
  if (!hasProblems(account) || !isObject(account)) return null
  const id = account.connected_account_id
  if (typeof id !== 'string' || id === '') return null

  const errors: TriageAccountError[] = itemsOf(account.errors).flatMap(
    (error) =>
      isObject(error)
        ? [
            {
              error_code: intern(text(error.error_code, 'unknown')),
              ...problemFields(error, intern),
            },
          ]
        : [],
  )
  const warnings: TriageAccountWarning[] = itemsOf(account.warnings).flatMap(
    (warning) =>
      isObject(warning)
        ? [
            {
              warning_code: intern(text(warning.warning_code, 'unknown')),
              ...problemFields(warning, intern),
            },
          ]
        : [],
  )
  if (errors.length === 0 && warnings.length === 0) return null

  const accountType = intern(text(account.account_type, ''))
  const metadata = isObject(account.custom_metadata)
    ? Object.fromEntries(
        Object.entries(account.custom_metadata).filter(
          (entry): entry is [string, string | boolean] =>
            typeof entry[1] === 'string' || typeof entry[1] === 'boolean',
        ),
      )
    : {}
  return {
    connected_account_id: id,
    display_name: text(account.display_name, ''),
    account_type: accountType,
    account_type_display_name: intern(
      text(account.account_type_display_name, accountType),
    ),
    customer_key:
      typeof account.customer_key === 'string'
        ? intern(account.customer_key)
        : null,
    custom_metadata: metadata,
    errors,
    warnings,
    severity: errors.length > 0 ? 'error' : 'warning',
    since: oldestCreatedAt([...errors, ...warnings]),
  }
}
