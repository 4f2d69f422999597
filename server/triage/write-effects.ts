/** What a write that went through the dashboard means for the triage data. */
export interface WriteEffect {
  /**
   * `removed`: the account is gone. `changed`: its new state can be read at
   * once. `syncing`: the upstream accepted a sync whose effect comes later.
   */
  kind: 'removed' | 'changed' | 'syncing'
  connectedAccountId: string
}

const kinds: Readonly<Record<string, WriteEffect['kind']>> = {
  'connected_accounts/delete': 'removed',
  'connected_accounts/update': 'changed',
  'connected_accounts/simulate/disconnect': 'changed',
  'connected_accounts/sync': 'syncing',
}

/** The effect of an upstream write, or null when it changes no account or failed. */
export function writeEffectOf(
  path: string,
  body: Readonly<Record<string, unknown>>,
  status: number,
): WriteEffect | null {
  const kind = Object.hasOwn(kinds, path) ? kinds[path] : undefined
  const id = body.connected_account_id
  if (kind === undefined || status < 200 || status >= 300) return null
  if (typeof id !== 'string' || id === '') return null
  return { kind, connectedAccountId: id }
}
