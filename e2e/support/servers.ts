/** The ports the journeys' servers listen on (see playwright.config.ts). */
export const E2E_PORTS = {
  /** The dashboard on the seeded sandbox, with embedding allowed. */
  dashboard: 4173,
  /** The portal demo that frames the dashboard. */
  embedDemo: 4174,
  /** A second dashboard that requires sign-in (AUTH_MODE=oidc). */
  oidcDashboard: 4175,
  /** The OpenID provider the second dashboard signs in with. */
  oidcProvider: 4176,
  /** A third dashboard whose sandbox is seeded with hostile strings. */
  hostileDashboard: 4177,
  /** The portal demo beside it, the one origin allowed to frame it. */
  hostileEmbedDemo: 4178,
} as const

export const originOf = (port: number) => `http://127.0.0.1:${port}`

/** The origins served by the dashboard server itself, not by a helper. */
export const DASHBOARD_ORIGINS: readonly string[] = [
  E2E_PORTS.dashboard,
  E2E_PORTS.oidcDashboard,
  E2E_PORTS.hostileDashboard,
].map(originOf)

/**
 * A response a journey made up with `route.fulfill` carries this header, so
 * the run-wide header check knows the dashboard server did not send it.
 */
export const FAKE_RESPONSE_HEADER = 'x-e2e-fake'
