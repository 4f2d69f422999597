import { defineConfig, devices } from '@playwright/test'

const port = 4173
const baseURL = `http://127.0.0.1:${port}`
const isCI = Boolean(process.env.CI)

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
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
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
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
    },
    reuseExistingServer: !isCI,
    timeout: 60_000,
    stdout: 'pipe',
  },
})
