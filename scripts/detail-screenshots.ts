/**
 * Screenshots of the account detail page for visual review: a healthy
 * account, a disconnected one and a Salto KS site over its limit, in light
 * and dark at 1280x800, plus each at 390 wide in light. Needs a running
 * dashboard on the sandbox.
 *
 *   npx tsx scripts/detail-screenshots.ts [base-url] [out-dir]
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'

import { chromium } from '@playwright/test'
import type { ConnectedAccount } from '@seamapi/types/connect'

const baseURL = process.argv[2] ?? 'http://127.0.0.1:8080'
const outDir = process.argv[3] ?? '/tmp/shots'

async function allAccounts(): Promise<ConnectedAccount[]> {
  const response = await fetch(`${baseURL}/api/connected_accounts/list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseURL },
    body: JSON.stringify({ limit: 200 }),
  })
  const body = (await response.json()) as {
    connected_accounts: ConnectedAccount[]
  }
  return body.connected_accounts
}

const accounts = await allAccounts()
const pick = (name: string, test: (a: ConnectedAccount) => boolean) => {
  const account = accounts.find(test)
  if (!account) throw new Error(`No ${name} account in the first 200`)
  return { name, id: account.connected_account_id }
}
const targets = [
  pick(
    'healthy',
    (a) =>
      a.errors.length === 0 &&
      a.warnings.length === 0 &&
      Object.keys(a.custom_metadata).length >= 3,
  ),
  pick('disconnected', (a) =>
    a.errors.some((e) => e.error_code === 'account_disconnected'),
  ),
  pick('salto-over', (a) =>
    a.errors.some(
      (e) => e.error_code === 'salto_ks_subscription_limit_exceeded',
    ),
  ),
]

await mkdir(outDir, { recursive: true })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
try {
  const runs = [
    { width: 1280, height: 800, colorScheme: 'light', suffix: 'light' },
    { width: 1280, height: 800, colorScheme: 'dark', suffix: 'dark' },
    { width: 390, height: 844, colorScheme: 'light', suffix: 'mobile' },
  ] as const
  for (const run of runs) {
    const context = await browser.newContext({
      viewport: { width: run.width, height: run.height },
      colorScheme: run.colorScheme,
    })
    const page = await context.newPage()
    for (const target of targets) {
      await page.goto(`${baseURL}/accounts/${target.id}`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      await page.getByRole('heading', { name: 'Activity' }).waitFor()
      await page.waitForLoadState('networkidle')
      const path = join(outDir, `detail-${target.name}-${run.suffix}.png`)
      await page.screenshot({ path, fullPage: process.env.FULL === '1' })
      console.log(path)
    }
    await context.close()
  }
} finally {
  await browser.close()
}
