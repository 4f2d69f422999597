import { expect, test } from './support/test'
import { queueRows, settledTriage } from './support/triage'

interface CreatedWebview {
  connect_webview: {
    url: string
    accepted_providers: string[]
    custom_metadata: Record<string, string | boolean>
    customer_key?: string
  }
}

test('a reconnect link offers the account provider and keeps its metadata and customer key', async ({
  page,
  request,
}) => {
  const data = await settledTriage(request)
  const account = data.queue.find(
    (a) =>
      a.errors.some((e) => e.error_code === 'account_disconnected') &&
      a.customer_key !== null &&
      Object.keys(a.custom_metadata).length > 0,
  )
  if (!account) throw new Error('no disconnected account with metadata')
  const name = account.display_name || account.connected_account_id

  await page.goto(
    `/triage?q=${encodeURIComponent(account.connected_account_id)}`,
  )
  await expect(queueRows(page)).toHaveCount(1)

  // The request passes through the route so its answer is read here, in
  // Node, rather than from the browser's network log.
  const seen: { body: unknown; status: number; answer: CreatedWebview }[] = []
  await page.route('**/api/connect_webviews/create', async (route) => {
    const response = await route.fetch()
    seen.push({
      body: route.request().postDataJSON(),
      status: response.status(),
      answer: (await response.json()) as CreatedWebview,
    })
    await route.fulfill({ response })
  })
  await page
    .getByRole('button', { name: `Create reconnect link for ${name}` })
    .click()
  await expect.poll(() => seen.length).toBe(1)
  const [exchange] = seen
  if (!exchange) throw new Error('no reconnect request')
  expect(exchange.status).toBe(200)
  expect(exchange.body).toEqual({
    accepted_providers: [account.account_type],
    custom_metadata: account.custom_metadata,
    customer_key: account.customer_key,
  })
  // What the sandbox recorded for the new webview.
  const created = exchange.answer
  expect(created.connect_webview.custom_metadata).toEqual(
    account.custom_metadata,
  )
  expect(created.connect_webview.customer_key).toBe(account.customer_key)
  expect(created.connect_webview.accepted_providers).toEqual([
    account.account_type,
  ])

  await expect(
    page.getByRole('textbox', { name: `Reconnect link for ${name}` }),
  ).toHaveValue(created.connect_webview.url)
  await expect(
    page.getByRole('button', { name: 'Copy reconnect link' }),
  ).toBeVisible()
})
