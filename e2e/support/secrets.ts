import { E2E_OIDC_CLIENT } from './oidc-users'

/**
 * Every secret the journeys' servers are configured with. None may appear in
 * a response, a built asset or a log line during the run.
 */
export const E2E_SECRETS = {
  sandboxApiKey: 'seam_sandbox_e2e_never_in_browser',
  embedSecret: 'e2e-embed-secret-0123456789abcdefghijklmnop',
  sessionSecret: 'e2e-session-secret-0123456789abcdefghijkl',
  oidcClientSecret: E2E_OIDC_CLIENT.secret,
} as const

export const secretValues = (): string[] => Object.values(E2E_SECRETS)
