import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { ConnectedAccount } from '@seamapi/types/connect'

import type * as PageDataModule from '../src/app/page-data'
import type * as PageShellModule from '../src/app/page-shell'
import type { MeResponse } from './auth/principal'
import { withDrawnPage } from './page-html'

/** The built account page, whose outline the account is drawn into. */
export const ACCOUNT_PAGE_FILE = 'pages/account.html'

export interface AccountPageOptions {
  distDir: string
  /** The longest the page waits for the account before it goes out without. */
  timeoutMs: number
  now?: () => number
}

/** The page request's headers the API call carries: who is asking, and how. */
function readerHeaders(page: Headers): Headers {
  const headers = new Headers(page)
  for (const name of [
    'content-length',
    'content-type',
    'accept-encoding',
    'if-none-match',
    'if-modified-since',
    'range',
  ]) {
    headers.delete(name)
  }
  headers.set('accept', 'application/json')
  return headers
}

async function readJson(
  response: Response,
): Promise<Record<string, unknown> | null> {
  if (!response.ok) return null
  try {
    const body: unknown = await response.json()
    return typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

// Loaded once, in the background as soon as the app is created, so that the
// first account page does not wait for it.
let renderers: Promise<[typeof PageShellModule, typeof PageDataModule]> | null =
  null
const loadRenderers = () =>
  (renderers ??= Promise.all([
    import('../src/app/page-shell'),
    import('../src/app/page-data'),
  ]))

export interface AccountPageRequest {
  /** The browser's request for the page. */
  page: Request
  connectedAccountId: string
  /**
   * The dashboard's own API, called as the page's reader: the same checks
   * (who, which role, which scope) and the same redaction as the browser's
   * own calls.
   */
  callApi: (request: Request) => Promise<Response>
}

/**
 * An account's page with the account already drawn in, from the app's own
 * components: the browser paints the account before the app has loaded,
 * and the app starts from the same data instead of asking again. Null when
 * the page cannot be drawn (no built page, the account not readable by this
 * reader, too slow an answer): the page then goes out as its outline, and
 * the app reads, and reports, as it always did.
 */
export function createAccountPage({
  distDir,
  timeoutMs,
  now = Date.now,
}: AccountPageOptions) {
  void loadRenderers().catch(() => undefined)

  return async function drawAccountPage({
    page,
    connectedAccountId,
    callApi,
  }: AccountPageRequest): Promise<string | null> {
    const origin = new URL(page.url).origin
    const headers = readerHeaders(page.headers)
    const call = (path: string, body?: unknown) => {
      const sent = new Headers(headers)
      if (body !== undefined) sent.set('content-type', 'application/json')
      const init: RequestInit =
        body === undefined
          ? { headers: sent }
          : { method: 'POST', headers: sent, body: JSON.stringify(body) }
      return callApi(new Request(`${origin}/api/${path}`, init)).then(readJson)
    }

    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<null>((resolve) => {
      timer = setTimeout(() => {
        resolve(null)
      }, timeoutMs)
    })
    const read = Promise.all([
      call('connected_accounts/get', {
        connected_account_id: connectedAccountId,
      }),
      call('auth/me'),
      readFile(join(distDir, ACCOUNT_PAGE_FILE), 'utf8').catch(() => null),
    ])
    // Past the time limit the reads still finish, and nobody waits for them.
    read.catch(() => undefined)
    const answered = await Promise.race([read, timedOut]).finally(() => {
      clearTimeout(timer)
    })
    if (answered === null) return null
    const [got, me, template] = answered
    const account = got?.connected_account as ConnectedAccount | undefined
    if (
      template === null ||
      account?.connected_account_id !== connectedAccountId
    ) {
      return null
    }

    const [{ renderPageShell }, { accountPageData, serializePageData }] =
      await loadRenderers()
    const data = accountPageData(
      account,
      me?.ok === true ? (me as unknown as MeResponse) : null,
      now(),
    )
    const shell = await renderPageShell(
      `/accounts/${encodeURIComponent(connectedAccountId)}`,
      data,
    )
    return withDrawnPage(template, shell, serializePageData(data))
  }
}
