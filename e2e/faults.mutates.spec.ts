import { readFile } from 'node:fs/promises'

import type { ConnectedAccount } from '@seamapi/types/connect'

import type { TriageAccount } from '../server/triage/model'
import { getAccount, oldHealthyAccount } from './support/detail'
import {
  ACTION_FAULTS,
  type ActionFault,
  expectFaultShown,
  expectNoResend,
  faultMessage,
  injectFault,
  installClock,
  pressUnderFault,
  SLOW_TIMEOUT,
} from './support/faults'
import { type APIRequestContext, expect, type Page, test } from './support/test'
import { queueRows, queueTable, settledTriage } from './support/triage'

// Each journey takes its own old healthy accounts, well apart from the ones
// the other mutating journeys take (offsets up to about 40, which shift by a
// few as journeys delete accounts): four apart, so a shift never makes two
// of these journeys take the same account; the deletes eight apart, as they
// shift each other too.
const METADATA_OFFSETS: Record<ActionFault, number> = {
  'http-500': 44,
  'http-429': 48,
  timeout: 52,
  connectionreset: 56,
  offline: 60,
}
const SYNC_OFFSET = 64
const DELETE_OFFSETS: Record<ActionFault, number> = {
  'http-500': 72,
  'http-429': 80,
  timeout: 88,
  connectionreset: 96,
  offline: 104,
}

/** Faults after which the change may have reached the server unanswered. */
const NO_ANSWER: readonly ActionFault[] = ['timeout', 'connectionreset']

async function openAccount(page: Page, account: ConnectedAccount) {
  await installClock(page)
  await page.goto(`/accounts/${account.connected_account_id}`)
  await expect(
    page.getByRole('heading', { level: 1, name: account.display_name }),
  ).toBeVisible()
}

test.beforeEach(() => {
  // Page loads, a press, a minute of the page's clock and a retry, on a
  // machine that may be busy.
  test.slow()
})

for (const fault of ACTION_FAULTS) {
  test.describe(`under ${fault}`, () => {
    test('a metadata save keeps the edits, is sent once, and saves on a retry', async ({
      page,
      context,
      request,
    }) => {
      const account = await oldHealthyAccount(request, METADATA_OFFSETS[fault])
      await openAccount(page, account)
      await page.getByRole('button', { name: 'Edit metadata' }).click()
      const form = page.getByRole('form', { name: 'Edit custom metadata' })
      await form.getByRole('button', { name: 'Add pair' }).click()
      const n = Object.keys(account.custom_metadata).length + 1
      // New on every run: the sandbox keeps what earlier runs saved.
      const key = `fault_${fault.replace('-', '_')}_${Date.now().toString(36)}`
      const value = `kept ${Date.now().toString(36)}`
      await form.getByRole('textbox', { name: `Key ${n}` }).fill(key)
      await form.getByRole('textbox', { name: `Value ${n}` }).fill(value)

      const save = form.getByRole('button', { name: 'Save metadata' })
      const broken = await pressUnderFault(page, context, fault, {
        route: 'connected_accounts/update',
        button: save,
      })
      await expect(form.getByRole('alert')).toContainText(faultMessage(fault))
      await expect(form.getByRole('textbox', { name: `Key ${n}` })).toHaveValue(
        key,
      )
      await expect(
        form.getByRole('textbox', { name: `Value ${n}` }),
      ).toHaveValue(value)
      await expectNoResend(page, broken, broken.sentPerPress)
      expect(
        (await getAccount(request, account.connected_account_id)).account
          ?.custom_metadata[key],
      ).toBeUndefined()

      await broken.heal()
      await save.click()
      await expect(
        page.getByRole('status').filter({ hasText: 'Metadata saved.' }),
      ).toBeVisible()
      expect(broken.hits()).toBe(broken.sentPerPress + 1)
      expect(
        (await getAccount(request, account.connected_account_id)).account
          ?.custom_metadata[key],
      ).toBe(value)
    })

    test('a sync is sent once, says it failed, and goes through on a retry', async ({
      page,
      context,
      request,
    }) => {
      const account = await oldHealthyAccount(request, SYNC_OFFSET)
      await openAccount(page, account)
      const sync = page.getByRole('button', { name: 'Sync', exact: true })
      const broken = await pressUnderFault(page, context, fault, {
        route: 'connected_accounts/sync',
        button: sync,
      })
      const status = page.getByTestId('sync-status')
      await expect(status).toHaveText(`Sync failed: ${faultMessage(fault)}`)
      await expectNoResend(page, broken, broken.sentPerPress)

      await broken.heal()
      await sync.click()
      await expect(status).toHaveText(
        'Sync requested. Waiting for the provider to answer…',
      )
      await expect.poll(() => broken.hits()).toBe(broken.sentPerPress + 1)
      // A healthy account: nothing changes before the sync's time limit.
      await page.clock.fastForward(11_000)
      await expect(status).toHaveText(
        'Sync requested, but nothing changed within 10 seconds. The account has no problems.',
        { timeout: SLOW_TIMEOUT },
      )
      expect(broken.hits()).toBe(broken.sentPerPress + 1)
    })

    test('a delete keeps the confirmation, says what is known, and deletes on a retry', async ({
      page,
      context,
      request,
    }) => {
      const account = await oldHealthyAccount(request, DELETE_OFFSETS[fault])
      const id = account.connected_account_id
      await openAccount(page, account)
      await page.getByRole('button', { name: 'Delete' }).click()
      const dialog = page.getByRole('dialog', {
        name: 'Delete this connected account?',
      })
      const confirm = dialog.getByRole('textbox', {
        name: 'Type the display name or the account ID to confirm',
      })
      await confirm.fill(id)

      const submit = dialog.getByRole('button', { name: 'Delete account' })
      const broken = await pressUnderFault(page, context, fault, {
        route: 'connected_accounts/delete',
        button: submit,
      })
      const alert = dialog.getByRole('alert')
      await expect(alert).toContainText(
        NO_ANSWER.includes(fault)
          ? 'No answer came back, so the account may or may not be deleted.'
          : 'The account was not deleted:',
      )
      await expect(alert).toContainText(faultMessage(fault))
      await expect(confirm).toHaveValue(id)
      await expectNoResend(page, broken, broken.sentPerPress)
      expect((await getAccount(request, id)).status).toBe(200)

      await broken.heal()
      await submit.click()
      await expect(
        page.getByRole('status').filter({ hasText: 'Account deleted' }),
      ).toBeVisible()
      await expect(page).toHaveURL('/accounts')
      expect(broken.hits()).toBe(broken.sentPerPress + 1)
      expect((await getAccount(request, id)).status).toBe(404)
    })

    test('a bulk sync sends each account once and retries the failed ones by hand', async ({
      page,
      context,
      request,
    }) => {
      const account = await ownWarningAccount(
        request,
        ACTION_FAULTS.indexOf(fault),
      )
      await installClock(page)
      await page.goto('/triage')
      const select = page.getByRole('checkbox', {
        name: `Select ${account.display_name}`,
      })
      await expect(select).toBeVisible({ timeout: SLOW_TIMEOUT })
      await select.check()
      const bar = page.getByRole('region', { name: 'Bulk sync' })
      const broken = await pressUnderFault(page, context, fault, {
        route: 'connected_accounts/sync',
        button: bar.getByRole('button', { name: 'Sync 1 account' }),
      })
      await expect(bar.getByRole('status')).toHaveText(
        'Finished: 1 of 1 done · 0 accepted · 1 failed',
      )
      const row = queueRows(page).filter({
        has: page.getByRole('link', {
          name: account.display_name,
          exact: true,
        }),
      })
      await expect(row).toContainText(`Sync failed: ${faultMessage(fault)}`)
      await expectNoResend(page, broken, broken.sentPerPress)

      await broken.heal()
      await bar.getByRole('button', { name: 'Retry 1 failed' }).click()
      await expect(bar.getByRole('status')).toHaveText(
        'Finished: 1 of 1 done · 1 accepted · 0 failed',
      )
      // (The row may leave the queue now: the sync may have fixed it.)
      expect(broken.hits()).toBe(broken.sentPerPress + 1)
    })

    test('a reconnect link is sent once, says why it failed, and is made on a retry', async ({
      page,
      context,
      request,
    }) => {
      const account = await reconnectAccount(request)
      await installClock(page)
      await page.goto('/triage')
      const create = page.getByRole('button', {
        name: `Create reconnect link for ${account.display_name}`,
      })
      await expect(create).toBeVisible({ timeout: SLOW_TIMEOUT })
      const broken = await pressUnderFault(page, context, fault, {
        route: 'connect_webviews/create',
        button: create,
      })
      const row = queueRows(page).filter({ has: create })
      await expect(row.getByRole('alert')).toHaveText(faultMessage(fault))
      await expectNoResend(page, broken, broken.sentPerPress)

      await broken.heal()
      await create.click()
      await expect(
        page.getByRole('textbox', {
          name: `Reconnect link for ${account.display_name}`,
        }),
      ).toHaveValue(/^https?:\/\//)
      expect(broken.hits()).toBe(broken.sentPerPress + 1)
    })

    test('an audit log export says why it failed, with nothing saved, and downloads on a retry', async ({
      page,
      context,
    }) => {
      await installClock(page)
      await page.goto('/audit')
      const exportLink = page.getByRole('link', { name: 'Export CSV' })
      await expect(exportLink).toBeVisible()
      let downloads = 0
      page.on('download', () => {
        downloads += 1
      })
      const broken = await pressUnderFault(page, context, fault, {
        route: 'audit/export.csv',
        button: exportLink,
      })
      const alert = page
        .getByRole('alert')
        .filter({ hasText: 'Couldn’t export the audit log' })
      await expectFaultShown(alert, fault)
      await expectNoResend(page, broken, broken.sentPerPress)
      expect(downloads).toBe(0)

      await broken.heal()
      const download = page.waitForEvent('download')
      await exportLink.click()
      const file = await download
      expect(file.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/)
      expect(await readFile(await file.path(), 'utf8')).toMatch(
        /^\uFEFFaudit_id,/,
      )
      await expect(alert).toBeHidden()
      expect(broken.hits()).toBe(broken.sentPerPress + 1)
    })
  })
}

test('the triage export works from the data on screen, offline and with the API down', async ({
  page,
  context,
}) => {
  await page.goto('/triage')
  // The first scan of a fresh server takes a while.
  await expect(queueRows(page).first()).toBeVisible({ timeout: SLOW_TIMEOUT })
  const ids = (
    await queueTable(page)
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')))
  ).map((href) => (href ?? '').replace(/^\/accounts\//, ''))
  expect(ids.length).toBeGreaterThan(0)
  const api = await injectFault(page, '**/api/**', 'failed')
  await context.setOffline(true)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const csv = await readFile(await (await download).path(), 'utf8')
  expect(csv).toMatch(/^\uFEFFid,display name,/)
  for (const id of ids) expect(csv).toContain(id)
  expect(api.hits()).toBe(0)
  await context.setOffline(false)
})

/** Triage accounts with a name no other queued account has. */
async function uniquelyNamed(
  request: APIRequestContext,
): Promise<TriageAccount[]> {
  const { queue } = await settledTriage(request)
  const names = queue.map((a) => a.display_name)
  return queue.filter(
    (a) =>
      /^[\w.*@ ·-]+$/u.test(a.display_name) &&
      names.indexOf(a.display_name) === names.lastIndexOf(a.display_name),
  )
}

/**
 * A warning account of its own for each bulk sync journey, from the end of
 * the queue: the bulk sync journey takes the first ones, the export journey
 * renames the newest.
 */
async function ownWarningAccount(
  request: APIRequestContext,
  index: number,
): Promise<TriageAccount> {
  const warnings = (await uniquelyNamed(request)).filter(
    (a) => a.severity === 'warning',
  )
  const account = warnings.at(-1 - index)
  if (!account) throw new Error('The queue has too few warning accounts')
  return account
}

/**
 * A disconnected account (the queue offers reconnect links for those), to
 * make links for: nothing changes on the account. The last in the queue, as
 * other journeys disconnect accounts and sync them again.
 */
async function reconnectAccount(
  request: APIRequestContext,
): Promise<TriageAccount> {
  const account = (await uniquelyNamed(request))
    .filter((a) =>
      a.errors.some((error) => error.error_code === 'account_disconnected'),
    )
    .at(-1)
  if (!account) throw new Error('The queue has no disconnected account')
  return account
}
