import { defineConfig, devices } from '@playwright/test'

import { E2E_OIDC_CLIENT, E2E_ROLE_GROUPS } from './e2e/support/oidc-users'
import { E2E_SECRETS } from './e2e/support/secrets'
import { E2E_PORTS } from './e2e/support/servers'

const port = E2E_PORTS.dashboard
const baseURL = `http://127.0.0.1:${port}`
const isCI = Boolean(process.env.CI)

// A distinctive server-side key, so the journeys can prove it never reaches
// the browser. Set here, it is inherited by the test workers.
process.env.E2E_SANDBOX_API_KEY ??= E2E_SECRETS.sandboxApiKey
// The portal demo signs embed tokens with this secret; the journeys mint their
// own with it to play a portal of their own on the demo's origin.
process.env.E2E_EMBED_SECRET ??= E2E_SECRETS.embedSecret
const embedDemoPort = E2E_PORTS.embedDemo
// The sign-in journeys: a second dashboard with AUTH_MODE=oidc, and a real
// OpenID provider beside it.
const oidcPort = E2E_PORTS.oidcDashboard
const oidcURL = `http://127.0.0.1:${oidcPort}`
const providerPort = E2E_PORTS.oidcProvider
// The hostile-data journeys: a dashboard whose sandbox holds a payload in
// every string field it shows.
const hostilePort = E2E_PORTS.hostileDashboard
const hostileURL = `http://127.0.0.1:${hostilePort}`

/**
 * Starts a server with its output kept in test-results/logs/<name>.log, so the
 * run's last check can prove no configured secret reached a log line.
 * Playwright empties test-results before it starts the servers.
 */
const logged = (name: string, command: string) =>
  `mkdir -p test-results/logs && exec ${command} > test-results/logs/${name}.log 2>&1`

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  // The longest journeys walk several pages and reloads; on a busy two-core
  // machine they need more than the default 30 s.
  timeout: 60_000,
  // Likewise a first page load while the other worker is busy.
  expect: { timeout: 10_000 },
  workers: 2,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    headless: true,
    // DOM snapshots of a failed journey, without a screencast: recording
    // one for every journey costs the machine more than it tells.
    trace: { mode: 'retain-on-failure', screenshots: false },
    launchOptions: {
      // Debian's Chromium instead of Playwright's downloaded browsers, so the
      // suite runs on machines that can only reach apt.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // The journeys serve pages of their own for made-up public origins
        // (page.route); Chromium would refuse their frames on loopback.
        '--disable-features=LocalNetworkAccessChecks',
      ],
    },
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'] },
      testIgnore: [
        /\.mutates\.spec\.ts$/,
        /\.oidc\.spec\.ts$/,
        /\.hostile\.spec\.ts$/,
        /\.final\.spec\.ts$/,
      ],
    },
    // Journeys that change or delete accounts run once the read-only ones are
    // done: those compare the table with the API across the whole sandbox.
    {
      name: 'chromium-mutating',
      use: { ...devices['Desktop Chrome'] },
      testMatch: /\.mutates\.spec\.ts$/,
      dependencies: ['chromium'],
    },
    // Sign-in, sessions and roles, on the dashboard that requires sign-in.
    {
      name: 'oidc',
      use: { ...devices['Desktop Chrome'], baseURL: oidcURL },
      testMatch: /\.oidc\.spec\.ts$/,
    },
    // Every page against hostile strings, on the dashboard seeded with them.
    {
      name: 'hostile',
      use: { ...devices['Desktop Chrome'], baseURL: hostileURL },
      testMatch: /\.hostile\.spec\.ts$/,
      // Its pages carry far more text than the seeded workspace's.
      expect: { timeout: 20_000 },
    },
    // Last: what every response of the run was checked for, and the servers'
    // logs. List every other project here.
    {
      name: 'run-checks',
      testMatch: /\.final\.spec\.ts$/,
      dependencies: ['chromium', 'chromium-mutating', 'oidc', 'hostile'],
    },
  ],
  webServer: [
    {
      // Serves the dist/ that `npm test` builds just before this step.
      command: logged('dashboard', 'npx tsx server/index.ts'),
      url: `${baseURL}/api/dashboard/status`,
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        // Playwright empties outputDir before it starts the web server, so every
        // run gets a freshly seeded sandbox. A globalSetup would run too late:
        // it starts after the web server.
        SANDBOX_DB: 'test-results/e2e-sandbox.db',
        SANDBOX_API_KEY: process.env.E2E_SANDBOX_API_KEY,
        AUDIT_DB: 'test-results/e2e-audit.db',
        // The portal demo on its own origin, the one origin allowed to frame.
        EMBED_SECRET: process.env.E2E_EMBED_SECRET,
        EMBED_DEMO_PORT: String(embedDemoPort),
      },
      reuseExistingServer: !isCI,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: logged(
        'oidc-provider',
        `npx tsx scripts/e2e-oidc-provider.ts ${providerPort} ${oidcURL}`,
      ),
      url: `http://127.0.0.1:${providerPort}/.well-known/openid-configuration`,
      reuseExistingServer: !isCI,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: logged('oidc-dashboard', 'npx tsx server/index.ts'),
      url: `${oidcURL}/healthz`,
      env: {
        PORT: String(oidcPort),
        HOST: '127.0.0.1',
        PUBLIC_URL: oidcURL,
        SANDBOX_DB: 'test-results/e2e-oidc-sandbox.db',
        AUDIT_DB: 'test-results/e2e-oidc-audit.db',
        EMBED_DEMO_PORT: '0',
        AUTH_MODE: 'oidc',
        OIDC_ISSUER: `http://127.0.0.1:${providerPort}`,
        OIDC_CLIENT_ID: E2E_OIDC_CLIENT.id,
        OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.secret,
        SESSION_SECRET: E2E_SECRETS.sessionSecret,
        // The shortest idle time, so a journey can watch a session expire.
        SESSION_IDLE_MINUTES: '1',
        ROLE_GROUPS_ADMIN: E2E_ROLE_GROUPS.admin,
        ROLE_GROUPS_OPERATOR: E2E_ROLE_GROUPS.operator,
      },
      reuseExistingServer: !isCI,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: logged('hostile-dashboard', 'npx tsx server/index.ts'),
      url: `${hostileURL}/healthz`,
      env: {
        PORT: String(hostilePort),
        HOST: '127.0.0.1',
        SANDBOX_DATASET: 'hostile',
        SANDBOX_DB: 'test-results/e2e-hostile-sandbox.db',
        SANDBOX_API_KEY: process.env.E2E_SANDBOX_API_KEY,
        AUDIT_DB: 'test-results/e2e-hostile-audit.db',
        EMBED_SECRET: process.env.E2E_EMBED_SECRET,
        EMBED_DEMO_PORT: String(E2E_PORTS.hostileEmbedDemo),
      },
      reuseExistingServer: !isCI,
      timeout: 60_000,
      stdout: 'ignore',
    },
  ],
})
