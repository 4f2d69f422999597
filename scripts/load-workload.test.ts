import type { Request } from 'autocannon'
import { describe, expect, it } from 'vitest'

import type { LoadFixture } from './load-workload'
import {
  bodyMaker,
  LatencyByKind,
  LOAD_ROTATION,
  loadRequests,
  rotationFrom,
} from './load-workload'

const fixture: LoadFixture = {
  limit: 25,
  accountIds: ['a1', 'a2', 'a3'],
  cursors: ['c1', 'c2'],
  searchHit: 'Lobby',
  searchMiss: 'nothing-here',
}

describe('bodyMaker', () => {
  it('sends the page size on every list call, a cursor on deeper pages', () => {
    const body = bodyMaker(fixture)
    expect(body('list')).toEqual({ limit: 25 })
    expect(body('list-deep')).toEqual({ limit: 25, page_cursor: 'c1' })
    expect(body('list-deep')).toEqual({ limit: 25, page_cursor: 'c2' })
    expect(body('list-deep')).toEqual({ limit: 25, page_cursor: 'c1' })
    expect(body('search-hit')).toEqual({ limit: 25, search: 'Lobby' })
    expect(body('search-miss')).toEqual({ limit: 25, search: 'nothing-here' })
  })

  it('takes turns on the accounts for opening and editing, each edit new', () => {
    const body = bodyMaker(fixture)
    expect(body('get')).toEqual({ connected_account_id: 'a1' })
    expect(body('update')).toEqual({
      connected_account_id: 'a2',
      custom_metadata: { load_test_edit: '1' },
    })
    expect(body('get')).toEqual({ connected_account_id: 'a3' })
    expect(body('update')).toEqual({
      connected_account_id: 'a1',
      custom_metadata: { load_test_edit: '2' },
    })
  })

  it('refuses a fixture with nothing to rotate on', () => {
    expect(() => bodyMaker({ ...fixture, cursors: [] })).toThrow(
      'the load fixture has no page cursors',
    )
    expect(() => bodyMaker({ ...fixture, accountIds: [] })).toThrow(
      'the load fixture has no account ids',
    )
  })
})

describe('rotationFrom', () => {
  it('starts each connection one step further, wrapping around', () => {
    const steps = ['a', 'b', 'c']
    expect(rotationFrom(steps, 0)).toEqual(['a', 'b', 'c'])
    expect(rotationFrom(steps, 1)).toEqual(['b', 'c', 'a'])
    expect(rotationFrom(steps, 5)).toEqual(['c', 'a', 'b'])
    expect(steps).toEqual(['a', 'b', 'c'])
  })
})

describe('loadRequests', () => {
  it('has one request per step of the rotation, each building its own body', () => {
    const latency = new LatencyByKind()
    const headers = { 'content-type': 'application/json' }
    const requests = loadRequests(fixture, headers, latency)
    expect(requests.map((r) => r.path)).toEqual(
      LOAD_ROTATION.map((kind) =>
        kind === 'get' || kind === 'update'
          ? `/api/connected_accounts/${kind}`
          : '/api/connected_accounts/list',
      ),
    )
    const built = requests.map((request) => {
      if (typeof request.setupRequest !== 'function')
        throw new Error('no setupRequest')
      const next: Request = request.setupRequest(request, {})
      return {
        method: next.method,
        body: JSON.parse(String(next.body)) as unknown,
      }
    })
    expect(built.every((b) => b.method === 'POST')).toBe(true)
    expect(built[1]?.body).toEqual({ connected_account_id: 'a1' })
    expect(built[2]?.body).toEqual({ limit: 25, page_cursor: 'c1' })
    expect(built[5]?.body).toMatchObject({ connected_account_id: 'a3' })
  })

  it('attributes each latency to the kind of call it answered', () => {
    const latency = new LatencyByKind()
    const requests = loadRequests(fixture, {}, latency)
    const answer = (index: number, status: number, ms: number) => {
      const onResponse = requests[index]?.onResponse
      if (typeof onResponse !== 'function') throw new Error('no onResponse')
      onResponse(status, '{}', {}, {})
      latency.record(ms)
    }
    answer(0, 200, 3)
    answer(1, 200, 1)
    answer(4, 404, 2)
    answer(5, 200, 9)
    expect(latency.latencies('list')).toEqual([3])
    expect(latency.latencies('get')).toEqual([1, 2])
    expect(latency.latencies('update')).toEqual([9])
    expect(latency.latencies().sort()).toEqual([1, 2, 3, 9])
    expect(latency.non2xx('get')).toBe(1)
    expect(latency.non2xx('list')).toBe(0)
    expect(latency.kinds()).toEqual([
      'list',
      'get',
      'list-deep',
      'search-hit',
      'update',
      'search-miss',
    ])
  })

  it('refuses a latency that no answer announced', () => {
    const latency = new LatencyByKind()
    expect(() => {
      latency.record(1)
    }).toThrow('a latency arrived for no request')
  })
})
