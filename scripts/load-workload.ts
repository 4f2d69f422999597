/**
 * The mixed workload of the load test: what the dashboard asks its server for
 * while people page, search, open and edit accounts, in a fixed rotation, and
 * the latency of each kind of call.
 */
import type { Request } from 'autocannon'

export type LoadKind =
  'list' | 'list-deep' | 'search-hit' | 'search-miss' | 'get' | 'update'

/** Each connection walks this rotation; opening an account is the commonest call. */
export const LOAD_ROTATION: readonly LoadKind[] = [
  'list',
  'get',
  'list-deep',
  'search-hit',
  'get',
  'update',
  'search-miss',
  'get',
]

/** What the rotation needs from the sandbox, read before the run. */
export interface LoadFixture {
  /** Page size, as the dashboard's accounts table asks for. */
  limit: number
  /** Accounts to open and edit. */
  accountIds: readonly string[]
  /** `next_page_cursor`s of pages after the first. */
  cursors: readonly string[]
  /** A search term that finds accounts, and one that finds none. */
  searchHit: string
  searchMiss: string
}

const PATHS: Record<LoadKind, string> = {
  list: '/api/connected_accounts/list',
  'list-deep': '/api/connected_accounts/list',
  'search-hit': '/api/connected_accounts/list',
  'search-miss': '/api/connected_accounts/list',
  get: '/api/connected_accounts/get',
  update: '/api/connected_accounts/update',
}

/** Round-robin over a fixture list; throws at once when it is empty. */
function cycle<T>(items: readonly T[], name: string): () => T {
  if (items.length === 0) throw new Error(`the load fixture has no ${name}`)
  let next = 0
  return () => {
    const item = items[next % items.length] as T
    next += 1
    return item
  }
}

/** The JSON body of each call, the ids and cursors taking turns across all connections. */
export function bodyMaker(fixture: LoadFixture): (kind: LoadKind) => unknown {
  const nextId = cycle(fixture.accountIds, 'account ids')
  const nextCursor = cycle(fixture.cursors, 'page cursors')
  let edits = 0
  const { limit } = fixture
  return (kind) => {
    switch (kind) {
      case 'list':
        return { limit }
      case 'list-deep':
        return { limit, page_cursor: nextCursor() }
      case 'search-hit':
        return { limit, search: fixture.searchHit }
      case 'search-miss':
        return { limit, search: fixture.searchMiss }
      case 'get':
        return { connected_account_id: nextId() }
      case 'update':
        edits += 1
        return {
          connected_account_id: nextId(),
          custom_metadata: { load_test_edit: String(edits) },
        }
    }
  }
}

/**
 * The rotation for the n-th connection, starting at its own step: connections
 * opened together would otherwise all ask for the same kind of call at once.
 */
export function rotationFrom<T>(steps: readonly T[], connection: number): T[] {
  const start = connection % steps.length
  return [...steps.slice(start), ...steps.slice(0, start)]
}

/** The latency of every answer, by kind of call; a kind is known from the request it answers. */
export class LatencyByKind {
  private readonly samples = new Map<LoadKind, number[]>()
  private readonly failures = new Map<LoadKind, number>()
  private answering: LoadKind | undefined

  /** autocannon calls a request's onResponse just before it reports the answer's latency. */
  answered(kind: LoadKind, status: number): void {
    this.answering = kind
    if (status < 200 || status > 299)
      this.failures.set(kind, (this.failures.get(kind) ?? 0) + 1)
  }

  record(latencyMs: number): void {
    const kind = this.answering
    if (kind === undefined) throw new Error('a latency arrived for no request')
    this.answering = undefined
    const list = this.samples.get(kind) ?? []
    list.push(latencyMs)
    this.samples.set(kind, list)
  }

  kinds(): LoadKind[] {
    return LOAD_ROTATION.filter(
      (kind, index) => LOAD_ROTATION.indexOf(kind) === index,
    )
  }

  latencies(kind?: LoadKind): number[] {
    if (kind !== undefined) return this.samples.get(kind) ?? []
    return [...this.samples.values()].flat()
  }

  non2xx(kind: LoadKind): number {
    return this.failures.get(kind) ?? 0
  }
}

/**
 * autocannon requests for the rotation: each sets its own body, so every
 * connection sends a different account, cursor or edit.
 */
export function loadRequests(
  fixture: LoadFixture,
  headers: Record<string, string>,
  latency: LatencyByKind,
): Request[] {
  const bodyFor = bodyMaker(fixture)
  return LOAD_ROTATION.map((kind) => ({
    method: 'POST',
    path: PATHS[kind],
    headers,
    setupRequest: (request: Request) => ({
      ...request,
      body: JSON.stringify(bodyFor(kind)),
    }),
    onResponse: (status: number) => {
      latency.answered(kind, status)
    },
  }))
}
