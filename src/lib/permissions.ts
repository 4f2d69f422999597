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
 * The account actions a role may take. Without any role at all everything is
 * allowed (the server decides); viewers only read, operators also edit and
 * sync, admins may also delete.
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

/** The reason on every action while the signed-in person's role loads. */
export const CHECKING_ROLE = 'Checking your role…'

/**
 * Every account action blocked for one reason: while the role is not known
 * yet, or could not be found out. Nothing is allowed on a guess.
 */
export function blockedPermissions(reason: string): AccountPermissions {
  const blocked: Permission = { allowed: false, reason }
  return { edit: blocked, sync: blocked, delete: blocked }
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
