import type { RoleGroups } from '../config'
import type { Role } from '../embed/model'

/** Groups a person has at most; a longer list is cut, never trusted to grant more. */
const MAX_GROUPS = 500

/**
 * The groups of an OIDC claim or a proxy header: a JSON array of names, or
 * one string of comma-separated names. Anything else counts as no groups.
 */
export function groupsOf(value: unknown): string[] {
  const items =
    typeof value === 'string'
      ? value.split(',')
      : Array.isArray(value)
        ? value.filter((item): item is string => typeof item === 'string')
        : []
  return items
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .slice(0, MAX_GROUPS)
}

/** The highest role one of the groups grants; viewer for anyone else signed in. */
export function roleForGroups(
  groups: readonly string[],
  mapping: RoleGroups,
): Role {
  if (groups.some((group) => mapping.admin.includes(group))) return 'admin'
  if (groups.some((group) => mapping.operator.includes(group))) {
    return 'operator'
  }
  return 'viewer'
}
