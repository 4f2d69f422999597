import { describe, expect, it } from 'vitest'

import { decodeKeysetCursor, encodeKeysetCursor, queryDigest } from './cursor'

const secret = 'test-secret'
const position = {
  created_at: '2026-01-01T00:00:00.000Z',
  id: 'abc',
}

describe('cursor', () => {
  it('round-trips a position for the same query', () => {
    const query = queryDigest({ search: 'a', customer_ids: ['2', '1'] })
    const cursor = encodeKeysetCursor(secret, position, query)
    expect(decodeKeysetCursor(secret, cursor, query)).toEqual(position)
  })

  it('binds to the query regardless of key and id order, ignoring undefined', () => {
    expect(queryDigest({ a: 1, ids: ['x', 'y'], none: undefined })).toBe(
      queryDigest({ ids: ['y', 'x'], a: 1 }),
    )
    expect(queryDigest({ a: 1 })).not.toBe(queryDigest({ a: 2 }))
  })

  it('rejects another query, another secret and a tampered body', () => {
    const query = queryDigest({ search: 'a' })
    const cursor = encodeKeysetCursor(secret, position, query)
    expect(() =>
      decodeKeysetCursor(secret, cursor, queryDigest({ search: 'b' })),
    ).toThrow(/different query/)
    expect(() => decodeKeysetCursor('other', cursor, query)).toThrow(
      /page_cursor is malformed/,
    )
    const [body = '', signature = ''] = cursor.split('.')
    const forged = Buffer.from(
      JSON.stringify(['2099-01-01T00:00:00.000Z', 'zzz', query]),
    ).toString('base64url')
    expect(() =>
      decodeKeysetCursor(secret, `${forged}.${signature}`, query),
    ).toThrow(/malformed/)
    expect(() => decodeKeysetCursor(secret, `${body}.`, query)).toThrow(
      /malformed/,
    )
  })
})
