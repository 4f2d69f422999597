/**
 * Screenshots of the accounts table for visual review, in light and dark, on
 * a desktop and a phone. Needs a running dashboard (`npm start`, or the one
 * the Playwright journeys start).
 *
 *   npx tsx scripts/screenshots.ts [base-url] [out-dir]
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'

import { chromium } from '@playwright/test'

const baseURL = process.argv[2] ?? 'http://127.0.0.1:8080'
const outDir = process.argv[3] ?? '/tmp/shots'

const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 390, height: 844 },
] as const
const schemes = ['light', 'dark'] as const

await mkdir(outDir, { recursive: true })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
try {
  for (const viewport of viewports) {
    for (const colorScheme of schemes) {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        colorScheme,
        deviceScaleFactor: 1,
      })
      const page = await context.newPage()
      await page.goto(`${baseURL}/accounts`)
      await page
        .getByRole('table', { name: 'Connected accounts' })
        .getByRole('link')
        .first()
        .waitFor()
      const shoot = async (name: string) => {
        // Logos and fonts finish loading after the rows appear.
        await page.waitForLoadState('networkidle')
        const path = join(outDir, `${name}-${viewport.name}-${colorScheme}.png`)
        await page.screenshot({ path })
        console.log(path)
      }
      await shoot('accounts')

      if (viewport.name === 'desktop' || colorScheme === 'light') {
        // The seed's hostile strings: markup lookalikes, RTL, very long names.
        await page.goto(
          `${baseURL}/accounts?meta=notes%3D%3Cb%3Ebold%3C%2Fb%3E+%26+%3Ci%3E%22quoted%22%3C%2Fi%3E`,
        )
        await page
          .getByRole('table', { name: 'Connected accounts' })
          .getByRole('link')
          .first()
          .waitFor()
        await shoot('hostile')

        await page.getByRole('button', { name: 'Filters' }).click()
        await shoot('filters')

        await page.goto(`${baseURL}/accounts?q=zz-nothing-zz`)
        await page.getByRole('heading', { name: 'No accounts match' }).waitFor()
        await shoot('empty')

        await page.goto(`${baseURL}/accounts`)
        await page
          .getByRole('table', { name: 'Connected accounts' })
          .getByRole('link')
          .first()
          .waitFor()
        await page.getByRole('button', { name: 'Columns' }).click()
        await shoot('columns')
        await page.keyboard.press('Escape')

        await page.keyboard.press('?')
        await page.getByRole('dialog').waitFor()
        await shoot('shortcuts')

        await page.route('**/api/connected_accounts/list', (route) =>
          route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({
              error: {
                type: 'internal_server_error',
                message: 'The upstream fell over while listing accounts.',
                request_id: '7c0f3a52-1f1e-4a8e-9d2b-0c6c3c1f9e10',
              },
              ok: false,
            }),
          }),
        )
        await page.goto(`${baseURL}/accounts?q=error-state`)
        await page.getByRole('alert').waitFor()
        await shoot('error')
        await page.unroute('**/api/connected_accounts/list')

        await page.goto(`${baseURL}/accounts?q=salto`)
        await page
          .getByRole('table', { name: 'Connected accounts' })
          .getByRole('link')
          .first()
          .click()
        await page.getByRole('link', { name: 'All accounts' }).waitFor()
        await page.getByRole('heading', { level: 1 }).waitFor()
        await shoot('detail')
      }
      await context.close()
    }
  }
} finally {
  await browser.close()
}
