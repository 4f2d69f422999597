import { randomUUID } from 'node:crypto'

import type { SeamEvent } from '@seamapi/types/connect'
import { schemas } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

import type { SeamBody, TestSandbox } from '../test-sandbox'
import { startTestSandbox } from '../test-sandbox'

const eventListSchema = z.array(schemas.seam_event)

const EPOCH = '1970-01-01T00:00:00.000Z'

let t: TestSandbox
/** Every seeded event, newest first. */
let all: SeamEvent[]

beforeEach(async () => {
  t = startTestSandbox()
  all = await listEvents({ since: EPOCH, limit: 10_000 })
  // 60 accounts with at least three events each, well under the default limit of 500.
  expect(all.length).toBeGreaterThan(180)
  expect(all.length).toBeLessThan(500)
})

afterEach(() => {
  t.cleanup()
})

async function listEvents(
  params: Record<string, unknown>,
): Promise<SeamEvent[]> {
  const response = await t.call('/events/list', params)
  expect(response.status).toBe(200)
  expect(response.body.ok).toBe(true)
  return eventListSchema.parse(response.body.events)
}

function expectInvalidInput(
  response: { status: number; body: SeamBody },
  field: string,
): void {
  expect(response.status).toBe(400)
  expect(response.body.ok).toBe(false)
  expect(response.body.error?.type).toBe('invalid_input')
  expect(response.body.error?.message).toContain(field)
}

function nth(index: number): SeamEvent {
  const event = all[index]
  if (!event) throw new Error(`No event at ${index}`)
  return event
}

const ids = (events: SeamEvent[]): string[] => events.map((e) => e.event_id)

const accountIdOf = (event: SeamEvent): string | undefined =>
  'connected_account_id' in event ? event.connected_account_id : undefined

describe('/events/list: required window', () => {
  it('answers 400 naming since when neither since nor between is given', async () => {
    const response = await t.call('/events/list', {})

    expectInvalidInput(response, 'since')
    expect(response.body.error?.validation_errors).toEqual({
      since: ['since or between is required'],
    })
  })

  it('answers 400 naming since for a timestamp that cannot be read', async () => {
    const response = await t.call('/events/list', { since: 'yesterday-ish' })

    expectInvalidInput(response, 'since')
  })

  it('answers 400 naming between when it does not hold two timestamps', async () => {
    const response = await t.call('/events/list', { between: [EPOCH] })

    expectInvalidInput(response, 'between')
  })
})

describe('/events/list: order and shape', () => {
  it('lists newest first', () => {
    const times = all.map((e) => Date.parse(e.created_at))

    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('stamps every event with the workspace and occurred_at equal to created_at', () => {
    for (const event of all) {
      expect(event.workspace_id).toBe(t.sandbox.store.workspaceId)
      expect(event.occurred_at).toBe(event.created_at)
    }
    expect(new Set(ids(all)).size).toBe(all.length)
  })
})

describe('/events/list: filters', () => {
  it('filters by connected_account_id', async () => {
    const accountId = accountIdOf(nth(10))
    const expected = all.filter((e) => accountIdOf(e) === accountId)
    expect(expected.length).toBeGreaterThanOrEqual(3)

    const events = await listEvents({
      since: EPOCH,
      connected_account_id: accountId,
    })

    expect(events).toEqual(expected)
  })

  it('filters by one event_type', async () => {
    const events = await listEvents({
      since: EPOCH,
      event_type: 'connected_account.created',
    })

    expect(events).toEqual(
      all.filter((e) => e.event_type === 'connected_account.created'),
    )
    expect(events).toHaveLength(60)
  })

  it('filters by several event_types', async () => {
    const types = [
      'connected_account.disconnected',
      'connected_account.reauthorization_requested',
    ]
    const expected = all.filter((e) => types.includes(e.event_type))
    expect(new Set(expected.map((e) => e.event_type)).size).toBe(2)

    const events = await listEvents({ since: EPOCH, event_types: types })

    expect(events).toEqual(expected)
  })

  it('treats since as inclusive', async () => {
    const pivot = nth(40)

    const events = await listEvents({ since: pivot.created_at })

    expect(ids(events)).toContain(pivot.event_id)
    expect(events).toEqual(all.filter((e) => e.created_at >= pivot.created_at))
    expect(events).toHaveLength(41)
  })

  it('treats both ends of between as exclusive', async () => {
    const newer = nth(20)
    const older = nth(30)

    const events = await listEvents({
      between: [older.created_at, newer.created_at],
    })

    expect(ids(events)).not.toContain(older.event_id)
    expect(ids(events)).not.toContain(newer.event_id)
    expect(events).toEqual(all.slice(21, 30))
  })

  it('reads timestamps in other offsets and precisions', async () => {
    const pivot = nth(40)
    const shifted = new Date(pivot.created_at)
      .toISOString()
      .replace('Z', '000+00:00')

    const events = await listEvents({ since: shifted })

    expect(events).toEqual(all.slice(0, 41))
  })

  it('returns one event with limit 1', async () => {
    const events = await listEvents({ since: EPOCH, limit: 1 })

    expect(events).toEqual([nth(0)])
  })

  it('accepts limit 10000', async () => {
    expect(await listEvents({ since: EPOCH, limit: 10_000 })).toEqual(all)
  })

  it('answers 400 naming limit for 0 and for 10001', async () => {
    expectInvalidInput(
      await t.call('/events/list', { since: EPOCH, limit: 0 }),
      'limit',
    )
    expectInvalidInput(
      await t.call('/events/list', { since: EPOCH, limit: 10_001 }),
      'limit',
    )
  })

  it('returns 500 events by default', async () => {
    const big = startTestSandbox({ accounts: 200 })
    try {
      const everything = await big.call('/events/list', {
        since: EPOCH,
        limit: 10_000,
      })
      const firstPage = await big.call('/events/list', { since: EPOCH })

      const allEvents = eventListSchema.parse(everything.body.events)
      expect(allEvents.length).toBeGreaterThan(500)
      expect(firstPage.status).toBe(200)
      expect(eventListSchema.parse(firstPage.body.events)).toEqual(
        allEvents.slice(0, 500),
      )
    } finally {
      big.cleanup()
    }
  })

  it('skips unstable_offset events', async () => {
    const events = await listEvents({
      since: EPOCH,
      limit: 10,
      unstable_offset: 5,
    })

    expect(events).toEqual(all.slice(5, 15))
  })

  it('filters by customer_key', async () => {
    const customerKey = 'cust_harbor_lofts'
    const accountIds = new Set(
      t.sandbox.store
        .listAccounts({ customer_key: customerKey }, null, 1000)
        .map((a) => a.connected_account_id),
    )
    expect(accountIds.size).toBeGreaterThan(0)

    const events = await listEvents({
      since: EPOCH,
      customer_key: customerKey,
    })

    expect(events).toEqual(
      all.filter((e) => accountIds.has(accountIdOf(e) ?? '')),
    )
  })

  it('filters by event_ids, newest first', async () => {
    const wanted = [nth(50), nth(3), nth(120)]

    const events = await listEvents({
      since: EPOCH,
      event_ids: ids(wanted),
    })

    expect(events).toEqual([nth(3), nth(50), nth(120)])
  })

  it('combines filters', async () => {
    const accountId = accountIdOf(nth(0))

    const events = await listEvents({
      since: EPOCH,
      connected_account_id: accountId,
      event_type: 'connected_account.created',
    })

    expect(events).toEqual(
      all.filter(
        (e) =>
          accountIdOf(e) === accountId &&
          e.event_type === 'connected_account.created',
      ),
    )
    expect(events).toHaveLength(1)
  })

  it('returns no event for a filter on a resource this sandbox has no events for', async () => {
    const events = await listEvents({ since: EPOCH, device_id: randomUUID() })
    const listed = await listEvents({
      since: EPOCH,
      access_code_ids: [randomUUID()],
    })

    expect(events).toEqual([])
    expect(listed).toEqual([])
  })

  it('answers 400 naming an unknown filter', async () => {
    expectInvalidInput(
      await t.call('/events/list', { since: EPOCH, colour: 'blue' }),
      'colour',
    )
  })
})

describe('GET /events/list', () => {
  it('reads the query string, with repeated event_types', async () => {
    const expected = all.filter(
      (e) =>
        e.event_type === 'connected_account.created' ||
        e.event_type === 'connected_account.completed_first_sync',
    )
    const query = new URLSearchParams([
      ['since', EPOCH],
      ['event_types', 'connected_account.created'],
      ['event_types', 'connected_account.completed_first_sync'],
      ['limit', '200'],
    ])

    const response = await t.call('/events/list', undefined, {
      query: query.toString(),
    })

    expect(response.status).toBe(200)
    expect(eventListSchema.parse(response.body.events)).toEqual(expected)
    expect(expected).toHaveLength(120)
  })

  it('reads between as two repeated keys', async () => {
    const newer = nth(20)
    const older = nth(30)
    const query = new URLSearchParams([
      ['between', older.created_at],
      ['between', newer.created_at],
    ])

    const response = await t.call('/events/list', undefined, {
      query: query.toString(),
    })

    expect(response.status).toBe(200)
    expect(eventListSchema.parse(response.body.events)).toEqual(
      all.slice(21, 30),
    )
  })

  it('answers 400 naming since for a bad timestamp in the query string', async () => {
    const response = await t.call('/events/list', undefined, {
      query: 'since=not-a-time',
    })

    expectInvalidInput(response, 'since')
  })
})
