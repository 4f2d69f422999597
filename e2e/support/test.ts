import {
  type APIRequestContext,
  type APIResponse,
  type Response,
  test as base,
} from '@playwright/test'

import {
  appendRecords,
  type CheckedResponse,
  checkResponse,
  type ResponseRecord,
} from './response-checks'

export type {
  APIRequestContext,
  BrowserContext,
  FrameLocator,
  Locator,
  Page,
  Route,
} from '@playwright/test'
export { expect } from '@playwright/test'

/**
 * Hashed build files never change, so each worker reads one's body once;
 * their headers are still checked on every response.
 */
const assetsRead = new Set<string>()

async function fromPage(response: Response): Promise<CheckedResponse> {
  const headers = await response.allHeaders().catch(() => response.headers())
  const url = response.url()
  const status = response.status()
  const hashed = status === 200 && new URL(url).pathname.startsWith('/assets/')
  if (hashed && assetsRead.has(url)) return { url, status, headers, body: null }
  const body = await response.text().catch(() => null)
  if (hashed && body !== null) assetsRead.add(url)
  return { url, status, headers, body }
}

async function fromApi(response: APIResponse): Promise<CheckedResponse> {
  const body = await response.text().catch(() => null)
  return {
    url: response.url(),
    status: response.status(),
    headers: response.headers(),
    body,
  }
}

const REQUEST_METHODS = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'fetch',
])

/** The same request context, with every answer it receives checked too. */
function watched(
  request: APIRequestContext,
  onResponse: (response: APIResponse) => void,
): APIRequestContext {
  return new Proxy(request, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (
        typeof property !== 'string' ||
        !REQUEST_METHODS.has(property) ||
        typeof value !== 'function'
      ) {
        return value
      }
      return async (...args: unknown[]) => {
        const response = (await Reflect.apply(
          value,
          target,
          args,
        )) as APIResponse
        onResponse(response)
        return response
      }
    },
  })
}

/**
 * Every journey imports `test` from here. Each response the browser or the
 * `request` fixture receives is checked, for the whole run, for the security
 * headers and for any configured secret; a journey that sees a bad one fails,
 * and the run's last check proves every kind of response was seen.
 */
export const test = base.extend<{
  responseChecks: (work: Promise<CheckedResponse>) => void
  pageResponseChecks: undefined
}>({
  responseChecks: [
    // Playwright reads the fixtures a function needs from its first
    // parameter's pattern: this one needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      const records: ResponseRecord[] = []
      const pending = new Set<Promise<void>>()
      const track = (work: Promise<CheckedResponse>) => {
        const done = work
          .then((response) => {
            records.push(checkResponse(response))
          })
          .catch(() => undefined)
          .finally(() => pending.delete(done))
        pending.add(done)
      }
      await use(track)
      await Promise.all([...pending])
      appendRecords(testInfo.workerIndex, records)
      const bad = records
        .filter((record) => record.problems.length > 0)
        .map(
          (record) =>
            `${record.status} ${record.path}: ${record.problems.join(', ')}`,
        )
      if (bad.length > 0) {
        throw new Error(
          `Responses failed the run-wide checks:\n${bad.join('\n')}`,
        )
      }
    },
    { auto: true },
  ],
  // Every page of the journey, frames and new tabs included.
  pageResponseChecks: [
    async ({ context, responseChecks }, use) => {
      context.on('response', (response) => {
        responseChecks(fromPage(response))
      })
      await use(undefined)
    },
    { auto: true },
  ],
  request: async ({ request, responseChecks }, use) => {
    await use(
      watched(request, (response) => {
        responseChecks(fromApi(response))
      }),
    )
  },
})
