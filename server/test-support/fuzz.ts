import fc from 'fast-check'
import { expect } from 'vitest'

import type { AuditStore } from '../audit/store'
import type { SandboxStore } from '../sandbox/store'
import type { FuzzRequest, SeededWorld } from './arbitraries'

/**
 * Sending generated requests and checking what comes back, for the property
 * tests: never a 5xx, a hang or a stack trace; a 4xx in Seam's error shape
 * that names the field at fault; no record changed by a refused request.
 */

/** Runs per property: at least 1,000 generated requests per route. */
export const RUNS = 1_000

/** Far above any honest answer in-process; a request slower than this hangs. */
const DEADLINE_MS = 5_000

/**
 * A thousand requests take a few seconds on a quiet machine; a busy one
 * (CI, parallel test files) may need many times that.
 */
export const PROPERTY_TIMEOUT_MS = 180_000

export interface Answer {
  status: number
  headers: Headers
  text: string
}

/** The request as `fetch` takes it, against `origin`. */
function toRequest(origin: string, request: FuzzRequest): Request {
  const { body } = request
  return new Request(`${origin}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(body !== undefined ? { body: body.text } : {}),
    redirect: 'manual',
  })
}

/** Sends a request and reads the whole answer, failing when it takes too long. */
export async function answerWithin(
  send: () => Promise<Response> | Response,
  describe: string,
  ms = DEADLINE_MS,
): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no complete answer within ${ms} ms: ${describe}`))
    }, ms)
  })
  try {
    return await Promise.race([
      (async () => {
        const response = await send()
        return {
          status: response.status,
          headers: response.headers,
          text: await response.text(),
        }
      })(),
      deadline,
    ])
  } finally {
    clearTimeout(timer)
  }
}

const describeRequest = (request: FuzzRequest): string =>
  `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)} ${request.body?.kind ?? ''} ${request.body?.text.slice(0, 300) ?? ''}`

/** A stack frame (`at fn (file:line:col)`), raw or JSON-escaped, or a source path. */
const STACK_TRACE =
  /(?:^|\n|\\n)\s*at (?:\S+ )?\(?(?:file:|node:|\/)[^\n]*:\d+:\d+|node_modules\/|\/server\/[\w/-]+\.ts\b/

interface SeamError {
  type: string
  message: string
  request_id: string
  validation_errors?: Record<string, unknown>
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** The `error` of a body in Seam's shape, or why it is not in it. */
function seamErrorOf(text: string): SeamError | string {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return `not JSON: ${text.slice(0, 200)}`
  }
  if (!isObject(body) || body.ok !== false || !isObject(body.error)) {
    return `not { ok: false, error }: ${text.slice(0, 200)}`
  }
  const { type, message, request_id: requestId, stack } = body.error
  if (typeof type !== 'string' || !/^[a-z][a-z_]*$/.test(type)) {
    return `error.type ${JSON.stringify(type)} is not a snake_case string`
  }
  if (typeof message !== 'string' || message.trim() === '') {
    return 'error.message is not a non-empty string'
  }
  if (typeof requestId !== 'string' || requestId === '') {
    return 'error.request_id is not a non-empty string'
  }
  if (stack !== undefined) return 'error.stack is present'
  const { validation_errors: fields } = body.error
  if (fields !== undefined && !isObject(fields)) {
    return 'error.validation_errors is not an object'
  }
  return {
    type,
    message,
    request_id: requestId,
    ...(fields === undefined ? {} : { validation_errors: fields }),
  }
}

/** Whether a message names a field, as it is or JSON-escaped (`"a\\"b"`). */
const names = (message: string, field: string): boolean =>
  message.includes(field) ||
  message.includes(JSON.stringify(field).slice(1, -1))

export interface Expectations {
  /** 4xx answers are Seam-shaped JSON (API routes); pages may answer text. */
  seamErrors: boolean
  /** Redirects are a right answer (sign-in routes, pages in oidc mode). */
  redirects?: boolean
  /** Error types whose message must name the field the request got wrong. */
  namingTypes?: readonly string[]
}

/**
 * What is wrong with an answer: a 5xx, an unexpected status, a stack trace,
 * an error not in Seam's shape, or a 400 that does not name the field a
 * near-valid body got wrong.
 */
export function problemsOf(
  answer: Answer,
  request: FuzzRequest,
  {
    seamErrors,
    redirects = false,
    namingTypes = ['invalid_input'],
  }: Expectations,
): string[] {
  const problems: string[] = []
  const { status, text } = answer
  const ok2xx = status >= 200 && status < 300
  const ok3xx = redirects && status >= 300 && status < 400
  const ok4xx = status >= 400 && status < 500
  if (!ok2xx && !ok3xx && !ok4xx) problems.push(`status ${status}`)
  if (STACK_TRACE.test(text)) {
    problems.push(`stack trace or source path in ${text.slice(0, 300)}`)
  }
  const head = request.method.toUpperCase() === 'HEAD'
  if (ok4xx && seamErrors && !head) {
    const error = seamErrorOf(text)
    if (typeof error === 'string') problems.push(error)
    else {
      const field = request.offending
      if (
        namingTypes.includes(error.type) &&
        field !== undefined &&
        !names(error.message, field)
      ) {
        problems.push(
          `${status} ${error.type} does not name ${JSON.stringify(field)}: ${error.message}`,
        )
      }
    }
  }
  return problems
}

/**
 * Watches the databases for changes a refused request must not make. The
 * sandbox: no row inserted, updated or deleted (SQLite's `total_changes()`
 * on the store's only connection, which counts every row a statement
 * writes). The audit log: records of refused calls are added as `failed`,
 * and nothing else changes.
 */
export class RecordGuard {
  private readonly sandboxWrites: () => number
  private readonly audit:
    | {
        last: () => string
        since: (id: string) => string[]
        open: () => number
      }
    | undefined
  private mark = { sandbox: 0, lastAuditId: '', openAudit: 0 }

  constructor(sandbox: SandboxStore, audit?: AuditStore) {
    const writes = sandbox.db.prepare('SELECT total_changes()').pluck()
    this.sandboxWrites = () => writes.get() as number
    if (audit) {
      const last = audit.db
        .prepare("SELECT coalesce(max(audit_id), '') FROM audit_records")
        .pluck()
      const since = audit.db
        .prepare('SELECT outcome FROM audit_records WHERE audit_id > ?')
        .pluck()
      const open = audit.db
        .prepare("SELECT count(*) FROM audit_records WHERE outcome <> 'failed'")
        .pluck()
      this.audit = {
        last: () => last.get() as string,
        since: (id) => since.all(id) as string[],
        open: () => open.get() as number,
      }
    }
  }

  /** Call before each request. */
  before(): void {
    this.mark = {
      sandbox: this.sandboxWrites(),
      lastAuditId: this.audit?.last() ?? '',
      openAudit: this.audit?.open() ?? 0,
    }
  }

  /** What the request changed that a refused request must not. */
  changesOfRefused(): string[] {
    const problems: string[] = []
    const written = this.sandboxWrites() - this.mark.sandbox
    if (written !== 0) problems.push(`${written} sandbox rows written`)
    if (this.audit) {
      const added = this.audit.since(this.mark.lastAuditId)
      const other = added.filter((outcome) => outcome !== 'failed')
      if (other.length > 0) {
        problems.push(`audit records added as ${other.join(', ')}`)
      }
      if (this.audit.open() - other.length !== this.mark.openAudit) {
        problems.push('an audit record was completed')
      }
    }
    return problems
  }
}

/** The seeded sandbox's ids, keys and metadata, for valid bodies. */
export function seededWorld(store: SandboxStore): SeededWorld {
  const accounts = store.listAccounts({}, null, 100_000)
  const column = (sql: string) =>
    store.db.prepare(sql).pluck().all() as string[]
  return {
    accountIds: accounts.map((a) => a.connected_account_id),
    customerKeys: column('SELECT customer_key FROM customers'),
    customerIds: column('SELECT customer_id FROM customers'),
    userIdentifierKeys: [
      ...new Set(
        accounts.flatMap((a) =>
          a.user_identifier_key === null ? [] : [a.user_identifier_key],
        ),
      ),
    ],
    webviewIds: column('SELECT connect_webview_id FROM connect_webviews'),
    metadataPairs: accounts.flatMap((a) =>
      Object.entries(a.custom_metadata).map(
        ([key, value]) => [key, value] as const,
      ),
    ),
  }
}

/** Counts answers by status class, to show the generators reach each outcome. */
export class Tally {
  private readonly counts = new Map<string, number>()

  add(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1)
  }

  count(label: string): number {
    return this.counts.get(label) ?? 0
  }

  toString(): string {
    return [...this.counts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([label, n]) => `${label}: ${n}`)
      .join(', ')
  }
}

/** The property runner every file uses: 1,000 runs, failures shrunk and replayable. */
async function assertProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => Promise<void>,
  runs = RUNS,
): Promise<void> {
  await fc.assert(fc.asyncProperty(arbitrary, check), {
    numRuns: runs,
  })
}

/** Where `probe` sends requests, and what it watches while they run. */
export interface ProbeTarget {
  /** `http://host[:port]`: requests go to this origin. */
  origin: string
  send: (request: Request) => Promise<Response> | Response
  guard: RecordGuard
  /** The server's log lines so far; an error logged during a request is a problem. */
  logs: readonly string[]
}

/**
 * Sends one request and returns the answer with everything wrong about it:
 * the checks of `problemsOf` (errors under /api/ in Seam's shape), records
 * a refused request changed, and errors the server logged meanwhile.
 */
export async function probe(
  target: ProbeTarget,
  request: FuzzRequest,
  expectations: Partial<Expectations> = {},
): Promise<{ answer: Answer; problems: string[] }> {
  const logged = target.logs.length
  const sent = toRequest(target.origin, request)
  target.guard.before()
  const answer = await answerWithin(
    () => target.send(sent),
    describeRequest(request),
  )
  const problems = problemsOf(answer, request, {
    seamErrors: new URL(sent.url).pathname.startsWith('/api/'),
    ...expectations,
  })
  if (answer.status >= 400) problems.push(...target.guard.changesOfRefused())
  for (const line of target.logs.slice(logged)) {
    if (line.includes('"level":"error"')) {
      problems.push(`logged an error: ${line.slice(0, 300)}`)
    }
  }
  return { answer, problems }
}

export interface CheckOptions {
  expectations?: Partial<Expectations>
  /** More checks of each answer, returning what is wrong with it. */
  also?: (request: FuzzRequest, answer: Answer) => string[]
  runs?: number
}

/**
 * The property every route is held to: each generated request gets an
 * answer `probe` finds nothing wrong with. Returns how they were answered.
 */
export async function checkAnswers(
  target: ProbeTarget,
  requests: fc.Arbitrary<FuzzRequest>,
  { expectations = {}, also = () => [], runs = RUNS }: CheckOptions = {},
): Promise<Tally> {
  const tally = new Tally()
  await assertProperty(
    requests,
    async (request) => {
      const { answer, problems } = await probe(target, request, expectations)
      tally.add(`${Math.floor(answer.status / 100)}xx`)
      tally.add(String(answer.status))
      expect(
        [...problems, ...also(request, answer)],
        describeRequest(request),
      ).toEqual([])
    },
    runs,
  )
  return tally
}

/**
 * The generators reached each kind of answer at least this often, so the
 * checks were exercised on it (`2xx`, `4xx`, or a status such as `404`).
 */
export function expectReached(
  tally: Tally,
  minimums: Record<string, number>,
): void {
  for (const [label, minimum] of Object.entries(minimums)) {
    expect(
      tally.count(label),
      `${label} in ${tally.toString()}`,
    ).toBeGreaterThanOrEqual(minimum)
  }
}
