import type { TriageAccount } from './model'
import { toTriageAccount } from './parse-account'
import type { UpstreamReadOptions } from './upstream-read'
import { failureOf, readUpstream, UpstreamFailure } from './upstream-read'

export type AccountReading =
  /** `account` is null when the account has no problem left. */
  | { kind: 'found'; account: TriageAccount | null }
  | { kind: 'gone' }
  /** Not among the accounts a scoped triage covers (or gone). */
  | { kind: 'outside' }

/** The current triage view of one account, read with `connected_accounts/get`. */
export async function readAccount(
  options: UpstreamReadOptions,
  connectedAccountId: string,
): Promise<AccountReading> {
  const answer = await readUpstream(
    options,
    'connected_accounts/get',
    { connected_account_id: connectedAccountId },
    `triage-read-${connectedAccountId}`,
  )
  if (answer.status >= 200 && answer.status < 300) {
    const { body } = answer
    const account =
      body !== null && typeof body === 'object' && 'connected_account' in body
        ? body.connected_account
        : undefined
    if (account === undefined) {
      throw new UpstreamFailure(
        'upstream_invalid_response',
        'The Seam API answered connected_accounts/get without a connected account.',
      )
    }
    return { kind: 'found', account: toTriageAccount(account) }
  }
  const failure = failureOf(answer, options.redact)
  if (failure.type === 'connected_account_not_found') return { kind: 'gone' }
  throw failure
}

/** Results of the search for one id; a full id matches one account. */
const SEARCH_LIMIT = 100

/**
 * The triage view of one account among those matching `filters`, read with
 * `connected_accounts/list` and a search for its id: an account outside the
 * filters reads as `outside`, like one that is gone.
 */
export async function readScopedAccount(
  options: UpstreamReadOptions,
  filters: Readonly<Record<string, unknown>>,
  connectedAccountId: string,
): Promise<AccountReading> {
  const id = connectedAccountId.toLowerCase()
  const answer = await readUpstream(
    options,
    'connected_accounts/list',
    { ...filters, search: id, limit: SEARCH_LIMIT },
    `triage-read-${connectedAccountId}`,
  )
  if (answer.status < 200 || answer.status >= 300) {
    throw failureOf(answer, options.redact)
  }
  const { body } = answer
  const accounts =
    body !== null &&
    typeof body === 'object' &&
    'connected_accounts' in body &&
    Array.isArray(body.connected_accounts)
      ? (body.connected_accounts as unknown[])
      : undefined
  if (accounts === undefined) {
    throw new UpstreamFailure(
      'upstream_invalid_response',
      'The Seam API answered connected_accounts/list without a list of connected accounts.',
    )
  }
  const account = accounts.find(
    (item) =>
      item !== null &&
      typeof item === 'object' &&
      'connected_account_id' in item &&
      typeof item.connected_account_id === 'string' &&
      item.connected_account_id.toLowerCase() === id,
  )
  return account === undefined
    ? { kind: 'outside' }
    : { kind: 'found', account: toTriageAccount(account) }
}
