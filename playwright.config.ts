import { defineConfig, devices } from '@playwright/test'

const port = 4173
const baseURL = `http://127.0.0.1:${port}`
const isCI = Boolean(process.env.CI)

// A distinctive server-side key, so the journeys can prove it never reaches
// the browser. Set here, it is inherited by the test workers.
process.env.E2E_SANDBOX_API_KEY ??= 'seam_sandbox_e2e_never_in_browser'
// The portal demo signs embed tokens with this secret; the journeys mint their
// own with it to play a portal of their own on the demo's origin.
process.env.E2E_EMBED_SECRET ??= 'e2e-embed-secret-0123456789abcdefghijklmnop'
const embedDemoPort = 4174

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
    trace: 'retain-on-failure',
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
      testIgnore: /\.mutates\.spec\.ts$/,
    },
    // Journeys that change or delete accounts run once the read-only ones are
    // done: those compare the table with the API across the whole sandbox.
    {
      name: 'chromium-mutating',
      use: { ...devices['Desktop Chrome'] },
      testMatch: /\.mutates\.spec\.ts$/,
      dependencies: ['chromium'],
    },
  ],
  webServer: {
    // Serves the dist/ that `npm test` builds just before this step.
    command: 'npx tsx server/index.ts',
    url: `${baseURL}/api/dashboard/status`,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      // Playwright empties outputDir before it starts the web server, so every
      // run gets a freshly seeded sandbox. A globalSetup would run too late:
      // it starts after the web server.
      SANDBOX_DB: 'test-results/e2e-sandbox.db',
      SANDBOX_API_KEY: process.env.E2E_SANDBOX_API_KEY,
      // The portal demo on its own origin, the one origin allowed to frame.
      EMBED_SECRET: process.env.E2E_EMBED_SECRET,
      EMBED_DEMO_PORT: String(embedDemoPort),
    },
    reuseExistingServer: !isCI,
    timeout: 60_000,
    stdout: 'ignore',
  },
})
