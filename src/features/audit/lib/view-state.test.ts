import { describe, expect, it } from 'vitest'

import {
  auditCursorKey,
  defaultAuditView,
  emptyAuditFilters,
  hasAuditFilters,
  parseAuditView,
  serializeAuditView,
  toAuditListParams,
  toAuditQuery,
  withAuditFilters,
} from './view-state'

const parse = (query: string) => parseAuditView(new URLSearchParams(query))

/** Local midnight of a day, as the API receives it. */
const localIso = (year: number, month: number, day: number, ms = 0) =>
  new Date(new Date(year, month - 1, day).getTime() + ms).toISOString()

describe('parseAuditView', () => {
  it('reads every filter and the page', () => {
    expect(
      parse(
        'actor=dana%40example.com&account=acc_1&action=connected_accounts%2Fdelete&outcome=failed&from=2026-03-01&to=2026-03-31&size=50&page=3&cursor=c3',
      ),
    ).toEqual({
      actor: 'dana@example.com',
      account: 'acc_1',
      action: 'connected_accounts/delete',
      outcome: 'failed',
      from: '2026-03-01',
      to: '2026-03-31',
      pageSize: 50,
      page: 3,
      cursor: 'c3',
    })
  })

  it('drops what is malformed', () => {
    expect(
      parse(
        'actor=%20%20&action=rm+-rf&outcome=maybe&from=2026-02-31&to=yesterday&size=7&page=2',
      ),
    ).toEqual(defaultAuditView)
    expect(parse('cursor=c2').page).toBe(1)
    expect(parse('cursor=c2').cursor).toBeNull()
  })

  it('round-trips through serializeAuditView, writing only what is set', () => {
    const view = {
      ...defaultAuditView,
      actor: 'dana',
      outcome: 'succeeded' as const,
      from: '2026-01-05',
      page: 2,
      cursor: 'c2',
    }
    const params = serializeAuditView(view)
    expect(params.toString()).toBe(
      'actor=dana&outcome=succeeded&from=2026-01-05&page=2&cursor=c2',
    )
    expect(parseAuditView(params)).toEqual(view)
    expect(serializeAuditView(defaultAuditView).toString()).toBe('')
  })
})

describe('toAuditQuery', () => {
  it('sends only set filters, dates as whole local days', () => {
    expect(toAuditQuery(emptyAuditFilters)).toEqual({})
    expect(
      toAuditQuery({
        actor: ' dana ',
        account: 'acc_1',
        action: 'connected_accounts/update',
        outcome: 'failed',
        from: '2026-01-05',
        to: '2026-01-06',
      }),
    ).toEqual({
      actor: 'dana',
      connected_account_id: 'acc_1',
      action: 'connected_accounts/update',
      outcome: 'failed',
      from: localIso(2026, 1, 5),
      // The last millisecond of the 6th: the whole day is included.
      to: localIso(2026, 1, 7, -1),
    })
  })

  it('adds the page size and cursor for the list', () => {
    expect(
      toAuditListParams({ ...defaultAuditView, page: 2, cursor: 'c2' }),
    ).toEqual({ limit: 25, cursor: 'c2' })
  })
})

describe('filters and cursors', () => {
  it('starts new filters on the first page', () => {
    const next = withAuditFilters(
      { ...defaultAuditView, page: 4, cursor: 'c4', pageSize: 100 },
      { ...emptyAuditFilters, actor: 'dana' },
    )
    expect(next).toEqual({ ...defaultAuditView, actor: 'dana', pageSize: 100 })
    expect(hasAuditFilters(next)).toBe(true)
    expect(hasAuditFilters(defaultAuditView)).toBe(false)
  })

  it('keys remembered cursors by filters and page size, not by page', () => {
    const key = auditCursorKey(defaultAuditView)
    expect(auditCursorKey({ ...defaultAuditView, page: 3, cursor: 'x' })).toBe(
      key,
    )
    expect(auditCursorKey({ ...defaultAuditView, actor: 'dana' })).not.toBe(key)
    expect(auditCursorKey({ ...defaultAuditView, pageSize: 50 })).not.toBe(key)
  })
})
