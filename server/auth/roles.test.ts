import { describe, expect, it } from 'vitest'

import { ROLES } from '../embed/model'
import { ALLOWED_ROUTES, findAllowedRoute } from '../proxy/allowlist'
import {
  forbiddenMessage,
  hasRole,
  permissionFor,
  permittedPaths,
} from './roles'

describe('hasRole', () => {
  it('orders viewer < operator < admin', () => {
    expect(ROLES).toEqual(['viewer', 'operator', 'admin'])
    expect(hasRole('viewer', 'viewer')).toBe(true)
    expect(hasRole('viewer', 'operator')).toBe(false)
    expect(hasRole('operator', 'viewer')).toBe(true)
    expect(hasRole('operator', 'admin')).toBe(false)
    expect(hasRole('admin', 'operator')).toBe(true)
  })
})

describe('permissionFor', () => {
  it.each([
    ['connected_accounts/list', 'viewer'],
    ['connected_accounts/get', 'viewer'],
    ['events/list', 'viewer'],
    ['devices/list', 'viewer'],
    ['dashboard/triage', 'viewer'],
    ['dashboard/triage/refresh', 'viewer'],
    ['connected_accounts/update', 'operator'],
    ['connected_accounts/sync', 'operator'],
    ['connect_webviews/create', 'operator'],
    ['connected_accounts/delete', 'admin'],
    ['connected_accounts/simulate/disconnect', 'admin'],
  ])('%s needs %s', (path, role) => {
    expect(permissionFor(path).role).toBe(role)
  })

  it('gives every forwarded route a permission of its own', () => {
    const permitted = permittedPaths()
    for (const route of ALLOWED_ROUTES) {
      expect(permitted, route.path).toContain(route.path)
    }
    for (const path of permittedPaths()) {
      // The dashboard's own routes, not forwarded ones.
      if (path.startsWith('dashboard/') || path.startsWith('audit/')) continue
      expect(findAllowedRoute(`/api/${path}`), path).toBeDefined()
    }
  })

  it('closes a route it does not know to all but admins', () => {
    expect(permissionFor('workspaces/get').role).toBe('admin')
  })

  it('says what needs which role, and what the session has', () => {
    expect(
      forbiddenMessage(permissionFor('connected_accounts/delete'), 'operator'),
    ).toBe(
      'Deleting connected accounts needs the admin role; this session has the operator role.',
    )
  })
})
