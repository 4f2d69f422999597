import type { AuthSource } from '../../../../server/auth/principal'
import type { Role } from '../../../../server/embed/model'

const ROLE_ABILITIES: Record<Role, string> = {
  viewer: 'Can read everything, and change nothing.',
  operator:
    'Can read everything, sync, edit accounts and create reconnect links; cannot delete.',
  admin:
    'Can do everything: also delete accounts, simulate and read the audit log.',
}

/** What a role may do, in one sentence. */
export function describeRole(role: Role): string {
  return ROLE_ABILITIES[role]
}

const AUTH_SOURCES: Record<AuthSource, string> = {
  none: 'No sign-in: the dashboard only answers this machine.',
  oidc: 'Signed in with single sign-on.',
  proxy: 'Signed in through your organisation’s sign-on proxy.',
  embed: 'Signed in by the portal this dashboard is embedded in.',
}

/** How the person was identified, in one sentence. */
export function describeAuthSource(auth: AuthSource): string {
  return AUTH_SOURCES[auth]
}
