import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { AuditStore } from '../audit/store'
import { openAuditStore } from '../audit/store'
import type { TestSandbox } from '../sandbox/test-sandbox'
import { startTestSandbox } from '../sandbox/test-sandbox'
import type { FuzzRequest } from './arbitraries'
import { answerWithin, problemsOf, RecordGuard } from './fuzz'

const request: FuzzRequest = {
  method: 'POST',
  path: '/api/connected_accounts/list',
  headers: {},
  offending: 'limit',
}

const answer = (status: number, body: unknown) => ({
  status,
  headers: new Headers(),
  text: typeof body === 'string' ? body : JSON.stringify(body),
})

const seamError = (type: string, message: string) => ({
  error: { type, message, request_id: 'req_1' },
  ok: false,
})

describe('problemsOf: what the properties refuse', () => {
  const api = { seamErrors: true }

  it('passes a 2xx and a Seam 4xx naming the field at fault', () => {
    expect(problemsOf(answer(200, { ok: true }), request, api)).toEqual([])
    expect(
      problemsOf(
        answer(400, seamError('invalid_input', 'Invalid input: limit: x')),
        request,
        api,
      ),
    ).toEqual([])
  })

  it.each([
    ['a 5xx', answer(500, seamError('internal_server_error', 'x')), 'status'],
    ['a redirect where none is expected', answer(302, ''), 'status'],
    ['a 4xx that is not JSON', answer(404, 'Not found'), 'not JSON'],
    ['a 4xx without ok: false', answer(404, { error: {} }), 'not { ok'],
    [
      'a 400 that names another field',
      answer(400, seamError('invalid_input', 'Invalid input: search: x')),
      'does not name "limit"',
    ],
    [
      'a stack trace',
      answer(
        400,
        seamError(
          'invalid_input',
          'limit\n    at parse (/srv/app/server/params.ts:12:5)',
        ),
      ),
      'stack trace',
    ],
    [
      'a stack in the error',
      answer(400, {
        error: { type: 'x', message: 'limit', request_id: 'r', stack: 's' },
        ok: false,
      }),
      'error.stack',
    ],
  ])('refuses %s', (_name, given, problem) => {
    expect(problemsOf(given, request, api).join(' ')).toContain(problem)
  })

  it('lets pages answer 4xx in plain text, and sign-in routes redirect', () => {
    const page = { seamErrors: false, redirects: true }
    expect(problemsOf(answer(404, 'Not found'), request, page)).toEqual([])
    expect(problemsOf(answer(302, ''), request, page)).toEqual([])
  })
})

describe('answerWithin', () => {
  it('fails an answer that never comes', async () => {
    await expect(
      answerWithin(() => new Promise<Response>(() => undefined), 'hang', 50),
    ).rejects.toThrow('no complete answer within 50 ms: hang')
  })
})

describe('RecordGuard', () => {
  let t: TestSandbox
  let audit: AuditStore
  let guard: RecordGuard
  beforeEach(() => {
    t = startTestSandbox({ accounts: 2 })
    audit = openAuditStore(':memory:')
    guard = new RecordGuard(t.sandbox.store, audit)
    guard.before()
  })
  afterEach(() => {
    audit.close()
    t.cleanup()
  })

  const entry = {
    receivedAt: Date.now(),
    actor: { id: 'local', email: null, name: 'Local user' },
    role: 'admin' as const,
    via: 'dashboard' as const,
    origin: null,
    action: 'connected_accounts/sync' as const,
    connectedAccountId: null,
    changes: null,
    requestId: 'req_1',
  }

  it('lets a refused call add a failed audit record, and nothing else', () => {
    audit.record(entry, {
      outcome: 'failed',
      status: 403,
      errorType: 'forbidden',
      completedAt: Date.now(),
    })
    expect(guard.changesOfRefused()).toEqual([])
  })

  it('catches a sandbox row written, even to the same value', () => {
    t.sandbox.store.db
      .prepare('UPDATE meta SET value = value WHERE key = ?')
      .run('workspace_id')
    expect(guard.changesOfRefused()).toEqual(['1 sandbox rows written'])
  })

  it('catches an audit record that is pending or succeeded', () => {
    audit.begin(entry)
    expect(guard.changesOfRefused()).toEqual(['audit records added as pending'])
  })
})
