import { describe, expect, it } from 'vitest'

import {
  blockedPermissions,
  CHECKING_ROLE,
  permissionsForRole,
  triagePermissions,
} from './permissions'

describe('permissionsForRole', () => {
  it('allows everything without a session', () => {
    expect(permissionsForRole(null)).toEqual({
      edit: { allowed: true },
      sync: { allowed: true },
      delete: { allowed: true },
    })
  })

  it('lets a viewer only read, saying which role is needed', () => {
    const viewer = permissionsForRole('viewer')
    expect(viewer.edit).toEqual({
      allowed: false,
      reason: 'Needs the operator role. You are signed in as viewer.',
    })
    expect(viewer.sync.allowed).toBe(false)
    expect(viewer.delete).toEqual({
      allowed: false,
      reason: 'Needs the admin role. You are signed in as viewer.',
    })
  })

  it('lets an operator edit and sync but not delete; an admin do all', () => {
    const operator = permissionsForRole('operator')
    expect(operator.edit.allowed).toBe(true)
    expect(operator.sync.allowed).toBe(true)
    expect(operator.delete).toEqual({
      allowed: false,
      reason: 'Needs the admin role. You are signed in as operator.',
    })
    const admin = permissionsForRole('admin')
    expect([admin.edit, admin.sync, admin.delete]).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ])
  })

  it('treats a reconnect link as an edit on the triage page', () => {
    const viewer = permissionsForRole('viewer')
    expect(triagePermissions(viewer)).toEqual({
      sync: viewer.sync,
      reconnect: viewer.edit,
    })
  })

  it('blocks every action with one reason while the role is unknown', () => {
    const checking = blockedPermissions(CHECKING_ROLE)
    const blocked = { allowed: false, reason: 'Checking your role…' }
    expect(checking).toEqual({ edit: blocked, sync: blocked, delete: blocked })
    expect(triagePermissions(checking)).toEqual({
      sync: blocked,
      reconnect: blocked,
    })
  })
})
