import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'

import type { AuditRecord } from '../server/audit/model'
import type { TriageAccount } from '../server/triage/model'
import { pagination } from './support/accounts'
import {
  addMetadataPair,
  allAuditRecords,
  AUDIT_CSV_HEADER,
  type AuditFilters,
  auditPage,
  auditRow,
  auditRows,
  auditTable,
  changeChips,
  expectAuditShown,
  expectedCsvCells,
  getAccount,
  LOCAL_ACTOR,
  localDay,
  localDayEnd,
  localDayStart,
  oldCustomerAccount,
  onlyAuditRecord,
  parseCsv,
  recentChange,
  settledAuditRecords,
} from './support/audit'
import { oldHealthyAccount } from './support/detail'
import {
  dashboardFrame,
  logged,
  mintToken,
  PORTAL_ORIGIN,
} from './support/embed'
import { expect, type Page, test } from './support/test'
import { queueRows, settledTriage } from './support/triage'

// Each journey takes its own old healthy accounts, well apart from the ones
// the other mutating journeys take (offsets 0-2 and 10-19, which shift by a
// few as those journeys disconnect and delete accounts).
const EDIT_OFFSET = 20
const PAGE_OFFSET = 25
const EMBED_OFFSET = 30
const FAILED_OFFSET = 36

/**
 * The log outlives a run (AUDIT_DB is not reset between runs, and the seeded
 * sandbox has the same account IDs every time): each journey reads only the
 * records made since it started.
 */
const since = () => new Date().toISOString()

/** A value no earlier run wrote. */
const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`

/** The audit page's query string, as an object, once it says `expected`. */
async function expectParams(page: Page, expected: Record<string, string>) {
  await expect
    .poll(() => Object.fromEntries(new URL(page.url()).searchParams))
    .toEqual(expected)
}

const filterForm = (page: Page) =>
  page.getByRole('form', { name: 'Filter the audit log' })

async function downloadCsv(page: Page): Promise<string> {
  const downloadPromise = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Export CSV' }).click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/)
  return readFile(await download.path(), 'utf8')
}

/** The export holds exactly these records, in this order, cell by cell. */
function expectCsvOf(csv: string, records: readonly AuditRecord[]) {
  expect(csv.startsWith('\uFEFF'), 'the export starts with a BOM').toBe(true)
  const [header, ...rows] = parseCsv(csv.slice(1))
  expect(header).toEqual(AUDIT_CSV_HEADER)
  expect(rows).toEqual(records.map(expectedCsvCells))
}

test('a metadata edit on the account page is recorded, shown in Recent changes and in the log', async ({
  page,
  request,
}) => {
  const account = await oldHealthyAccount(request, EDIT_OFFSET)
  const id = account.connected_account_id
  const from = since()
  // A key of its own: a database kept from an earlier run already has one.
  const key = unique('e2e_note').replaceAll('-', '_')
  const value = unique('checked')

  await page.goto(`/accounts/${id}`)
  await expect(
    page.getByRole('region', { name: 'Recent changes' }),
  ).toBeVisible()
  const [updateResponse] = await Promise.all([
    page.waitForResponse((r) =>
      r.url().endsWith('/api/connected_accounts/update'),
    ),
    addMetadataPair(page, account, key, value),
  ])
  expect(updateResponse.status()).toBe(200)
  // Nothing else changed: the account holds its metadata plus the pair.
  expect((await getAccount(request, id)).custom_metadata).toEqual({
    ...account.custom_metadata,
    [key]: value,
  })

  // The API: one record, exactly what changed, who did it, how it ended.
  const record = await onlyAuditRecord(request, {
    connected_account_id: id,
    from,
  })
  expect(record).toMatchObject({
    action: 'connected_accounts/update',
    connected_account_id: id,
    actor: LOCAL_ACTOR,
    role: 'admin',
    via: 'dashboard',
    origin: null,
    outcome: 'succeeded',
    upstream_status: 200,
    error_type: null,
    truncated: false,
  })
  expect(record.changes).toEqual({
    custom_metadata: [{ key, change: 'added', old: null, new: value }],
  })
  expect(record.request_id).not.toBe('')
  // The browser's request ID finds the record.
  expect(record.request_id).toBe(updateResponse.headers()['x-request-id'])
  expect(record.audit_id).toMatch(/^aud_/)
  expect(Date.parse(record.completed_at ?? '')).toBeGreaterThanOrEqual(
    Date.parse(record.created_at),
  )

  // Recent changes: the newest entry says what happened, with the one pair.
  const newest = recentChange(page, 0)
  await expect(newest).toContainText('Metadata changed by Local user (admin)')
  await expect(changeChips(newest)).toHaveText([`+${key}=${value}`])

  // The log, filtered to this account by the detail page's link.
  await page
    .getByRole('link', { name: 'All changes to this account in the audit log' })
    .click()
  await expect(page).toHaveURL(/\/audit\?/)
  await expectParams(page, { account: id })
  await expect(
    page.getByRole('heading', { level: 1, name: 'Audit log' }),
  ).toBeVisible()
  await expectAuditShown(
    page,
    (await auditPage(request, { connected_account_id: id }, { limit: 25 }))
      .records,
  )
  const row = auditRow(page, record)
  await expect(row).toHaveCount(1)
  await expect(row.getByRole('cell').nth(1)).toContainText('Local user')
  await expect(row.getByRole('cell').nth(1)).toContainText('admin · Dashboard')
  await expect(row.getByRole('cell').nth(2)).toHaveText('Edit account')
  await expect(row.getByRole('link', { name: id })).toBeVisible()
  await expect(changeChips(row)).toHaveText([`+${key}=${value}`])
  await expect(row.getByRole('cell').nth(5)).toContainText('Succeeded')
  await expect(row.getByRole('cell').nth(5)).toContainText('200')
})

test('calls that fail, or are refused before they are forwarded, are recorded as failed', async ({
  page,
  request,
}) => {
  const account = await oldHealthyAccount(request, FAILED_OFFSET)
  const id = account.connected_account_id
  const from = since()
  const longKey = 'k'.repeat(41)

  // The upstream refuses the metadata: 400, nothing changes, the record says so.
  const invalid = await request.post('/api/connected_accounts/update', {
    data: {
      connected_account_id: id,
      custom_metadata: { ...account.custom_metadata, [longKey]: 'x' },
    },
  })
  expect(invalid.status()).toBe(400)
  const updateRecord = await onlyAuditRecord(request, {
    connected_account_id: id,
    from,
  })
  expect(updateRecord).toMatchObject({
    action: 'connected_accounts/update',
    actor: LOCAL_ACTOR,
    role: 'admin',
    via: 'dashboard',
    outcome: 'failed',
    upstream_status: 400,
    error_type: 'invalid_input',
    request_id: invalid.headers()['x-request-id'],
  })
  // The id the error screen shows (the error body's) finds this record.
  const invalidBody = (await invalid.json()) as {
    error: { request_id: string }
  }
  expect(invalidBody.error.request_id).toBe(updateRecord.request_id)
  // What the refused call would have changed is still told.
  expect(updateRecord.changes).toEqual({
    custom_metadata: [{ key: longKey, change: 'added', old: null, new: 'x' }],
  })
  expect((await getAccount(request, id)).custom_metadata).toEqual(
    account.custom_metadata,
  )

  // A cross-site request never reaches the upstream, and is recorded.
  const crossSite = await request.post('/api/connected_accounts/update', {
    headers: { origin: 'https://evil.example' },
    data: { connected_account_id: id, display_name: 'Hijacked' },
  })
  expect(crossSite.status()).toBe(403)
  const [crossSiteRecord] = await settledAuditRecords(
    request,
    { connected_account_id: id, from },
    2,
  )
  expect(crossSiteRecord).toMatchObject({
    action: 'connected_accounts/update',
    outcome: 'failed',
    upstream_status: 403,
    error_type: 'cross_site_request',
    changes: null,
    request_id: crossSite.headers()['x-request-id'],
  })
  expect((await getAccount(request, id)).display_name).toBe(
    account.display_name,
  )

  // A viewer's sync, refused by the role check, is recorded for that viewer.
  const session = await request.post('/api/embed/session', {
    data: { token: mintToken({ role: 'viewer' }) },
  })
  expect(session.status()).toBe(201)
  const { session_token } = (await session.json()) as { session_token: string }
  const refused = await request.post('/api/connected_accounts/sync', {
    headers: { authorization: `Bearer ${session_token}` },
    data: { connected_account_id: id },
  })
  expect(refused.status()).toBe(403)
  const [viewerRecord] = await settledAuditRecords(
    request,
    { connected_account_id: id, from },
    3,
  )
  expect(viewerRecord).toMatchObject({
    action: 'connected_accounts/sync',
    actor: {
      id: 'embed:e2e@portal.test',
      email: null,
      name: 'e2e@portal.test',
    },
    role: 'viewer',
    via: 'embed',
    origin: PORTAL_ORIGIN,
    outcome: 'failed',
    upstream_status: 403,
    error_type: 'forbidden',
  })

  // The outcome filter tells them apart.
  expect(
    await allAuditRecords(request, {
      connected_account_id: id,
      from,
      outcome: 'failed',
    }),
  ).toHaveLength(3)
  expect(
    await allAuditRecords(request, {
      connected_account_id: id,
      from,
      outcome: 'succeeded',
    }),
  ).toEqual([])

  // A sync of an account that does not exist: 404, recorded under its ID.
  const missing = randomUUID()
  const notFound = await request.post('/api/connected_accounts/sync', {
    data: { connected_account_id: missing },
  })
  expect(notFound.status()).toBe(404)
  expect(
    await onlyAuditRecord(request, { connected_account_id: missing }),
  ).toMatchObject({
    action: 'connected_accounts/sync',
    connected_account_id: missing,
    actor: LOCAL_ACTOR,
    outcome: 'failed',
    upstream_status: 404,
    error_type: 'connected_account_not_found',
    changes: null,
    request_id: notFound.headers()['x-request-id'],
  })

  // The account page says what failed, never that it happened.
  await page.goto(`/accounts/${id}`)
  const viewerEntry = recentChange(page, 0)
  await expect(viewerEntry).toContainText(
    'Failed sync by e2e@portal.test (viewer)',
  )
  await expect(viewerEntry).toContainText(/Failed · 403 · forbidden/)
  await expect(viewerEntry).toContainText(`Embedded in ${PORTAL_ORIGIN}`)
  await expect(recentChange(page, 2)).toContainText(
    'Failed metadata change by Local user (admin)',
  )
  await expect(recentChange(page, 2)).toContainText(
    /Failed · 400 · invalid_input/,
  )
})

/**
 * Problems a sync never clears in the sandbox (server/sandbox/seed.ts makes
 * only the others transient): the synced accounts stay in the queue as they
 * were, so the other triage journeys see the same queue.
 */
const LASTING_PROBLEMS = new Set([
  'salto_ks_subscription_limit_exceeded',
  'salto_ks_subscription_limit_almost_reached',
  'account_reauthorization_requested',
])

const codesOf = (account: TriageAccount) => [
  ...account.errors.map((e) => e.error_code),
  ...account.warnings.map((w) => w.warning_code),
]

/** Two or three accounts of one customer that the other triage journeys leave alone. */
function pickForBulkSync(queue: readonly TriageAccount[]): {
  customerKey: string
  picked: TriageAccount[]
} {
  const names = queue.map((a) => a.display_name)
  const uniqueName = (a: TriageAccount) =>
    a.display_name !== '' &&
    names.indexOf(a.display_name) === names.lastIndexOf(a.display_name)
  // triage-bulk-sync takes the first three warnings, triage-export the last.
  const theirs = [
    ...queue
      .filter((a) => a.severity === 'warning' && uniqueName(a))
      .slice(0, 3),
    queue.findLast((a) => a.severity === 'warning'),
  ]
  const taken = new Set(theirs.map((a) => a?.customer_key ?? null))
  const byCustomer = new Map<string, TriageAccount[]>()
  for (const account of queue) {
    const key = account.customer_key
    if (
      key === null ||
      taken.has(key) ||
      !uniqueName(account) ||
      !/^[\w.*@ ·-]+$/u.test(account.display_name) ||
      !codesOf(account).every((code) => LASTING_PROBLEMS.has(code))
    ) {
      continue
    }
    byCustomer.set(key, [...(byCustomer.get(key) ?? []), account])
  }
  for (const [customerKey, accounts] of byCustomer) {
    if (accounts.length >= 2) {
      return { customerKey, picked: accounts.slice(0, 3) }
    }
  }
  throw new Error('No customer has two queue accounts the journeys leave alone')
}

test('a bulk sync from triage writes one record per account', async ({
  page,
  request,
}) => {
  const data = await settledTriage(request)
  const { customerKey, picked } = pickForBulkSync(data.queue)
  const from = since()

  await page.goto('/triage')
  await expect(queueRows(page).first()).toBeVisible()
  await page
    .getByRole('searchbox', { name: 'Search the queue' })
    .fill(customerKey)
  for (const account of picked) {
    await page
      .getByRole('checkbox', { name: `Select ${account.display_name}` })
      .check()
  }
  const n = picked.length
  const bar = page.getByRole('region', { name: 'Bulk sync' })
  await expect(bar).toContainText(`${n} selected`)
  await bar.getByRole('button', { name: `Sync ${n} accounts` }).click()
  await expect(bar.getByRole('status')).toHaveText(
    `Finished: ${n} of ${n} done · ${n} accepted · 0 failed`,
  )

  for (const account of picked) {
    const id = account.connected_account_id
    const record = await onlyAuditRecord(request, {
      connected_account_id: id,
      action: 'connected_accounts/sync',
      from,
    })
    expect(record).toMatchObject({
      connected_account_id: id,
      actor: LOCAL_ACTOR,
      role: 'admin',
      via: 'dashboard',
      outcome: 'succeeded',
      upstream_status: 200,
      error_type: null,
      changes: null,
    })
    // Nothing else was recorded for it.
    expect(
      await allAuditRecords(request, { connected_account_id: id, from }),
    ).toEqual([record])
  }
  // In the whole log of syncs, each account once, each with its own request.
  const syncs = (
    await allAuditRecords(request, {
      action: 'connected_accounts/sync',
      from,
    })
  ).filter((r) =>
    picked.some((a) => a.connected_account_id === r.connected_account_id),
  )
  expect(syncs.map((r) => r.connected_account_id).sort()).toEqual(
    picked.map((a) => a.connected_account_id).sort(),
  )
  expect(new Set(syncs.map((r) => r.request_id)).size).toBe(n)
})

test('a write in an embedded frame is recorded with the portal, its origin and role', async ({
  page,
  request,
}) => {
  const account = await oldCustomerAccount(request, EMBED_OFFSET)
  const id = account.connected_account_id
  const from = since()
  const key = 'portal_audit'
  const value = unique('seen')

  await page.goto(
    `${PORTAL_ORIGIN}/?customer_key=${account.customer_key}&role=operator&route=${encodeURIComponent(`/embed/accounts/${id}`)}`,
  )
  const frame = dashboardFrame(page)
  await expect(
    frame.getByRole('heading', { level: 1, name: account.display_name }),
  ).toBeVisible()
  await addMetadataPair(frame, account, key, value)
  await expect(logged(page, 'account.updated')).toContainText(id)

  const record = await onlyAuditRecord(request, {
    connected_account_id: id,
    from,
  })
  expect(record).toMatchObject({
    action: 'connected_accounts/update',
    via: 'embed',
    origin: PORTAL_ORIGIN,
    role: 'operator',
    outcome: 'succeeded',
    upstream_status: 200,
  })
  expect(record.changes).toEqual({
    custom_metadata: [{ key, change: 'added', old: null, new: value }],
  })
  // The portal's person, by the token's subject, not the local user.
  expect(record.actor.id).toBe(`embed:${record.actor.name}`)
  expect(record.actor.id).not.toBe(LOCAL_ACTOR.id)
  expect(
    await allAuditRecords(request, {
      actor: record.actor.id,
      connected_account_id: id,
      from,
    }),
  ).toEqual([record])

  // The frame's own Recent changes say who, and from where.
  const entry = recentChange(frame, 0)
  await expect(entry).toContainText(
    `Metadata changed by ${record.actor.name} (operator)`,
  )
  await expect(entry).toContainText(`Embedded in ${PORTAL_ORIGIN}`)
  await expect(changeChips(entry)).toHaveText([`+${key}=${value}`])

  // An admin's log shows the same.
  await page.goto(`/audit?account=${id}`)
  const row = auditRow(page, record)
  await expect(row).toHaveCount(1)
  await expect(row).toContainText(record.actor.name)
  await expect(row).toContainText(`operator · Embedded in ${PORTAL_ORIGIN}`)
})

test('the audit page: filters in the URL, paging, and a CSV export equal to the API', async ({
  page,
  request,
}) => {
  test.slow()
  const account = await oldHealthyAccount(request, PAGE_OFFSET)
  const id = account.connected_account_id
  const sync = (connected_account_id: string) =>
    request.post('/api/connected_accounts/sync', {
      data: { connected_account_id },
    })

  // More than a page of records for this account: syncs are harmless.
  for (let n = 0; n < 26; n++) expect((await sync(id)).status()).toBe(200)
  const edit = await request.post('/api/connected_accounts/update', {
    data: {
      connected_account_id: id,
      custom_metadata: { ...account.custom_metadata, e2e_formula: '=1+1' },
    },
  })
  expect(edit.status()).toBe(200)
  const failedEdit = await request.post('/api/connected_accounts/update', {
    data: {
      connected_account_id: id,
      custom_metadata: { ...account.custom_metadata, ['k'.repeat(41)]: 'x' },
    },
  })
  expect(failedEdit.status()).toBe(400)
  const byAccount = { connected_account_id: id }
  const all = await allAuditRecords(request, byAccount)
  expect(all.length).toBeGreaterThanOrEqual(28)
  expect(all[0]?.request_id).toBe(failedEdit.headers()['x-request-id'])
  expect(all[1]?.request_id).toBe(edit.headers()['x-request-id'])

  const firstPage = async (filters: AuditFilters) =>
    (await auditPage(request, filters, { limit: 25 })).records

  await page.goto(`/audit?account=${id}`)
  const form = filterForm(page)
  await expect(
    form.getByRole('searchbox', { name: 'Connected account ID' }),
  ).toHaveValue(id)
  const unfiltered = await firstPage(byAccount)
  await expectAuditShown(page, unfiltered)

  // Action: only syncs, which the first page did not only hold.
  const action = form.getByRole('combobox', { name: 'Action' })
  await action.selectOption({ label: 'Sync account' })
  await expectParams(page, { account: id, action: 'connected_accounts/sync' })
  const syncs = await firstPage({
    ...byAccount,
    action: 'connected_accounts/sync',
  })
  expect(syncs).toHaveLength(25)
  expect(syncs.every((r) => r.action === 'connected_accounts/sync')).toBe(true)
  expect(syncs).not.toEqual(unfiltered)
  await expectAuditShown(page, syncs)

  // Action and outcome: the failed edits alone.
  await action.selectOption({ label: 'Edit account' })
  const outcome = form.getByRole('combobox', { name: 'Outcome' })
  await outcome.selectOption({ label: 'Failed' })
  await expectParams(page, {
    account: id,
    action: 'connected_accounts/update',
    outcome: 'failed',
  })
  const failedEdits = await firstPage({
    ...byAccount,
    action: 'connected_accounts/update',
    outcome: 'failed',
  })
  expect(failedEdits[0]?.request_id).toBe(failedEdit.headers()['x-request-id'])
  expect(
    failedEdits.every(
      (r) => r.outcome === 'failed' && r.action === 'connected_accounts/update',
    ),
  ).toBe(true)
  await expectAuditShown(page, failedEdits)
  await expect(auditRows(page).first()).toContainText('Failed')

  await action.selectOption({ label: 'All actions' })
  await outcome.selectOption({ label: 'Succeeded' })
  await expectParams(page, { account: id, outcome: 'succeeded' })
  const succeeded = await firstPage({ ...byAccount, outcome: 'succeeded' })
  expect(succeeded[0]?.request_id).toBe(edit.headers()['x-request-id'])
  await expectAuditShown(page, succeeded)
  await outcome.selectOption({ label: 'All outcomes' })
  await expectParams(page, { account: id })
  await expectAuditShown(page, unfiltered)

  // Actor: applied on Enter; an actor who did nothing here matches nothing.
  const actor = form.getByRole('searchbox', { name: 'Actor' })
  await actor.fill(LOCAL_ACTOR.id)
  await actor.press('Enter')
  await expectParams(page, { account: id, actor: LOCAL_ACTOR.id })
  await expectAuditShown(
    page,
    await firstPage({ ...byAccount, actor: LOCAL_ACTOR.id }),
  )
  await actor.fill('nobody@example.com')
  await actor.press('Enter')
  await expectParams(page, { account: id, actor: 'nobody@example.com' })
  expect(
    await firstPage({ ...byAccount, actor: 'nobody@example.com' }),
  ).toEqual([])
  await expect(
    page.getByRole('heading', { name: 'No records match these filters' }),
  ).toBeVisible()
  await actor.fill('')
  await actor.press('Enter')
  await expectParams(page, { account: id })
  await expectAuditShown(page, unfiltered)

  // Dates: local days, both ends included.
  const today = localDay(new Date())
  await form.getByLabel('From', { exact: true }).fill(today)
  await expectParams(page, { account: id, from: today })
  await expectAuditShown(
    page,
    await firstPage({ ...byAccount, from: localDayStart(today) }),
  )
  await form.getByLabel('To', { exact: true }).fill(today)
  await expectParams(page, { account: id, from: today, to: today })
  const todays = await firstPage({
    ...byAccount,
    from: localDayStart(today),
    to: localDayEnd(today),
  })
  expect(todays[0]?.request_id).toBe(failedEdit.headers()['x-request-id'])
  await expectAuditShown(page, todays)
  // A link to tomorrow: the fields follow the URL, nothing matches.
  const tomorrow = localDay(new Date(), 1)
  await page.goto(`/audit?account=${id}&from=${tomorrow}`)
  await expect(form.getByLabel('From', { exact: true })).toHaveValue(tomorrow)
  expect(
    await firstPage({ ...byAccount, from: localDayStart(tomorrow) }),
  ).toEqual([])
  await expect(
    page.getByRole('heading', { name: 'No records match these filters' }),
  ).toBeVisible()

  // Paging: Next and Previous walk the API's pages.
  await page.goto(`/audit?account=${id}`)
  await expectAuditShown(page, unfiltered)
  const nav = pagination(page)
  await expect(nav).toContainText('Page 1 · rows 1–25')
  const apiFirst = await auditPage(request, byAccount, { limit: 25 })
  const cursor = apiFirst.pagination.next_page_cursor
  if (cursor === null) throw new Error('the account has one page of records')
  const apiSecond = await auditPage(request, byAccount, { limit: 25, cursor })
  await nav.getByRole('button', { name: 'Next' }).click()
  await expect
    .poll(() => new URL(page.url()).searchParams.get('page'))
    .toBe('2')
  expect(new URL(page.url()).searchParams.get('cursor')).toBeTruthy()
  await expectAuditShown(page, apiSecond.records)
  await expect(nav).toContainText(
    `Page 2 · rows 26–${25 + apiSecond.records.length}`,
  )
  await nav.getByRole('button', { name: 'Previous' }).click()
  await expectParams(page, { account: id })
  await expectAuditShown(page, apiFirst.records)
  await expect(nav.getByRole('button', { name: 'Previous' })).toBeDisabled()

  // Export: every record of the filters, not only the page on screen.
  const csv = await downloadCsv(page)
  expectCsvOf(csv, await allAuditRecords(request, byAccount))
  expect(csv).toMatch(/^\uFEFFaudit_id,created_at,/)
  expect(csv.endsWith('\r\n')).toBe(true)
  // The metadata value rides inside the JSON of `changes`, quoted (RFC 4180).
  expect(csv).toContain(
    '"{""custom_metadata"":[{""key"":""e2e_formula"",""change"":""added"",""old"":null,""new"":""=1+1""}]}"',
  )

  // A cell that starts with "=" is neutralised: a sync of the account "=1+1".
  const formula = await sync('=1+1')
  expect(formula.status()).toBe(400)
  await form
    .getByRole('searchbox', { name: 'Connected account ID' })
    .fill('=1+1')
  await form.getByRole('button', { name: 'Apply' }).click()
  await expectParams(page, { account: '=1+1' })
  const formulaRecords = await allAuditRecords(request, {
    connected_account_id: '=1+1',
  })
  expect(formulaRecords[0]?.request_id).toBe(formula.headers()['x-request-id'])
  await expect(auditTable(page)).toContainText(
    formula.headers()['x-request-id'] ?? 'no request id',
  )
  const formulaCsv = await downloadCsv(page)
  expectCsvOf(formulaCsv, formulaRecords)
  const cells = parseCsv(formulaCsv.slice(1)).slice(1)
  expect(cells.length).toBe(formulaRecords.length)
  for (const row of cells) expect(row[9]).toBe("'=1+1")
  expect(formulaCsv).toContain(",connected_accounts/sync,'=1+1,failed,400,")
})
