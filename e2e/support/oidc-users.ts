import type { TestOidcUser } from '../../server/auth/test-oidc-provider'

/** The client the sign-in journeys' dashboard is registered as. */
export const E2E_OIDC_CLIENT = {
  id: 'seam-accounts-console-e2e',
  secret: 'e2e-oidc-client-secret-0123456789abcdef',
}

/** The groups that map to roles (ROLE_GROUPS_ADMIN, ROLE_GROUPS_OPERATOR). */
export const E2E_ROLE_GROUPS = {
  admin: 'console-admins',
  operator: 'console-operators',
}

/** One person per role; anyone else in no mapped group is a viewer. */
export const E2E_OIDC_USERS = [
  {
    sub: 'dana',
    password: 'dana-password',
    email: 'dana.reyes@acme.example',
    name: 'Dana Reyes',
    groups: [E2E_ROLE_GROUPS.admin, 'staff'],
  },
  {
    sub: 'omar',
    password: 'omar-password',
    email: 'omar.chen@acme.example',
    name: 'Omar Chen',
    groups: [E2E_ROLE_GROUPS.operator],
  },
  {
    sub: 'vera',
    password: 'vera-password',
    email: 'vera.kim@acme.example',
    name: 'Vera Kim',
    groups: ['staff'],
  },
] as const satisfies readonly TestOidcUser[]
