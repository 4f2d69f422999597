import { describe, expect, it } from 'vitest'

import { groupsOf, roleForGroups } from './role-groups'

const mapping = { admin: ['console-admins'], operator: ['support', 'ops'] }

describe('groupsOf', () => {
  it('reads a list or a comma-separated string', () => {
    expect(groupsOf(['a', ' b ', '', 3, null])).toEqual(['a', 'b'])
    expect(groupsOf('a, b,,c ')).toEqual(['a', 'b', 'c'])
    expect(groupsOf(undefined)).toEqual([])
    expect(groupsOf({ admin: true })).toEqual([])
    expect(
      groupsOf(Array.from({ length: 600 }, (_, i) => `g${i}`)),
    ).toHaveLength(500)
  })
})

describe('roleForGroups', () => {
  it.each([
    [['console-admins'], 'admin'],
    [['ops', 'console-admins'], 'admin'],
    [['ops'], 'operator'],
    [['support', 'staff'], 'operator'],
    [['staff'], 'viewer'],
    [['Console-Admins'], 'viewer'],
    [[], 'viewer'],
  ])('%j -> %s', (groups, role) => {
    expect(roleForGroups(groups, mapping)).toBe(role)
  })
})
