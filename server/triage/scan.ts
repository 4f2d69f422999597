import { randomUUID } from 'node:crypto'
import { setImmediate as nextTurn } from 'node:timers/promises'

import type { TriageAccount } from './model'
import { createInterner, toTriageAccount } from './parse-account'
import type { UpstreamAnswer, UpstreamReadOptions } from './upstream-read'
import { failureOf, readUpstream, UpstreamFailure } from './upstream-read'

export interface ScanProgress {
  pages: number
  accounts: number
  hasNextPage: boolean
}

export interface ScanResult {
  /** Accounts with at least one error or warning, by id. */
  problemAccounts: Map<string, TriageAccount>
  accountsScanned: number
  pages: number
}

export interface ScanOptions extends UpstreamReadOptions {
  /** Accounts per upstream page; large, since only the server reads them. */
  pageSize: number
  /** `connected_accounts/list` filters every page is read with: a scope. */
  filters?: Readonly<Record<string, unknown>>
  onPage: (progress: ScanProgress) => void
}

interface Page {
  accounts: unknown[]
  nextCursor: string | null
}

function pageOf(body: unknown): Page | null {
  if (body === null || typeof body !== 'object') return null
  if (!('connected_accounts' in body)) return null
  const accounts = body.connected_accounts
  if (!Array.isArray(accounts)) return null
  const pagination =
    'pagination' in body &&
    body.pagination !== null &&
    typeof body.pagination === 'object'
      ? (body.pagination as Record<string, unknown>)
      : null
  // A server without pagination answers everything at once.
  if (!pagination || pagination.has_next_page !== true) {
    return { accounts, nextCursor: null }
  }
  const cursor = pagination.next_page_cursor
  return typeof cursor === 'string' && cursor !== ''
    ? { accounts, nextCursor: cursor }
    : null
}

const pageName = (number: number) => `page ${number} of connected_accounts/list`

/** One page, or a failure that says which page stopped the scan. */
async function readPage(
  options: ScanOptions,
  cursor: string | null,
  number: number,
  requestId: string,
): Promise<Page> {
  const stopped = (failure: UpstreamFailure) =>
    new UpstreamFailure(
      failure.type,
      `The scan stopped at ${pageName(number)}: ${failure.message}`,
    )
  let answer: UpstreamAnswer
  try {
    answer = await readUpstream(
      options,
      'connected_accounts/list',
      {
        ...options.filters,
        limit: options.pageSize,
        ...(cursor === null ? {} : { page_cursor: cursor }),
      },
      requestId,
    )
  } catch (error) {
    throw error instanceof UpstreamFailure ? stopped(error) : error
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw stopped(failureOf(answer, options.redact))
  }
  const page = pageOf(answer.body)
  if (!page) {
    throw stopped(
      new UpstreamFailure(
        'upstream_invalid_response',
        'the Seam API answered without a list of connected accounts and a next page cursor.',
      ),
    )
  }
  return page
}

/**
 * Walks every page of `connected_accounts/list` and keeps the accounts with
 * problems. Seam has no filter for them, so every account is read once; only
 * the problem ones outlive their page.
 */
export async function scanWorkspace(options: ScanOptions): Promise<ScanResult> {
  const intern = createInterner()
  const requestId = `triage-scan-${randomUUID()}`
  const problemAccounts = new Map<string, TriageAccount>()
  const cursors = new Set<string>()
  let accountsScanned = 0
  let pages = 0
  let cursor: string | null = null
  do {
    const page = await readPage(options, cursor, pages + 1, requestId)
    for (const raw of page.accounts) {
      accountsScanned += 1
      const account = toTriageAccount(raw, intern)
      if (account) problemAccounts.set(account.connected_account_id, account)
    }
    pages += 1
    // A cursor seen before would walk the same pages forever.
    if (page.nextCursor !== null && cursors.has(page.nextCursor)) {
      throw new UpstreamFailure(
        'upstream_invalid_response',
        `The scan stopped at ${pageName(pages)}: the Seam API returned a next page cursor it had already returned.`,
      )
    }
    cursor = page.nextCursor
    if (cursor !== null) cursors.add(cursor)
    options.onPage({
      pages,
      accounts: accountsScanned,
      hasNextPage: cursor !== null,
    })
    // The in-process sandbox answers without I/O, so a scan would otherwise
    // be one long run of microtasks that no other request could cut into.
    await nextTurn()
  } while (cursor !== null)
  return { problemAccounts, accountsScanned, pages }
}
