import { expectNoAxeViolations, THEMES, useTheme } from './support/a11y'
import { allAuditRecords, settledAuditRecords } from './support/audit'
import { oldHealthyAccount } from './support/detail'
import { expect, test } from './support/test'
import { queueRows, settledTriage } from './support/triage'

/** Accounts of their own (one per theme), away from those other journeys take. */
const EDITED_OFFSET = 61

for (const [index, theme] of THEMES.entries()) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      test.slow()
      await useTheme(page, theme)
    })

    test('triage with a reconnect link just created', async ({
      page,
      request,
    }) => {
      const data = await settledTriage(request)
      const account = data.queue.find((a) =>
        a.errors.some((e) => e.error_code === 'account_disconnected'),
      )
      if (!account) throw new Error('The sandbox has no disconnected account')
      const name = account.display_name || account.connected_account_id
      await page.goto(
        `/triage?q=${encodeURIComponent(account.connected_account_id)}`,
      )
      await expect(queueRows(page)).toHaveCount(1)
      await page
        .getByRole('button', { name: `Create reconnect link for ${name}` })
        .click()
      await expect(
        page.getByRole('textbox', { name: `Reconnect link for ${name}` }),
      ).toBeVisible()
      await expectNoAxeViolations(page, 'triage with a reconnect link')
    })

    test('the audit log with records, their changes and a failure', async ({
      page,
      request,
    }) => {
      const account = await oldHealthyAccount(request, EDITED_OFFSET + index)
      const id = account.connected_account_id
      const before = (
        await allAuditRecords(request, { connected_account_id: id })
      ).length
      const edited = await request.post('/api/connected_accounts/update', {
        data: {
          connected_account_id: id,
          custom_metadata: { ...account.custom_metadata, reviewed_in: theme },
        },
      })
      expect(edited.status()).toBe(200)
      // Refused upstream (a blank name): recorded as failed, nothing changed.
      const refused = await request.post('/api/connected_accounts/update', {
        data: { connected_account_id: id, display_name: ' ' },
      })
      expect(refused.status()).toBe(400)
      await settledAuditRecords(
        request,
        { connected_account_id: id },
        before + 2,
      )

      await page.goto(`/audit?account=${id}`)
      const records = page.getByRole('table', { name: 'Audit log' })
      await expect(records.getByRole('row').nth(2)).toBeVisible()
      await expect(
        records.getByRole('list', { name: 'What changed' }).first(),
      ).toBeVisible()
      await expect(records).toContainText('Failed')
      await expectNoAxeViolations(page, 'the audit log with records')
    })
  })
}
