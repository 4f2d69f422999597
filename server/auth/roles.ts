import type { Role } from '../embed/model'
import { ROLES } from '../embed/model'

/** Whether `role` may do what `needed` may: each role includes the ones before it. */
export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed)
}

export interface Permission {
  /** The lowest role allowed. */
  role: Role
  /** What the route does, as a sentence starts: "Deleting connected accounts". */
  action: string
}

/** The role each API route needs, by its path under `/api/`. */
const permissions = new Map<string, Permission>([
  [
    'connected_accounts/list',
    { role: 'viewer', action: 'Listing connected accounts' },
  ],
  [
    'connected_accounts/get',
    { role: 'viewer', action: 'Reading a connected account' },
  ],
  ['events/list', { role: 'viewer', action: 'Reading events' }],
  ['devices/list', { role: 'viewer', action: 'Listing devices' }],
  ['dashboard/triage', { role: 'viewer', action: 'Reading the triage data' }],
  [
    'dashboard/triage/refresh',
    { role: 'viewer', action: 'Refreshing the triage data' },
  ],
  [
    'connected_accounts/update',
    { role: 'operator', action: 'Editing connected accounts' },
  ],
  [
    'connected_accounts/sync',
    { role: 'operator', action: 'Syncing connected accounts' },
  ],
  [
    'connect_webviews/create',
    { role: 'operator', action: 'Creating Connect Webviews' },
  ],
  [
    'connected_accounts/delete',
    { role: 'admin', action: 'Deleting connected accounts' },
  ],
  [
    'connected_accounts/simulate/disconnect',
    { role: 'admin', action: 'Simulating a disconnection' },
  ],
  ['audit/list', { role: 'admin', action: 'Reading the audit log' }],
  ['audit/export', { role: 'admin', action: 'Exporting the audit log' }],
  [
    'audit/account',
    { role: 'viewer', action: "Reading an account's recent changes" },
  ],
])

const HIGHEST_ROLE: Role = ROLES[ROLES.length - 1] ?? 'admin'

/**
 * The permission of an API route. A route without an entry needs the highest
 * role, so a route newly added to the allowlist is never open by mistake.
 */
export function permissionFor(path: string): Permission {
  return (
    permissions.get(path) ?? {
      role: HIGHEST_ROLE,
      action: `Calling /api/${path}`,
    }
  )
}

/** The API paths that have a permission of their own. */
export const permittedPaths = (): string[] => [...permissions.keys()]

/**
 * "Deleting connected accounts needs the admin role; this session has the
 * operator role." For a signed-in person the holder is "you" ("you have").
 */
export function forbiddenMessage(
  permission: Permission,
  role: Role,
  holder = 'this session',
): string {
  const verb = holder === 'you' ? 'have' : 'has'
  return `${permission.action} needs the ${permission.role} role; ${holder} ${verb} the ${role} role.`
}
