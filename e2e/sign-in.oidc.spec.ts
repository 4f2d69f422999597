import { accountsTable } from './support/accounts'
import { E2E_OIDC_USERS } from './support/oidc-users'
import { expect, type Page, test } from './support/test'

type Person = (typeof E2E_OIDC_USERS)[number]

const person = (sub: Person['sub']): Person => {
  const found = E2E_OIDC_USERS.find((user) => user.sub === sub)
  if (!found) throw new Error(`No test user ${sub}`)
  return found
}

const PROVIDER = 'http://127.0.0.1:4176'

/** Opens `path`, signs in at the OpenID provider and lands back on `path`. */
async function signIn(page: Page, who: Person, path = '/accounts') {
  await page.goto(path)
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/`))
  await page.getByLabel('Username').fill(who.sub)
  await page.getByLabel('Password').fill(who.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(path)
}

/**
 * Runs `action` and tells whether the browser went through the provider for
 * it. Signed in there already, the provider sends the person straight back.
 */
async function viaProvider(page: Page, action: () => Promise<unknown>) {
  let visited = false
  const onRequest = (request: {
    url: () => string
    isNavigationRequest: () => boolean
  }) => {
    if (request.isNavigationRequest() && request.url().startsWith(PROVIDER))
      visited = true
  }
  page.on('request', onRequest)
  try {
    await action()
  } finally {
    page.off('request', onRequest)
  }
  return visited
}

const accountMenu = (page: Page, who: Person, role: string) =>
  page.getByRole('button', { name: `${who.name}, ${role}: your account` })

/** The first account of the list, opened. */
async function openFirstAccount(page: Page) {
  await accountsTable(page).getByRole('link').first().click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  return page.url().replace(/^.*\/accounts\//, '')
}

test('sign-in at the provider, a session cookie, and a sign-out that ends it', async ({
  page,
  context,
}) => {
  const dana = person('dana')
  // Nothing is served before sign-in: the API says so, pages redirect.
  const before = await page.request.get('/api/auth/me')
  expect(before.status()).toBe(401)

  await signIn(page, dana, '/accounts?q=example.com')
  await expect(accountsTable(page).getByRole('link').first()).toBeVisible()
  await expect(accountMenu(page, dana, 'admin')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Audit log' })).toBeVisible()

  const cookies = await context.cookies()
  const session = cookies.find((cookie) => cookie.name === 'sac_session')
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
  // The cookie holds a sealed id, not the person.
  expect(session?.value).not.toContain('dana')

  const me = await page.request.get('/api/auth/me')
  expect(me.status()).toBe(200)
  expect(await me.json()).toMatchObject({
    user: { id: 'dana', email: dana.email, name: dana.name },
    role: 'admin',
    auth: 'oidc',
    can_sign_out: true,
  })

  await accountMenu(page, dana, 'admin').click()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Signed out' }),
  ).toBeVisible()
  expect((await page.request.get('/api/auth/me')).status()).toBe(401)

  // The old cookie, put back, no longer works: the session ended on the server.
  if (!session) throw new Error('no session cookie')
  await context.addCookies([session])
  expect((await page.request.get('/api/auth/me')).status()).toBe(401)

  // Signing in again goes through the provider (still signed in there, it
  // sends the person straight back) and returns to where they were.
  const again = await viaProvider(page, async () => {
    await page.getByRole('link', { name: 'Sign in again' }).click()
    await expect(accountMenu(page, dana, 'admin')).toBeVisible()
  })
  expect(again).toBe(true)
  await expect(page).toHaveURL('/accounts?q=example.com')
})

test('each role sees what it may do, and the server holds to it', async ({
  browser,
}) => {
  // A viewer reads; actions stay visible but locked, with the reason.
  const viewerContext = await browser.newContext()
  const viewer = await viewerContext.newPage()
  const vera = person('vera')
  await signIn(viewer, vera)
  await expect(accountMenu(viewer, vera, 'viewer')).toBeVisible()
  await expect(viewer.getByRole('link', { name: 'Audit log' })).toHaveCount(0)
  const id = await openFirstAccount(viewer)
  const sync = viewer.getByRole('button', { name: /^Sync/ }).first()
  await expect(sync).toHaveAttribute('aria-disabled', 'true')
  await expect(sync).toHaveAccessibleDescription(/Needs the operator role/)
  const remove = viewer.getByRole('button', { name: /^Delete/ })
  await expect(remove).toHaveAttribute('aria-disabled', 'true')
  await expect(remove).toHaveAccessibleDescription(/Needs the admin role/)
  const refused = await viewer.request.post('/api/connected_accounts/sync', {
    data: { connected_account_id: id },
  })
  expect(refused.status()).toBe(403)
  expect(await refused.json()).toMatchObject({
    error: { type: 'forbidden' },
  })
  expect(await refused.text()).toContain('operator')
  await viewer.goto('/audit')
  await expect(
    viewer.getByText('Only admins can see the audit log'),
  ).toBeVisible()
  await viewerContext.close()

  // An operator syncs, but may not delete.
  const operatorContext = await browser.newContext()
  const operator = await operatorContext.newPage()
  const omar = person('omar')
  await signIn(operator, omar)
  await expect(accountMenu(operator, omar, 'operator')).toBeVisible()
  await openFirstAccount(operator)
  await expect(
    operator.getByRole('button', { name: /^Sync/ }).first(),
  ).not.toHaveAttribute('aria-disabled', 'true')
  await expect(
    operator.getByRole('button', { name: /^Delete/ }),
  ).toHaveAttribute('aria-disabled', 'true')
  const deleted = await operator.request.post(
    '/api/connected_accounts/delete',
    { data: { connected_account_id: id } },
  )
  expect(deleted.status()).toBe(403)
  expect(await deleted.text()).toContain('admin')
  await operatorContext.close()
})

test('a session left idle expires, and the next page asks to sign in', async ({
  page,
}) => {
  // SESSION_IDLE_MINUTES=1 on this dashboard.
  test.setTimeout(150_000)
  const vera = person('vera')
  await signIn(page, vera)
  await expect(accountMenu(page, vera, 'viewer')).toBeVisible()
  // The list refreshes itself every minute; close the page so nothing keeps
  // the session alive, and wait past the idle time.
  const context = page.context()
  await page.close()
  await new Promise((resolve) => setTimeout(resolve, 65_000))

  const later = await context.newPage()
  expect((await later.request.get('/api/auth/me')).status()).toBe(401)
  const renewed = await viaProvider(later, async () => {
    await later.goto('/accounts')
    await expect(accountMenu(later, vera, 'viewer')).toBeVisible()
  })
  expect(renewed).toBe(true)
  await expect(later).toHaveURL('/accounts')
})
