import { readFileSync } from 'node:fs'

import type { ConnectedAccount } from '@seamapi/types/connect'

import {
  HOSTILE_STRINGS,
  type HostileKind,
} from '../server/sandbox/hostile-strings'
import {
  accountsTable,
  expectShown,
  ids,
  listAll,
  pagination,
  type Surface,
} from './support/accounts'
import {
  addMetadataPair,
  allAuditRecords,
  auditRows,
  auditTable,
  getAccount,
  parseCsv,
  settledAuditRecords,
} from './support/audit'
import { dashboardFrame, mintToken, openTestPortal } from './support/embed'
import {
  expectInert,
  HOSTILE_ORIGIN,
  HOSTILE_PORTAL_ORIGIN,
  inspect,
  snapshot,
  textContents,
  type Watch,
  watchForExecution,
} from './support/hostile'
import { FAKE_RESPONSE_HEADER } from './support/servers'
import { type APIRequestContext, expect, type Page, test } from './support/test'
import { problemTiles, queueRows, settledTriage } from './support/triage'

// In order, in one worker: the audit journey writes last. Each journey
// walks many pages and inspects every text on them.
test.describe.configure({ mode: 'default', timeout: 300_000 })

let watch: Watch
test.beforeEach(async ({ page }) => {
  watch = await watchForExecution(page)
})

test('the inspection itself sees a payload run, an injected element, a spill and a bidi leak', async ({
  page,
}) => {
  const url = `${HOSTILE_ORIGIN}/e2e-broken-page`
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: { [FAKE_RESPONSE_HEADER]: '1' },
      body: `<!doctype html><html><head><title>Broken</title>
<meta http-equiv="Content-Security-Policy" content="img-src 'none'"></head><body>
<div id="root">
  <img src="x" onerror="window.__xss = 1">
  <script>alert('ran'); console.error('ran')</script>
  <table><tr><td style="width:80px;max-width:80px">${'W'.repeat(80)}</td><td>next</td></tr></table>
  <p>before <span>\u202eoverride</span> after</p>
  <div style="width:4000px">wide</div>
</div></body></html>`,
    }),
  )
  await page.goto(url)
  await expect.poll(() => page.evaluate(() => 'ran')).toBe('ran')
  const [report] = await inspect(page, watch)
  expect(report?.marker).toBe(1)
  expect(report?.cspViolations.join()).toContain('img-src')
  expect(report?.injected.join()).toContain('<img src="x" onerror=')
  expect(report?.injected.join()).toContain('<script>')
  expect(report?.spills.join()).toContain('leaves its box <td')
  expect(report?.bidiLeaks.join()).toContain('override')
  expect(report?.sidewaysScroll).toBeGreaterThan(0)
  expect(watch.events.join()).toContain('dialog alert: ran')
  expect(watch.events.join()).toContain('console error: ran')
})

/** Every string of an account the pages show, as the API has it. */
function shownStrings(account: ConnectedAccount): string[] {
  const identifier = account.user_identifier
  return [
    account.display_name,
    account.account_type_display_name,
    account.customer_key ?? '',
    identifier?.email ?? '',
    identifier?.phone ?? '',
    identifier?.username ?? '',
    ...Object.entries(account.custom_metadata).flatMap(([key, value]) => [
      key,
      String(value),
    ]),
    ...account.errors.map((error) => error.message),
    ...account.warnings.map((warning) => warning.message),
  ].filter((text) => text !== '')
}

/** A string as the DOM's text holds it: a CR LF pair in text stays as is. */
const kindOf = (text: string): HostileKind | undefined =>
  HOSTILE_STRINGS.find((item) => item.text.startsWith(text))?.kind

const kinds = [...new Set(HOSTILE_STRINGS.map((item) => item.kind))]

/** The newest account whose display name holds a payload of `kind`. */
async function accountOfKind(
  request: APIRequestContext,
  kind: HostileKind,
): Promise<ConnectedAccount> {
  const account = (await listAll(request)).find(
    (candidate) => kindOf(candidate.display_name) === kind,
  )
  if (!account) throw new Error(`No account is named with a ${kind} payload`)
  return account
}

/** The first page load is slow on a busy machine: wait for the rows once. */
async function tableLoaded(surface: Surface): Promise<void> {
  await expect(
    accountsTable(surface).locator('a[data-row-link]').first(),
  ).toBeVisible({ timeout: 30_000 })
}

/** The table's rows show each account's strings verbatim. */
async function expectRowsShow(
  page: Page,
  accounts: readonly ConnectedAccount[],
): Promise<void> {
  const rows = await accountsTable(page)
    .locator('tbody tr')
    .evaluateAll((elements) =>
      elements.map((row) => ({
        name: row.querySelector('a[data-row-link]')?.textContent ?? '',
        text: row.textContent,
      })),
    )
  expect(rows.map((row) => row.name)).toEqual(
    accounts.map((account) => account.display_name),
  )
  for (const [index, account] of accounts.entries()) {
    const [firstKey, firstValue] = Object.entries(
      account.custom_metadata,
    )[0] ?? ['', '']
    const expected = [
      account.account_type_display_name,
      account.customer_key ?? '',
      account.user_identifier?.email ?? '',
      account.user_identifier?.phone ?? '',
      account.user_identifier?.username ?? '',
      firstKey,
      String(firstValue),
    ]
    const text = rows[index]?.text ?? ''
    expect(
      expected.filter((value) => !text.includes(value)),
      account.connected_account_id,
    ).toEqual([])
  }
}

test('the accounts table shows every hostile row as text, at every page size', async ({
  page,
  request,
}) => {
  const all = await listAll(request)
  expect(all).toHaveLength(240)
  // Every row at 100 a page; the first pages at the other sizes.
  for (const [size, pages] of [
    [100, 3],
    [50, 2],
    [25, 2],
  ] as const) {
    await page.goto(size === 25 ? '/accounts' : `/accounts?size=${size}`)
    await tableLoaded(page)
    for (let start = 0; start < size * pages; start += size) {
      const shown = all.slice(start, start + size)
      await expectShown(page, ids(shown))
      await expectRowsShow(page, shown)
      await expectInert(page, watch)
      if (start === 0) await snapshot(page, `table-${size}`, { fullPage: true })
      if (start + size < size * pages) {
        await pagination(page).getByRole('button', { name: 'Next' }).click()
      }
    }
  }
})

test('a narrow window keeps the hostile table within it', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 390, height: 844 })
  const all = await listAll(request)
  await page.goto('/accounts')
  await tableLoaded(page)
  await expectShown(page, ids(all.slice(0, 25)))
  await expectInert(page, watch)
  await snapshot(page, 'table-narrow')
})

for (const kind of kinds) {
  test(`the account page named with a ${kind} payload shows every string as text, with its editor and dialogs open`, async ({
    page,
    request,
  }) => {
    const account = await accountOfKind(request, kind)
    await page.goto(`/accounts/${account.connected_account_id}`)
    const heading = page.getByRole('heading', { level: 1 })
    await expect(heading).toBeVisible({ timeout: 30_000 })
    expect(await heading.evaluate((h) => h.textContent)).toBe(
      account.display_name,
    )
    const main = (await textContents(page, 'main')).join('')
    expect(
      shownStrings(account).filter((text) => !main.includes(text)),
      kind,
    ).toEqual([])
    const problems = [...account.errors, ...account.warnings]
    for (const site of problems.flatMap((problem) =>
      'salto_ks_metadata' in problem ? problem.salto_ks_metadata.sites : [],
    )) {
      expect(main).toContain(site.site_name)
    }
    await expectInert(page, watch)
    const pictured = ['long', 'bidi', 'script', 'emoji'].includes(kind)
    if (pictured) await snapshot(page, `detail-${kind}`, { fullPage: true })

    // The metadata editor holds the pairs as values of its fields (a text
    // area, for text with line breaks, reports them as LF).
    await page
      .getByRole('region', { name: 'Custom metadata' })
      .getByRole('button', { name: 'Edit metadata' })
      .click()
    const form = page.getByRole('form', { name: 'Edit custom metadata' })
    for (const [n, [key, value]] of Object.entries(
      account.custom_metadata,
    ).entries()) {
      await expect(
        form.getByRole('textbox', { name: `Key ${n + 1}`, exact: true }),
      ).toHaveValue(key.replaceAll('\r\n', '\n'))
      await expect(
        form.getByRole('textbox', { name: `Value ${n + 1}`, exact: true }),
      ).toHaveValue(String(value).replaceAll('\r\n', '\n'))
    }
    await expectInert(page, watch)
    if (pictured) await snapshot(page, `editor-${kind}`, { fullPage: true })
    await form.getByRole('button', { name: 'Cancel' }).click()

    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    const dialog = page.getByRole('dialog', {
      name: 'Delete this connected account?',
    })
    await expect(dialog).toBeVisible()
    await expectInert(page, watch)
    if (pictured) await snapshot(page, `delete-${kind}`)
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  })
}

test('the triage page shows every hostile problem, site and account as text', async ({
  page,
  request,
}) => {
  const triage = await settledTriage(request)
  expect(triage.queue).toHaveLength(80)
  await page.goto('/triage')
  await expect(queueRows(page)).toHaveCount(80, { timeout: 30_000 })
  const queueText = (await textContents(page, 'main')).join('')
  for (const account of triage.queue) {
    expect(queueText).toContain(account.display_name)
  }
  // Every Salto KS site, named exactly.
  const sites = page
    .getByRole('region', { name: 'Salto KS sites' })
    .or(page.locator('section[aria-labelledby="salto-sites-heading"]'))
  const siteNames = await sites
    .locator('li [id^="site-"]')
    .evaluateAll((elements) => elements.map((e) => e.textContent))
  expect(siteNames.sort()).toEqual(
    triage.salto_ks_sites.map((site) => site.site_name).sort(),
  )
  expect(siteNames.length).toBe(80)
  await expectInert(page, watch)
  await snapshot(page, 'triage')

  // The CSV export: no cell a spreadsheet would run.
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const path = await (await download).path()
  const rows = parseCsv(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''))
  const formulas = rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))
  expect(formulas).toEqual([])
  expect(rows).toHaveLength(81)
  expect(rows.flat()).toContain("'=cmd|' /C calc'!A0")

  // A tile filters the queue; the page stays inert.
  await problemTiles(page).getByRole('button').first().click()
  await expect(queueRows(page).first()).toBeVisible()
  await expectInert(page, watch)
})

/** An account of a hostile customer, and a frame scoped to that customer. */
async function openEmbedded(
  page: Page,
  request: APIRequestContext,
  route: string,
  customerKey: string,
) {
  const token = mintToken({
    role: 'admin',
    scope: { customer_key: customerKey },
    origin: HOSTILE_PORTAL_ORIGIN,
  })
  await openTestPortal(page, {
    token,
    route,
    dashboardOrigin: HOSTILE_ORIGIN,
    portalOrigin: HOSTILE_PORTAL_ORIGIN,
  })
  return listAll(request, { customer_key: customerKey })
}

test('the embedded dashboard, scoped to a hostile customer key, shows it as text', async ({
  page,
  request,
}) => {
  for (const customerKey of [
    '<script>window.__xss=1</script>',
    'invoice\u202egpj.exe',
    "=cmd|' /C calc'!A0",
  ]) {
    const accounts = await openEmbedded(
      page,
      request,
      '/embed/accounts',
      customerKey,
    )
    expect(accounts.length).toBeGreaterThan(0)
    const frame = dashboardFrame(page)
    await tableLoaded(frame)
    await expectShown(frame, ids(accounts))
    await expectInert(page, watch)
    await snapshot(page, `embed-${kindOf(customerKey) ?? 'other'}`)

    const [first] = accounts
    if (!first) throw new Error('no account')
    await frame.locator('a[data-row-link]').first().click()
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText(
      first.display_name,
    )
    await expectInert(page, watch)
  }

  // The triage page of a customer whose accounts have problems.
  const failing = (await settledTriage(request)).queue.find(
    (account) => account.customer_key !== null,
  )
  if (!failing?.customer_key) throw new Error('no customer with problems')
  await openEmbedded(page, request, '/embed/triage', failing.customer_key)
  const frame = dashboardFrame(page)
  await expect(
    frame.getByRole('table', { name: 'Accounts with problems' }),
  ).toBeVisible({ timeout: 30_000 })
  await expect(frame.getByText(failing.display_name).first()).toBeVisible()
  await expectInert(page, watch)
  await snapshot(page, 'embed-triage')
})

test('the audit log shows hostile metadata and names it recorded as text', async ({
  page,
  request,
}) => {
  const all = await listAll(request)
  const targets = all.slice(-4)
  // A server reused from an earlier run already holds records of these.
  const before = new Map<string, number>()
  for (const { connected_account_id } of targets) {
    const records = await allAuditRecords(request, { connected_account_id })
    before.set(connected_account_id, records.length)
  }
  const payloads = [
    '<img src=x onerror=window.__xss=1>',
    "{{constructor.constructor('alert(1)')()}}",
    "=cmd|' /C calc'!A0",
    '"><svg onload=window.__xss=1>',
  ]
  for (const [index, account] of targets.entries()) {
    const payload = payloads[index] ?? ''
    const response = await request.post('/api/connected_accounts/update', {
      data: {
        connected_account_id: account.connected_account_id,
        custom_metadata: {
          ...account.custom_metadata,
          [payload.slice(0, 40)]: `${payload} ${'x'.repeat(400)}`,
        },
        display_name: payload,
      },
    })
    expect(response.status(), await response.text()).toBe(200)
  }
  // And one through the page's own editor.
  const edited = targets[0]
  if (!edited) throw new Error('no account')
  await page.goto(`/accounts/${edited.connected_account_id}`)
  // A key of its own per run: a reused server keeps the last run's.
  await addMetadataPair(
    page,
    await getAccount(request, edited.connected_account_id),
    `<svg onload=window.__xss=1>${Date.now()}`,
    '${window.__xss=1} \u202eevil',
  )
  await expectInert(page, watch)
  await snapshot(page, 'recent-changes')

  for (const { connected_account_id } of targets) {
    await settledAuditRecords(
      request,
      { connected_account_id },
      (before.get(connected_account_id) ?? 0) +
        (connected_account_id === edited.connected_account_id ? 2 : 1),
    )
  }
  await page.goto('/audit')
  await expect(auditTable(page)).toHaveAttribute('aria-busy', 'false')
  await expect(auditRows(page).first()).toBeVisible()
  const text = (await textContents(page, 'main')).join('')
  for (const payload of payloads) expect(text).toContain(payload)
  await expectInert(page, watch)
  await snapshot(page, 'audit')

  // The export neutralises formulas in the recorded values too.
  const csv = await request.get('/api/audit/export.csv')
  expect(csv.status()).toBe(200)
  const cells = parseCsv((await csv.text()).replace(/^\uFEFF/, '')).flat()
  expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([])
})
