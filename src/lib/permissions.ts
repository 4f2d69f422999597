import type { Role } from '../../server/embed/model'

/** Whether one action is open to the person using the dashboard, and why not. */
export type Permission = { allowed: true } | { allowed: false; reason: string }

/** What may be done to a connected account. */
export interface AccountPermissions {
  edit: Permission
  sync: Permission
  delete: Permission
}

export const ALLOWED: Permission = { allowed: true }

const needs = (needed: Role, role: Role): Permission => ({
  allowed: false,
  reason: `Needs the ${needed} role. You are signed in as ${role}.`,
})

/**
 * The account actions a role may take. Without a session (the standalone
 * dashboard) everything is allowed; viewers only read, operators also edit
 * and sync, admins may also delete.
 */
export function permissionsForRole(role: Role | null): AccountPermissions {
  switch (role) {
    case null:
    case 'admin':
      return { edit: ALLOWED, sync: ALLOWED, delete: ALLOWED }
    case 'operator':
      return { edit: ALLOWED, sync: ALLOWED, delete: needs('admin', role) }
    case 'viewer':
      return {
        edit: needs('operator', role),
        sync: needs('operator', role),
        delete: needs('admin', role),
      }
  }
}

/** What the triage page may do to the accounts in its queue. */
export interface TriagePermissions {
  sync: Permission
  /** Creating a reconnect link changes the account's connection: an edit. */
  reconnect: Permission
}

export function triagePermissions(
  permissions: AccountPermissions,
): TriagePermissions {
  return { sync: permissions.sync, reconnect: permissions.edit }
}
