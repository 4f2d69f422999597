import { expect, test } from './support/test'
import { settledTriage } from './support/triage'

test('every Salto KS site shows its usage bar, fullest first', async ({
  page,
  request,
}) => {
  const data = await settledTriage(request)
  expect(data.salto_ks_sites.length).toBeGreaterThan(0)
  await page.goto('/triage')

  const section = page.getByRole('region', { name: 'Salto KS sites' })
  const meters = section.getByRole('meter')
  await expect(meters).toHaveCount(data.salto_ks_sites.length)

  // The server sends them fullest first; the page keeps that order.
  for (const [index, site] of data.salto_ks_sites.entries()) {
    const meter = meters.nth(index)
    await expect(meter).toBeVisible()
    await expect(meter).toHaveAccessibleName(site.site_name)
    await expect(meter).toHaveAttribute(
      'aria-valuenow',
      String(site.subscribed_site_user_count),
    )
    const percent =
      site.usage === null ? null : `${Math.floor(site.usage * 100)} %`
    if (percent)
      await expect(meter).toHaveAttribute('aria-valuetext', new RegExp(percent))
  }

  const over = data.salto_ks_sites.find((s) => s.usage !== null && s.usage >= 1)
  if (over) {
    await expect(
      section.getByRole('listitem').filter({ hasText: over.site_name }),
    ).toContainText('over limit')
  }
})
