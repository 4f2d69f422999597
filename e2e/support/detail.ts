import type { APIRequestContext } from '@playwright/test'
import type { ConnectedAccount } from '@seamapi/types/connect'

import { listAll } from './accounts'

export const hasError = (account: ConnectedAccount, code: string) =>
  account.errors.some((error) => error.error_code === code)

export const hasWarning = (account: ConnectedAccount, code: string) =>
  account.warnings.some((warning) => warning.warning_code === code)

export const isHealthy = (account: ConnectedAccount) =>
  account.errors.length === 0 && account.warnings.length === 0

/** The first account matching `test`, or a failure that names what is missing. */
export async function findAccount(
  request: APIRequestContext,
  what: string,
  test: (account: ConnectedAccount) => boolean,
): Promise<ConnectedAccount> {
  const account = (await listAll(request)).find(test)
  if (!account) throw new Error(`The sandbox has no ${what} account`)
  return account
}

/**
 * Healthy accounts from the oldest end of the workspace, so each mutating
 * journey takes its own (pass a different `offset`) and the newest pages the
 * other journeys look at stay as seeded.
 */
export async function oldHealthyAccount(
  request: APIRequestContext,
  offset: number,
): Promise<ConnectedAccount> {
  const healthy = (await listAll(request)).filter(
    (account) =>
      isHealthy(account) &&
      // Plain names, so a locator by name is unambiguous.
      /^[\w.*@ ·-]+$/u.test(account.display_name),
  )
  const account = healthy.at(-1 - offset)
  if (!account) throw new Error('The sandbox has too few healthy accounts')
  return account
}

/** One account straight from the API, or null with the status when it fails. */
export async function getAccount(
  request: APIRequestContext,
  id: string,
): Promise<{ status: number; account: ConnectedAccount | null }> {
  const response = await request.post('/api/connected_accounts/get', {
    data: { connected_account_id: id },
  })
  const body = (await response.json()) as {
    connected_account?: ConnectedAccount
  }
  return { status: response.status(), account: body.connected_account ?? null }
}
