import type { TriageAccount } from './model'
import { toTriageAccount } from './parse-account'
import type { UpstreamReadOptions } from './upstream-read'
import { failureOf, readUpstream, UpstreamFailure } from './upstream-read'

export type AccountReading =
  /** `account` is null when the account has no problem left. */
  { kind: 'found'; account: TriageAccount | null } | { kind: 'gone' }

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
