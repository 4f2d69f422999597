import type {
  APIRequestContext,
  FrameLocator,
  Locator,
  Page,
} from '@playwright/test'

import type { EmbedScope, Role } from '../../server/embed/model'
import { mintEmbedToken } from '../../server/embed/token'
import { listAll } from './accounts'

/** The dashboard, as playwright.config.ts starts it. */
export const DASHBOARD_ORIGIN = 'http://127.0.0.1:4173'
/** The portal demo beside it: the one origin allowed to frame the dashboard. */
export const PORTAL_ORIGIN = 'http://127.0.0.1:4174'

export const FRAME_TITLE = 'Seam Accounts Console'

const secret = (): string => {
  const value = process.env.E2E_EMBED_SECRET
  if (!value) throw new Error('playwright.config.ts sets E2E_EMBED_SECRET')
  return value
}

/** An embed token as the portal's backend would mint it. */
export function mintToken({
  role = 'operator',
  scope = {},
  ttlSeconds,
  now,
  origin = PORTAL_ORIGIN,
}: {
  role?: Role
  scope?: EmbedScope
  ttlSeconds?: number
  now?: number
  /** The portal the token is bound to (another dashboard's portal demo). */
  origin?: string
} = {}): string {
  return mintEmbedToken({
    secret: secret(),
    role,
    scope,
    subject: 'e2e@portal.test',
    origin,
    ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
    ...(now === undefined ? {} : { now }),
  })
}

/** The embedded dashboard inside the portal demo's page. */
export const dashboardFrame = (page: Page): FrameLocator =>
  page.frameLocator(`iframe[title="${FRAME_TITLE}"]`)

/** The portal demo's list of the messages the frame sent. */
export const messageLog = (page: Page): Locator =>
  page.getByRole('list', { name: 'Messages from the dashboard' })

/** One entry of the demo's message log, by message type. */
export const logged = (page: Page, type: string): Locator =>
  messageLog(page)
    .getByRole('listitem')
    .filter({
      has: page.locator('strong', {
        hasText: new RegExp(`^${type.replace('.', '\\.')}$`),
      }),
    })

/** The sandbox's customer keys with their accounts, largest customer first. */
export async function customersBySize(
  request: APIRequestContext,
): Promise<{ customerKey: string; count: number }[]> {
  const counts = new Map<string, number>()
  for (const account of await listAll(request)) {
    const key = account.customer_key
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([customerKey, count]) => ({ customerKey, count }))
}

/**
 * A portal page of the test's own, served on the portal demo's origin: it
 * frames the dashboard with `token` in the fragment, records every message
 * the dashboard sends in `window.received`, and answers a token request with
 * `window.nextToken` when the test set one.
 */
export async function openTestPortal(
  page: Page,
  {
    token,
    route = '/embed/accounts',
    extraHtml = '',
    dashboardOrigin = DASHBOARD_ORIGIN,
    portalOrigin = PORTAL_ORIGIN,
  }: {
    token: string
    route?: string
    extraHtml?: string
    /** Another dashboard, and the portal demo origin it lets frame it. */
    dashboardOrigin?: string
    portalOrigin?: string
  },
): Promise<void> {
  const url = `${portalOrigin}/e2e-portal`
  await page.route(url, (route_) =>
    route_.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><title>Test portal</title></head><body>
<iframe id="dashboard" title="${FRAME_TITLE}" style="width:1000px;height:700px;border:0"
  src="${dashboardOrigin}${route}#token=${encodeURIComponent(token)}"></iframe>
${extraHtml}
<script>
  window.received = []
  window.nextToken = null
  const frame = document.getElementById('dashboard')
  window.addEventListener('message', (event) => {
    if (event.origin !== '${dashboardOrigin}' || event.source !== frame.contentWindow) return
    const message = event.data
    if (!message || message.protocol !== 'seam-accounts-console') return
    window.received.push(message)
    if (message.type === 'session.token-request' && window.nextToken) {
      frame.contentWindow.postMessage(
        { protocol: 'seam-accounts-console', version: 1, type: 'session.token', token: window.nextToken },
        '${dashboardOrigin}',
      )
    }
  })
  window.sendToDashboard = (message) =>
    frame.contentWindow.postMessage(
      { protocol: 'seam-accounts-console', version: 1, ...message },
      '${dashboardOrigin}',
    )
</script></body></html>`,
    }),
  )
  await page.goto(url)
}

export interface ReceivedMessage {
  type: string
  [field: string]: unknown
}

/** The messages the test portal has received so far. */
export const received = (page: Page): Promise<ReceivedMessage[]> =>
  page.evaluate(
    () => (window as unknown as { received: ReceivedMessage[] }).received,
  )
