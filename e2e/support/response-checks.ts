import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

import { BOOT_SCRIPT_SOURCE } from '../../server/page-boot'
import { secretValues } from './secrets'
import { DASHBOARD_ORIGINS, FAKE_RESPONSE_HEADER } from './servers'

/** What kind of answer a response is, for the run-wide coverage check. */
export type ResponseKind =
  | 'html'
  | 'script'
  | 'stylesheet'
  | 'image'
  | 'api-json'
  | 'api-error'
  | 'csv'
  | 'redirect'
  | 'other'

export interface CheckedResponse {
  url: string
  status: number
  headers: Record<string, string>
  /** Null when the body cannot be read (a redirect, a navigation away). */
  body: string | null
}

export interface ResponseRecord {
  kind: ResponseKind
  path: string
  status: number
  dashboard: boolean
  problems: string[]
}

/** Where every worker appends what it checked; read by the run's last check. */
export const RESPONSE_LOG_DIR = join('test-results', 'response-checks')

const OWN_COOKIES = ['sac_session', 'sac_login']

function kindOf(path: string, status: number, type: string): ResponseKind {
  if (status >= 300 && status < 400) return 'redirect'
  if (type.startsWith('text/html')) return 'html'
  if (type.includes('javascript')) return 'script'
  if (type.startsWith('text/css')) return 'stylesheet'
  if (type.startsWith('image/')) return 'image'
  if (type.startsWith('text/csv')) return 'csv'
  if (path.startsWith('/api/') || path.startsWith('/auth/')) {
    return status >= 400 ? 'api-error' : 'api-json'
  }
  return 'other'
}

function headerProblems(
  path: string,
  kind: ResponseKind,
  headers: Record<string, string>,
): string[] {
  const problems: string[] = []
  const csp = headers['content-security-policy'] ?? ''
  const scriptSrc =
    csp
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith('script-src')) ?? ''
  if (!csp.includes("default-src 'self'")) problems.push('CSP default-src')
  // The dashboard allows its boot script by hash; the portal demo none.
  if (
    scriptSrc !== "script-src 'self'" &&
    scriptSrc !== `script-src 'self' ${BOOT_SCRIPT_SOURCE}`
  ) {
    problems.push('CSP script-src')
  }
  if (!/frame-ancestors /.test(csp)) problems.push('CSP frame-ancestors')
  if (headers['x-content-type-options'] !== 'nosniff') {
    problems.push('X-Content-Type-Options')
  }
  if (headers['referrer-policy'] !== 'no-referrer') {
    problems.push('Referrer-Policy')
  }
  if (!headers['permissions-policy']) problems.push('Permissions-Policy')
  if (!headers['x-request-id']) problems.push('X-Request-Id')
  // Plain http here: HSTS would be meaningless and is never sent.
  if (headers['strict-transport-security']) problems.push('HSTS over http')
  // With no portal allowed to frame, older browsers are told so too; with
  // one, X-Frame-Options (which cannot name it) must be absent.
  const framing = /frame-ancestors ([^;]*)/.exec(csp)?.[1]?.trim()
  const xfo = headers['x-frame-options']
  if (framing === "'none'" ? xfo !== 'DENY' : xfo !== undefined) {
    problems.push(`X-Frame-Options ${xfo} with frame-ancestors ${framing}`)
  }
  for (const line of (headers['set-cookie'] ?? '').split('\n')) {
    const name = line.slice(0, line.indexOf('=')).trim()
    if (line && !OWN_COOKIES.includes(name)) problems.push(`cookie ${name}`)
  }
  const cache = headers['cache-control']
  if (path.startsWith('/api/') || path.startsWith('/auth/')) {
    if (cache !== 'no-store') problems.push(`Cache-Control ${cache}`)
  } else if (path.startsWith('/assets/') && kind !== 'html') {
    if (!cache?.includes('immutable')) problems.push(`Cache-Control ${cache}`)
  } else if (kind === 'html') {
    // An account's page may come drawn with the reader's data: never kept.
    const allowed = /^\/accounts\/[^/]+\/?$/.test(path)
      ? ['no-cache', 'private, no-store']
      : ['no-cache']
    if (!allowed.includes(cache ?? '')) problems.push(`Cache-Control ${cache}`)
  }
  return problems
}

/**
 * Checks one response: any origin must carry no configured secret, in its
 * headers or body; the dashboard's own must carry the security headers.
 */
export function checkResponse(response: CheckedResponse): ResponseRecord {
  const url = new URL(response.url)
  const type = response.headers['content-type'] ?? ''
  const kind = kindOf(url.pathname, response.status, type)
  const dashboard =
    DASHBOARD_ORIGINS.includes(url.origin) &&
    !(FAKE_RESPONSE_HEADER in response.headers)
  const problems = dashboard
    ? headerProblems(url.pathname, kind, response.headers)
    : []
  const text = `${JSON.stringify(response.headers)}\n${response.body ?? ''}`
  for (const secret of secretValues()) {
    if (text.includes(secret)) problems.push('a configured secret')
  }
  return {
    kind,
    path: url.pathname,
    status: response.status,
    dashboard,
    problems,
  }
}

export function appendRecords(
  workerIndex: number,
  records: readonly ResponseRecord[],
) {
  if (records.length === 0) return
  mkdirSync(RESPONSE_LOG_DIR, { recursive: true })
  appendFileSync(
    join(RESPONSE_LOG_DIR, `worker-${workerIndex}-${process.pid}.jsonl`),
    records.map((record) => JSON.stringify(record)).join('\n') + '\n',
  )
}
