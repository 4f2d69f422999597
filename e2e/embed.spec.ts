import { accountsTable, expectShown, ids, listAll } from './support/accounts'
import {
  customersBySize,
  DASHBOARD_ORIGIN,
  dashboardFrame,
  FRAME_TITLE,
  logged,
  mintToken,
  openTestPortal,
  PORTAL_ORIGIN,
  received,
} from './support/embed'
import { expect, type Page, test } from './support/test'

/** A customer whose accounts fit on the table's first page. */
async function oneCustomer(
  request: Parameters<typeof customersBySize>[0],
  skip = 0,
) {
  const fitting = (await customersBySize(request)).filter(
    ({ count }) => count >= 5 && count <= 25,
  )
  const chosen = fitting[skip]
  if (!chosen) throw new Error('The sandbox seed has too few customers')
  return chosen.customerKey
}

/** The Bearer session the frame sends with its next API request. */
async function frameBearer(page: Page, action: () => Promise<unknown>) {
  const [apiRequest] = await Promise.all([
    page.waitForRequest(
      (req) =>
        req.url().startsWith(`${DASHBOARD_ORIGIN}/api/connected_accounts/`) &&
        req.headers().authorization !== undefined,
    ),
    action(),
  ])
  const authorization = apiRequest.headers().authorization ?? ''
  expect(authorization).toMatch(/^Bearer sacs_/)
  return authorization
}

test('the portal demo frames the dashboard for one customer, sized to its content', async ({
  page,
  request,
}) => {
  const customerKey = await oneCustomer(request)
  const expected = ids(await listAll(request, { customer_key: customerKey }))

  await page.goto(`${PORTAL_ORIGIN}/?customer_key=${customerKey}&role=viewer`)
  const frame = dashboardFrame(page)
  await expect(
    frame.getByRole('listitem', {
      name: `Customer key ${customerKey} (fixed)`,
    }),
  ).toBeVisible()
  await expectShown(frame, expected)
  // The scope is the portal's: the person in the frame cannot remove it.
  await expect(
    frame.getByText('Locked filters are set by the portal'),
  ).toBeVisible()
  // No app chrome inside the frame.
  await expect(frame.getByRole('link', { name: 'Triage' })).toHaveCount(0)

  await expect(logged(page, 'ready')).toHaveCount(1)
  await expect(logged(page, 'ready')).toContainText('"token_required":true')
  await expect(logged(page, 'resize').first()).toBeVisible()
  await expect(page.getByRole('status').first()).toContainText('Connected')

  // The frame is as tall as its page: nothing scrolls inside it.
  const iframe = page.locator(`iframe[title="${FRAME_TITLE}"]`)
  const inner = page.frames().find((f) => f.url().startsWith(DASHBOARD_ORIGIN))
  if (!inner) throw new Error('The dashboard frame is missing')
  await expect
    .poll(async () => {
      const outer = await iframe.evaluate((el) => el.clientHeight)
      const content = await inner.evaluate(() =>
        Math.ceil(document.documentElement.getBoundingClientRect().height),
      )
      return Math.abs(outer - content)
    })
    .toBeLessThanOrEqual(1)
  const overflow = await inner.evaluate(
    () => document.documentElement.scrollHeight - window.innerHeight,
  )
  expect(overflow).toBeLessThanOrEqual(1)

  // A viewer sees the actions, locked, with the reason.
  await accountsTable(frame).getByRole('link').first().click()
  const sync = frame.getByRole('button', { name: /Sync/ }).first()
  await expect(sync).toHaveAttribute('aria-disabled', 'true')
  await expect(sync).toHaveAccessibleDescription(/Needs the operator role/)
})

test('the frame reports what it shows and follows the portal', async ({
  page,
  request,
}) => {
  const customerKey = await oneCustomer(request)
  await page.goto(`${PORTAL_ORIGIN}/?customer_key=${customerKey}&role=operator`)
  const frame = dashboardFrame(page)
  const firstRow = accountsTable(frame).getByRole('link').first()
  const href = (await firstRow.getAttribute('href')) ?? ''
  expect(href).toMatch(/^\/embed\/accounts\/.+/)
  const id = href.replace('/embed/accounts/', '')

  await firstRow.click()
  await expect(frame.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(logged(page, 'account.selected')).toContainText(id)
  await expect(logged(page, 'navigate').first()).toContainText(href)
  // The portal keeps the frame's route in its own address, for deep links.
  await expect(page.getByLabel('Deep link')).toHaveValue(href)
  await expect(page).toHaveURL(new RegExp(`route=${encodeURIComponent(href)}`))

  // The frame's own links stay in the frame.
  await frame.getByRole('link', { name: 'All accounts' }).click()
  await expect(accountsTable(frame)).toBeVisible()
  await expect(page.getByLabel('Deep link')).toHaveValue('/embed/accounts')

  // The portal moves the frame.
  await page.getByLabel('Route').fill('/embed/triage')
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(
    frame.getByRole('heading', { level: 1, name: /Triage/ }),
  ).toBeVisible()
  await expect(page.getByLabel('Deep link')).toHaveValue('/embed/triage')

  // And searches in it, inside the scope.
  await page.getByLabel('Search', { exact: true }).fill(id)
  await page.getByRole('button', { name: 'Apply search' }).click()
  await expect(page.getByLabel('Deep link')).toHaveValue(
    `/embed/accounts?q=${id}`,
  )
  await expectShown(frame, [id])
})

test('an origin that is not allowed cannot frame the dashboard', async ({
  page,
}) => {
  const csp: string[] = []
  page.on('console', (message) => {
    if (message.text().includes('frame-ancestors')) csp.push(message.text())
  })
  await page.route('http://elsewhere.test/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Elsewhere</title>
<iframe title="${FRAME_TITLE}" src="${DASHBOARD_ORIGIN}/embed/accounts"></iframe>`,
    }),
  )
  await page.goto('http://elsewhere.test/')
  await expect.poll(() => csp.length).toBeGreaterThan(0)
  expect(csp.join('\n')).toContain(PORTAL_ORIGIN)
  await expect(
    dashboardFrame(page).getByRole('heading', { name: 'Connected accounts' }),
  ).toHaveCount(0)

  const response = await page.request.get(`${DASHBOARD_ORIGIN}/embed/accounts`)
  expect(response.headers()['content-security-policy']).toContain(
    `frame-ancestors ${PORTAL_ORIGIN}`,
  )
  expect(response.headers()['x-frame-options']).toBeUndefined()
})

test('the frame ignores messages from other windows and malformed ones', async ({
  page,
  request,
}) => {
  const customerKey = await oneCustomer(request)
  await page.route('http://widget.test/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>Widget</title><p>A third-party widget</p>',
    }),
  )
  await openTestPortal(page, {
    token: mintToken({ role: 'viewer', scope: { customer_key: customerKey } }),
    extraHtml:
      '<iframe id="widget" title="Widget" src="http://widget.test/"></iframe>',
  })
  const frame = dashboardFrame(page)
  await expect(accountsTable(frame)).toBeVisible()
  await expect
    .poll(async () => (await received(page)).map((m) => m.type))
    .toContain('ready')

  // A sibling frame on another origin posts a well-formed navigate.
  const widget = page.frames().find((f) => f.url() === 'http://widget.test/')
  if (!widget) throw new Error('The widget frame is missing')
  await widget.evaluate(() => {
    parent.frames[0]?.postMessage(
      {
        protocol: 'seam-accounts-console',
        version: 1,
        type: 'navigate',
        route: '/embed/triage',
      },
      '*',
    )
  })
  // The real portal posts one without the envelope, then a good one.
  await page.evaluate(() => {
    const dashboard = document.getElementById(
      'dashboard',
    ) as HTMLIFrameElement | null
    dashboard?.contentWindow?.postMessage(
      { type: 'navigate', route: '/embed/triage' },
      '*',
    )
    ;(
      window as unknown as { sendToDashboard: (m: object) => void }
    ).sendToDashboard({ type: 'navigate', route: '/embed/accounts?q=zz' })
  })
  await expect
    .poll(async () =>
      (await received(page))
        .filter((m) => m.type === 'navigate')
        .map((m) => m.route),
    )
    .toContain('/embed/accounts?q=zz')
  const routes = (await received(page))
    .filter((m) => m.type === 'navigate')
    .map((m) => m.route)
  expect(routes).not.toContain('/embed/triage')
  await expect(frame.getByRole('searchbox')).toHaveValue('zz')
})

test('the scope holds in the address and at the API', async ({
  page,
  request,
}) => {
  const customerKey = await oneCustomer(request, 0)
  const otherKey = await oneCustomer(request, 1)
  const mine = ids(await listAll(request, { customer_key: customerKey }))
  const theirs = await listAll(request, { customer_key: otherKey })
  const stranger = theirs[0]
  if (!stranger) throw new Error('The other customer has no accounts')

  const frame = dashboardFrame(page)
  const authorization = await frameBearer(page, () =>
    page.goto(`${PORTAL_ORIGIN}/?customer_key=${customerKey}&role=admin`),
  )
  await expectShown(frame, mine)

  // Asking the frame for another customer's accounts keeps it in its scope.
  await page.getByLabel('Route').fill('/embed/triage')
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByLabel('Deep link')).toHaveValue('/embed/triage')
  await page
    .getByLabel('Route')
    .fill(`/embed/accounts?customer_key=${otherKey}`)
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByLabel('Deep link')).toHaveValue('/embed/accounts')
  await expectShown(frame, mine)

  // Loading the frame itself at another customer's address: it signs in
  // again through the portal, with the portal's scope.
  const inner = page.frames().find((f) => f.url().startsWith(DASHBOARD_ORIGIN))
  if (!inner) throw new Error('The dashboard frame is missing')
  const renewed = await frameBearer(page, () =>
    inner.goto(`${DASHBOARD_ORIGIN}/embed/accounts?customer_key=${otherKey}`),
  )
  await expect(logged(page, 'session.token-request')).toContainText(
    '"reason":"missing"',
  )
  await expectShown(frame, mine)

  // The page that went away ended its session.
  const ended = await request.post('/api/connected_accounts/list', {
    headers: { authorization },
    data: {},
  })
  expect(ended.status()).toBe(401)

  // The new session cannot reach them at the API either.
  const get = await request.post('/api/connected_accounts/get', {
    headers: { authorization: renewed },
    data: { connected_account_id: stranger.connected_account_id },
  })
  expect(get.status()).toBe(404)
  expect(((await get.json()) as { error: { type: string } }).error.type).toBe(
    'connected_account_not_found',
  )
  const list = await request.post('/api/connected_accounts/list', {
    headers: { authorization: renewed },
    data: { customer_key: otherKey },
  })
  expect(list.status()).toBe(403)
  expect(await list.text()).toContain('customer_key')

  // Opening the other customer's account in the frame finds nothing.
  await page
    .getByLabel('Route')
    .fill(`/embed/accounts/${stranger.connected_account_id}`)
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(
    frame.getByRole('heading', { level: 1, name: 'Account not found' }),
  ).toBeVisible()
})

test('a session that ends is renewed with a fresh token from the portal', async ({
  page,
  request,
}) => {
  const customerKey = await oneCustomer(request)
  await page.goto(`${PORTAL_ORIGIN}/?customer_key=${customerKey}&role=viewer`)
  const frame = dashboardFrame(page)
  await expect(accountsTable(frame)).toBeVisible()
  const first = await frameBearer(page, () =>
    frame.getByRole('button', { name: 'Refresh' }).click(),
  )
  const ended = await request.post('/api/embed/session/end', {
    headers: { authorization: first },
  })
  expect(ended.ok()).toBe(true)

  // The frame's next request is refused; it asks the portal for a token,
  // signs in again and carries on.
  await frame.getByRole('button', { name: 'Refresh' }).click()
  await expect(logged(page, 'session.token-request')).toContainText(
    '"reason":"expired"',
  )
  const second = await frameBearer(page, () =>
    frame.getByRole('button', { name: 'Refresh' }).click(),
  )
  expect(second).not.toBe(first)
  await expect(accountsTable(frame)).toBeVisible()
  await expect(
    frame.getByRole('heading', { name: 'Session expired' }),
  ).toHaveCount(0)
})

test.describe('a token the dashboard refuses', () => {
  test('an expired link says so', async ({ page }) => {
    const stale = () =>
      mintToken({ ttlSeconds: 60, now: Date.now() - 10 * 60_000 })
    await openTestPortal(page, { token: stale() })
    await page.evaluate((token) => {
      ;(window as unknown as { nextToken: string }).nextToken = token
    }, stale())
    await expect(
      dashboardFrame(page).getByRole('heading', {
        name: 'This embedded view’s link has expired',
      }),
    ).toBeVisible({ timeout: 15_000 })
  })

  test('a used link says it has expired', async ({ page, browser }) => {
    const token = mintToken()
    await openTestPortal(page, { token })
    await expect(accountsTable(dashboardFrame(page))).toBeVisible()

    const again = await browser.newPage()
    await openTestPortal(again, { token })
    await again.evaluate((next) => {
      ;(window as unknown as { nextToken: string }).nextToken = next
    }, token)
    await expect(
      dashboardFrame(again).getByRole('heading', {
        name: 'This embedded view’s link has expired',
      }),
    ).toBeVisible({ timeout: 15_000 })
    await again.close()
  })

  test('a tampered token cannot sign in', async ({ page }) => {
    const token = mintToken({ role: 'viewer' })
    const [header, payload = '', signature = ''] = token.split('.')
    const claims = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    ) as { role: string }
    claims.role = 'admin'
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`
    await openTestPortal(page, { token: forged })
    await page.evaluate((next) => {
      ;(window as unknown as { nextToken: string }).nextToken = next
    }, forged)
    const frame = dashboardFrame(page)
    await expect(
      frame.getByRole('heading', {
        name: 'This embedded view could not sign in',
      }),
    ).toBeVisible({ timeout: 15_000 })
    await expect(accountsTable(frame)).toHaveCount(0)
  })
})
