/** Every URL of the app, in one place. */
export const paths = {
  home: '/',
  accounts: '/accounts',
  triage: '/triage',
  account: (connectedAccountId: string) =>
    `/accounts/${encodeURIComponent(connectedAccountId)}`,
} as const
