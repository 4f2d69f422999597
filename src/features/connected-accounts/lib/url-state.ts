import type { ListConnectedAccountsParams } from '../api/list-connected-accounts'
import {
  type AccountColumnId,
  HIDEABLE_COLUMN_IDS,
  SORTABLE_COLUMN_IDS,
} from './column-ids'
import {
  formatMetadataPair,
  type MetadataPair,
  parseMetadataPair,
  toCustomMetadataHas,
  withMetadataPair,
} from './metadata-filter'

export const PAGE_SIZES = [25, 50, 100] as const
export type PageSize = (typeof PAGE_SIZES)[number]

export interface SortState {
  id: AccountColumnId
  desc: boolean
}

/** Everything that decides what the accounts screen shows. */
export interface AccountsViewState {
  search: string
  customerKey: string
  customerIds: string[]
  userIdentifierKey: string
  metadata: MetadataPair[]
  pageSize: PageSize
  /** 1-based. Above 1 only together with the cursor that starts the page. */
  page: number
  cursor: string | null
  /** Client-side order of the loaded page; null keeps the API's (newest first). */
  sort: SortState | null
  /** Null when the link does not say: the stored preference applies. */
  hiddenColumns: AccountColumnId[] | null
}

export const DEFAULT_PAGE_SIZE: PageSize = 25

export const defaultViewState: AccountsViewState = {
  search: '',
  customerKey: '',
  customerIds: [],
  userIdentifierKey: '',
  metadata: [],
  pageSize: DEFAULT_PAGE_SIZE,
  page: 1,
  cursor: null,
  sort: null,
  hiddenColumns: null,
}

/** Query-string names, in the order they are written. */
export const PARAM = {
  search: 'q',
  customerKey: 'customer_key',
  customerIds: 'customer_ids',
  userIdentifierKey: 'user_identifier_key',
  metadata: 'meta',
  pageSize: 'size',
  page: 'page',
  cursor: 'cursor',
  sort: 'sort',
  hiddenColumns: 'hide',
} as const

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const isUuid = (value: string): boolean => UUID.test(value)

/** Splits a list typed or pasted by hand: commas, spaces or new lines. */
export function splitList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)]

function parsePageSize(value: string | null): PageSize {
  const size = Number(value)
  return PAGE_SIZES.find((allowed) => allowed === size) ?? DEFAULT_PAGE_SIZE
}

function parsePage(value: string | null): number {
  if (value === null || !/^\d{1,6}$/.test(value)) return 1
  const page = Number(value)
  return page >= 1 ? page : 1
}

function parseSort(value: string | null): SortState | null {
  if (!value) return null
  const desc = value.startsWith('-')
  const id = desc ? value.slice(1) : value
  const column = SORTABLE_COLUMN_IDS.find((allowed) => allowed === id)
  return column ? { id: column, desc } : null
}

function parseHiddenColumns(value: string | null): AccountColumnId[] | null {
  if (value === null) return null
  const ids = new Set(splitList(value))
  return HIDEABLE_COLUMN_IDS.filter((id) => ids.has(id))
}

/** Reads a query string; anything malformed falls back to its default. */
export function parseViewState(params: URLSearchParams): AccountsViewState {
  let metadata: MetadataPair[] = []
  for (const raw of params.getAll(PARAM.metadata)) {
    const parsed = parseMetadataPair(raw)
    if (parsed.ok) metadata = withMetadataPair(metadata, parsed.pair)
  }
  const page = parsePage(params.get(PARAM.page))
  const cursor = params.get(PARAM.cursor) || null
  // A page number without its cursor (or the reverse) cannot be fetched.
  const onLaterPage = page > 1 && cursor !== null
  return {
    search: (params.get(PARAM.search) ?? '').trim(),
    customerKey: (params.get(PARAM.customerKey) ?? '').trim(),
    customerIds: unique(
      splitList(params.get(PARAM.customerIds) ?? '').filter(isUuid),
    ),
    userIdentifierKey: (params.get(PARAM.userIdentifierKey) ?? '').trim(),
    metadata,
    pageSize: parsePageSize(params.get(PARAM.pageSize)),
    page: onLaterPage ? page : 1,
    cursor: onLaterPage ? cursor : null,
    sort: parseSort(params.get(PARAM.sort)),
    hiddenColumns: parseHiddenColumns(params.get(PARAM.hiddenColumns)),
  }
}

/** Writes only what differs from the defaults, in a fixed order. */
export function serializeViewState(state: AccountsViewState): URLSearchParams {
  const params = new URLSearchParams()
  const search = state.search.trim()
  if (search) params.set(PARAM.search, search)
  if (state.customerKey) params.set(PARAM.customerKey, state.customerKey)
  if (state.customerIds.length > 0) {
    params.set(PARAM.customerIds, state.customerIds.join(','))
  }
  if (state.userIdentifierKey) {
    params.set(PARAM.userIdentifierKey, state.userIdentifierKey)
  }
  for (const pair of state.metadata) {
    params.append(PARAM.metadata, formatMetadataPair(pair))
  }
  if (state.pageSize !== DEFAULT_PAGE_SIZE) {
    params.set(PARAM.pageSize, String(state.pageSize))
  }
  if (state.page > 1 && state.cursor) {
    params.set(PARAM.page, String(state.page))
    params.set(PARAM.cursor, state.cursor)
  }
  if (state.sort) {
    params.set(PARAM.sort, `${state.sort.desc ? '-' : ''}${state.sort.id}`)
  }
  if (state.hiddenColumns !== null) {
    params.set(PARAM.hiddenColumns, state.hiddenColumns.join(','))
  }
  return params
}

/** The filters the API applies: what a cursor is bound to. */
export type AccountsQuery = Pick<
  AccountsViewState,
  'search' | 'customerKey' | 'customerIds' | 'userIdentifierKey' | 'metadata'
>

export function hasFilters(state: AccountsQuery): boolean {
  return (
    state.search !== '' ||
    state.customerKey !== '' ||
    state.customerIds.length > 0 ||
    state.userIdentifierKey !== '' ||
    state.metadata.length > 0
  )
}

/** A new search or filter starts again from the first page. */
export function withQuery(
  state: AccountsViewState,
  query: Partial<AccountsQuery>,
): AccountsViewState {
  return { ...state, ...query, page: 1, cursor: null }
}

export function withoutFilters(state: AccountsViewState): AccountsViewState {
  return withQuery(state, {
    search: '',
    customerKey: '',
    customerIds: [],
    userIdentifierKey: '',
    metadata: [],
  })
}

/** The list call for a view: only set parameters, so equal views share a cache entry. */
export function toListParams(
  state: AccountsViewState,
): ListConnectedAccountsParams {
  const search = state.search.trim()
  return {
    ...(search ? { search } : {}),
    ...(state.customerKey ? { customer_key: state.customerKey } : {}),
    ...(state.customerIds.length > 0
      ? { customer_ids: [...state.customerIds] }
      : {}),
    ...(state.userIdentifierKey
      ? { user_identifier_key: state.userIdentifierKey }
      : {}),
    ...(state.metadata.length > 0
      ? { custom_metadata_has: toCustomMetadataHas(state.metadata) }
      : {}),
    limit: state.pageSize,
    ...(state.cursor ? { page_cursor: state.cursor } : {}),
  }
}
