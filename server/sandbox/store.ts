import { randomBytes, randomUUID } from 'node:crypto'

import type {
  ConnectedAccount,
  ConnectedAccountError,
  ConnectedAccountWarning,
  ConnectWebview,
  Device,
  SeamEvent,
} from '@seamapi/types/connect'
import type { Statement } from 'better-sqlite3'

import type { Db } from './db'
import { getMeta } from './db'
import type { DeviceType } from './device-catalog'
import { deviceLineOf } from './device-catalog'
import { SqlWhere } from './sql-where'

export type ConnectedAccountEvent = Extract<
  SeamEvent,
  { event_type: `connected_account.${string}` }
>
export type ConnectedAccountEventType = ConnectedAccountEvent['event_type']
export type CustomMetadata = ConnectedAccount['custom_metadata']
export type UserIdentifier = NonNullable<ConnectedAccount['user_identifier']>
export type ProblemCode =
  ConnectedAccountError['error_code'] | ConnectedAccountWarning['warning_code']

/** A connected account as stored: Seam's object plus the fields only the sandbox knows. */
export interface StoredAccount {
  connected_account_id: string
  created_at: string
  account_type: string
  account_type_display_name: string
  display_name: string
  customer_key: string | null
  user_identifier_key: string | null
  user_identifier: UserIdentifier | null
  custom_metadata: CustomMetadata
  errors: ConnectedAccountError[]
  warnings: ConnectedAccountWarning[]
  /** Problems a re-sync with the provider clears; the others stay. */
  transient_codes: ProblemCode[]
  automatically_manage_new_devices: boolean
  accepted_capabilities: ConnectedAccount['accepted_capabilities']
}

interface AccountRow {
  seq: number
  connected_account_id: string
  created_at: string
  account_type: string
  account_type_display_name: string
  display_name: string
  customer_key: string | null
  user_identifier_key: string | null
  user_identifier: string | null
  custom_metadata: string
  errors: string
  warnings: string
  transient_codes: string
  automatically_manage_new_devices: number
  accepted_capabilities: string
}

export interface ListFilter {
  search?: string | undefined
  customer_key?: string | undefined
  customer_ids?: readonly string[] | undefined
  user_identifier_key?: string | undefined
  custom_metadata_has?: CustomMetadata | undefined
}

export interface ListPosition {
  created_at: string
  connected_account_id: string
}

export interface EventFilter {
  connected_account_id?: string | undefined
  connect_webview_id?: string | undefined
  customer_key?: string | undefined
  event_types?: readonly string[] | undefined
  event_ids?: readonly string[] | undefined
  /** Inclusive lower bound. */
  since?: string | undefined
  /** Exclusive bounds. */
  after?: string | undefined
  before?: string | undefined
  limit: number
  offset: number
}

export interface AccountPatch {
  custom_metadata?: CustomMetadata
  display_name?: string
  automatically_manage_new_devices?: boolean
  accepted_capabilities?: ConnectedAccount['accepted_capabilities']
  customer_key?: string
}

export type DeviceError = Device['errors'][number]
export type DeviceWarning = Device['warnings'][number]

/** A device as stored: Seam's own fields. Its line and its account supply the rest when read. */
export interface StoredDevice {
  device_id: string
  connected_account_id: string
  device_type: DeviceType
  display_name: string
  created_at: string
  properties: Device['properties']
  location: Device['location']
  errors: DeviceError[]
  warnings: DeviceWarning[]
  custom_metadata: Device['custom_metadata']
}

/** A stored device with what it takes from its connected account. */
export interface ListedDevice extends StoredDevice {
  account_type: string
  account_type_display_name: string
  account_errors: ConnectedAccountError[]
}

interface DeviceRow {
  device_id: string
  connected_account_id: string
  device_type: string
  display_name: string
  created_at: string
  properties: string
  location: string | null
  errors: string
  warnings: string
  custom_metadata: string
  account_type: string
  account_type_display_name: string
  account_errors: string
}

/** Every filter given must match (AND); a list filter matches any of its values. */
export interface DeviceFilter {
  connected_account_id?: string | undefined
  connected_account_ids?: readonly string[] | undefined
  customer_key?: string | undefined
  device_ids?: readonly string[] | undefined
  device_type?: string | undefined
  device_types?: readonly string[] | undefined
}

export interface DevicePosition {
  created_at: string
  device_id: string
}

/** A Connect Webview as stored; its url is built from the base URL when read. */
export interface StoredConnectWebview extends Omit<
  ConnectWebview,
  'url' | 'workspace_id'
> {
  auth_token: string
}

export type NewConnectWebview = Omit<
  StoredConnectWebview,
  'connect_webview_id' | 'created_at' | 'auth_token'
>

interface ConnectWebviewRow {
  connect_webview_id: string
  created_at: string
  auth_token: string
  body: string
}

const parse = (json: string): unknown => JSON.parse(json)

/** The text `search` matches against: every field Seam searches, plus display_name. */
export function searchTextOf(account: StoredAccount): string {
  const parts = [
    account.connected_account_id,
    account.account_type,
    account.display_name,
    account.customer_key ?? '',
    account.user_identifier?.username ?? '',
    account.user_identifier?.email ?? '',
    account.user_identifier?.phone ?? '',
  ]
  for (const [key, value] of Object.entries(account.custom_metadata)) {
    parts.push(key, String(value))
  }
  // A control character between fields keeps a match from spanning two of them.
  return parts.join('\u001f').toLowerCase()
}

const toStored = (row: AccountRow): StoredAccount => ({
  connected_account_id: row.connected_account_id,
  created_at: row.created_at,
  account_type: row.account_type,
  account_type_display_name: row.account_type_display_name,
  display_name: row.display_name,
  customer_key: row.customer_key,
  user_identifier_key: row.user_identifier_key,
  user_identifier:
    row.user_identifier === null
      ? null
      : (parse(row.user_identifier) as UserIdentifier),
  custom_metadata: parse(row.custom_metadata) as CustomMetadata,
  errors: parse(row.errors) as ConnectedAccountError[],
  warnings: parse(row.warnings) as ConnectedAccountWarning[],
  transient_codes: parse(row.transient_codes) as ProblemCode[],
  automatically_manage_new_devices: row.automatically_manage_new_devices === 1,
  accepted_capabilities: parse(
    row.accepted_capabilities,
  ) as ConnectedAccount['accepted_capabilities'],
})

/** Seam's public shape of a stored account. */
export function toConnectedAccount(
  account: StoredAccount,
  imageBaseUrl: string | undefined,
): ConnectedAccount {
  return {
    connected_account_id: account.connected_account_id,
    created_at: account.created_at,
    ...(account.user_identifier
      ? { user_identifier: account.user_identifier }
      : {}),
    account_type: account.account_type,
    account_type_display_name: account.account_type_display_name,
    ...(imageBaseUrl
      ? {
          image_url: `${imageBaseUrl}/assets/logos/${encodeURIComponent(account.account_type)}.svg`,
        }
      : {}),
    display_name: account.display_name,
    errors: account.errors,
    warnings: account.warnings,
    custom_metadata: account.custom_metadata,
    automatically_manage_new_devices: account.automatically_manage_new_devices,
    ...(account.customer_key === null
      ? {}
      : { customer_key: account.customer_key }),
    accepted_capabilities: account.accepted_capabilities,
  }
}

const toListedDevice = (row: DeviceRow): ListedDevice => ({
  device_id: row.device_id,
  connected_account_id: row.connected_account_id,
  device_type: row.device_type as DeviceType,
  display_name: row.display_name,
  created_at: row.created_at,
  properties: parse(row.properties) as Device['properties'],
  location:
    row.location === null ? null : (parse(row.location) as Device['location']),
  errors: parse(row.errors) as DeviceError[],
  warnings: parse(row.warnings) as DeviceWarning[],
  custom_metadata: parse(row.custom_metadata) as Device['custom_metadata'],
  account_type: row.account_type,
  account_type_display_name: row.account_type_display_name,
  account_errors: parse(row.account_errors) as ConnectedAccountError[],
})

/** Seam's public shape of a device: its account's errors come first, as on Seam. */
export function toDevice(
  device: ListedDevice,
  workspaceId: string,
  imageBaseUrl: string | undefined,
): Device {
  const line = deviceLineOf(device.device_type)
  // Seam lists the account's errors on each of its devices, marked as not the
  // device's own; the device schema requires is_device_error on some of them.
  const accountErrors = device.account_errors.map(
    (error) => ({ ...error, is_device_error: false }) as DeviceError,
  )
  return {
    device_id: device.device_id,
    device_type: device.device_type,
    space_ids: [],
    display_name: device.display_name,
    capabilities_supported: [...line.capabilities_supported],
    properties: device.properties,
    location: device.location,
    connected_account_id: device.connected_account_id,
    workspace_id: workspaceId,
    errors: [...accountErrors, ...device.errors],
    warnings: device.warnings,
    created_at: device.created_at,
    is_managed: true,
    custom_metadata: device.custom_metadata,
    device_provider: {
      provider_category: 'stable',
      device_provider_name: device.account_type,
      display_name: device.account_type_display_name,
      ...(imageBaseUrl
        ? {
            image_url: `${imageBaseUrl}/assets/logos/${encodeURIComponent(device.account_type)}.svg`,
          }
        : {}),
    },
    device_manufacturer: {
      manufacturer: line.manufacturer,
      display_name: line.manufacturer_display_name,
    },
    ...line.flags,
  }
}

/** Seam's public shape of a Connect Webview. */
export function toConnectWebview(
  webview: StoredConnectWebview,
  workspaceId: string,
  baseUrl: string,
): ConnectWebview {
  const { auth_token, ...fields } = webview
  const query = new URLSearchParams({
    connect_webview_id: webview.connect_webview_id,
    auth_token,
  })
  return {
    ...fields,
    workspace_id: workspaceId,
    url: `${baseUrl}/connect_webviews/view?${query.toString()}`,
  }
}

/** Rows tried in order before a search falls back to the trigram index. */
const SEARCH_RECENT_WINDOW = 2_000
/**
 * Up to this many trigram matches are read and sorted; past it, the list
 * order is walked instead and stops once the page is full, since reading
 * thousands of rows to sort them costs more than skipping non-matches.
 */
const SEARCH_SORT_MAX = 500

const ftsPhrase = (text: string): string => `"${text.replaceAll('"', '""')}"`

export class SandboxStore {
  readonly workspaceId: string
  readonly cursorSecret: string
  private readonly now: () => Date
  private readonly statements = new Map<string, Statement>()

  /** Prepared once per distinct SQL text: preparing dominates the cost of small queries. */
  private sql(text: string): Statement {
    let statement = this.statements.get(text)
    if (!statement) {
      statement = this.db.prepare(text)
      this.statements.set(text, statement)
    }
    return statement
  }

  constructor(
    readonly db: Db,
    { now = () => new Date() }: { now?: () => Date } = {},
  ) {
    this.now = now
    const workspaceId = getMeta(db, 'workspace_id')
    const cursorSecret = getMeta(db, 'cursor_secret')
    if (!workspaceId || !cursorSecret) {
      throw new Error(
        'The sandbox database has no workspace: start with --reset to recreate it.',
      )
    }
    this.workspaceId = workspaceId
    this.cursorSecret = cursorSecret
  }

  countAccounts(): number {
    return this.sql('SELECT count(*) FROM connected_accounts')
      .pluck()
      .get() as number
  }

  customerKeysForIds(customerIds: readonly string[]): string[] {
    if (customerIds.length === 0) return []
    return this.sql(
      `SELECT customer_key FROM customers WHERE customer_id IN (SELECT value FROM json_each(?))`,
    )
      .pluck()
      .all(JSON.stringify(customerIds)) as string[]
  }

  /** Newest first; returns up to `limit` accounts strictly after `after` in that order. */
  listAccounts(
    filter: ListFilter,
    after: ListPosition | null,
    limit: number,
  ): StoredAccount[] {
    const where = new SqlWhere()
      .eq('ca.customer_key', filter.customer_key)
      .eq('ca.user_identifier_key', filter.user_identifier_key)
    if (filter.customer_ids !== undefined) {
      where.add(
        `ca.customer_key IN (SELECT customer_key FROM customers WHERE customer_id IN (SELECT value FROM json_each(?)))`,
        JSON.stringify(filter.customer_ids),
      )
    }
    for (const [key, value] of Object.entries(
      filter.custom_metadata_has ?? {},
    )) {
      where.add(
        'ca.seq IN (SELECT seq FROM account_metadata WHERE key = ? AND value = ?)',
        key,
        JSON.stringify(value),
      )
    }
    if (after) {
      where.add(
        '(ca.created_at, ca.connected_account_id) < (?, ?)',
        after.created_at,
        after.connected_account_id,
      )
    }
    const order = 'ORDER BY ca.created_at DESC, ca.connected_account_id DESC'
    const run = (sql: string, args: unknown[]): StoredAccount[] =>
      (this.sql(sql).all(...args) as AccountRow[]).map(toStored)

    if (filter.search === undefined) {
      return run(
        `SELECT ca.* FROM connected_accounts ca ${where.toString()} ${order} LIMIT ?`,
        [...where.params, limit],
      )
    }
    const needle = filter.search.toLowerCase()
    const matches = 'instr(ca.search_text, ?) > 0'
    if (Array.from(needle).length >= 3) {
      // A common word fills the page from the newest rows at once; only a rarer
      // one needs the trigram index, whose candidate set is then small.
      const recent = run(
        `SELECT ca.* FROM (SELECT * FROM connected_accounts ca ${where.toString()} ${order} LIMIT ${SEARCH_RECENT_WINDOW}) ca
         WHERE ${matches} ${order} LIMIT ?`,
        [...where.params, needle, limit],
      )
      if (recent.length >= limit) return recent
      const phrase = ftsPhrase(needle)
      const candidates = this.sql(
        `SELECT count(*) FROM (SELECT rowid FROM connected_accounts_search WHERE connected_accounts_search MATCH ? LIMIT ${SEARCH_SORT_MAX + 1})`,
      )
        .pluck()
        .get(phrase) as number
      // `+` keeps SQLite from looking the matches up by rowid, so it walks an
      // index in list order instead.
      const seq = candidates > SEARCH_SORT_MAX ? '+ca.seq' : 'ca.seq'
      const indexed = where
        .and(
          `${seq} IN (SELECT rowid FROM connected_accounts_search WHERE connected_accounts_search MATCH ?)`,
          phrase,
        )
        .and(matches, needle)
      return run(
        `SELECT ca.* FROM connected_accounts ca ${indexed.toString()} ${order} LIMIT ?`,
        [...indexed.params, limit],
      )
    }
    // The trigram index needs three characters; one or two match so often that the scan stops early.
    const scanned = where.and(matches, needle)
    return run(
      `SELECT ca.* FROM connected_accounts ca ${scanned.toString()} ${order} LIMIT ?`,
      [...scanned.params, limit],
    )
  }

  getAccount(connectedAccountId: string): StoredAccount | undefined {
    const row = this.sql(
      'SELECT * FROM connected_accounts WHERE connected_account_id = ?',
    ).get(connectedAccountId) as AccountRow | undefined
    return row && toStored(row)
  }

  getAccountByEmail(email: string): StoredAccount | undefined {
    const row = this.sql(
      'SELECT * FROM connected_accounts WHERE email = ? ORDER BY created_at DESC, connected_account_id DESC LIMIT 1',
    ).get(email.toLowerCase()) as AccountRow | undefined
    return row && toStored(row)
  }

  /** Inserts without events: the seed writes its own history. */
  insertAccount(account: StoredAccount): void {
    const result = this.sql(
      `INSERT INTO connected_accounts (
          connected_account_id, created_at, account_type, account_type_display_name, display_name,
          customer_key, user_identifier_key, user_identifier, email, custom_metadata, errors, warnings,
          transient_codes, automatically_manage_new_devices, accepted_capabilities, search_text
        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      account.connected_account_id,
      account.created_at,
      account.account_type,
      account.account_type_display_name,
      account.display_name,
      account.customer_key,
      account.user_identifier_key,
      account.user_identifier === null
        ? null
        : JSON.stringify(account.user_identifier),
      account.user_identifier?.email?.toLowerCase() ?? null,
      JSON.stringify(account.custom_metadata),
      JSON.stringify(account.errors),
      JSON.stringify(account.warnings),
      JSON.stringify(account.transient_codes),
      account.automatically_manage_new_devices ? 1 : 0,
      JSON.stringify(account.accepted_capabilities),
      searchTextOf(account),
    )
    this.writeMetadataIndex(
      Number(result.lastInsertRowid),
      account.custom_metadata,
    )
  }

  insertCustomer(customer: {
    customer_id: string
    customer_key: string
    name: string
  }): void {
    this.sql(
      'INSERT INTO customers (customer_id, customer_key, name) VALUES (?, ?, ?)',
    ).run(customer.customer_id, customer.customer_key, customer.name)
  }

  private writeMetadataIndex(seq: number, metadata: CustomMetadata): void {
    this.sql('DELETE FROM account_metadata WHERE seq = ?').run(seq)
    const insert = this.sql(
      'INSERT INTO account_metadata (key, value, seq) VALUES (?, ?, ?)',
    )
    for (const [key, value] of Object.entries(metadata)) {
      insert.run(key, JSON.stringify(value), seq)
    }
  }

  private saveAccount(account: StoredAccount): void {
    const seq = this.sql(
      `UPDATE connected_accounts SET
          display_name = ?, customer_key = ?, custom_metadata = ?, errors = ?, warnings = ?,
          transient_codes = ?, automatically_manage_new_devices = ?, accepted_capabilities = ?,
          search_text = ?
        WHERE connected_account_id = ? RETURNING seq`,
    )
      .pluck()
      .get(
        account.display_name,
        account.customer_key,
        JSON.stringify(account.custom_metadata),
        JSON.stringify(account.errors),
        JSON.stringify(account.warnings),
        JSON.stringify(account.transient_codes),
        account.automatically_manage_new_devices ? 1 : 0,
        JSON.stringify(account.accepted_capabilities),
        searchTextOf(account),
        account.connected_account_id,
      ) as number
    this.writeMetadataIndex(seq, account.custom_metadata)
  }

  private ensureCustomer(customerKey: string): void {
    this.sql(
      'INSERT INTO customers (customer_id, customer_key, name) VALUES (?, ?, ?) ON CONFLICT (customer_key) DO NOTHING',
    ).run(randomUUID(), customerKey, customerKey)
  }

  /** Applies a validated patch in one transaction; undefined when the account does not exist. */
  updateAccount(
    connectedAccountId: string,
    patch: AccountPatch,
  ): StoredAccount | undefined {
    return this.db.transaction(() => {
      const account = this.getAccount(connectedAccountId)
      if (!account) return undefined
      const updated: StoredAccount = { ...account, ...patch }
      if (patch.customer_key !== undefined)
        this.ensureCustomer(patch.customer_key)
      this.saveAccount(updated)
      return updated
    })()
  }

  deleteAccount(connectedAccountId: string): boolean {
    return this.db.transaction(() => {
      const account = this.getAccount(connectedAccountId)
      if (!account) return false
      // Its devices go with it: devices.connected_account_id cascades.
      this.sql(
        'DELETE FROM connected_accounts WHERE connected_account_id = ?',
      ).run(connectedAccountId)
      this.appendEvent(account, {
        event_type: 'connected_account.deleted',
        connected_account_type: account.account_type,
        ...(account.customer_key === null
          ? {}
          : { customer_key: account.customer_key }),
      })
      return true
    })()
  }

  /**
   * What a provider re-sync does: problems marked transient clear, the rest
   * stay. Returns false when the account no longer exists.
   */
  applySync(connectedAccountId: string): boolean {
    return this.db.transaction(() => {
      const account = this.getAccount(connectedAccountId)
      if (!account) return false
      const transient = new Set<string>(account.transient_codes)
      const errors = account.errors.filter((e) => !transient.has(e.error_code))
      const warnings = account.warnings.filter(
        (w) => !transient.has(w.warning_code),
      )
      const wasDisconnected = account.errors.some(
        (e) => e.error_code === 'account_disconnected',
      )
      const isDisconnected = errors.some(
        (e) => e.error_code === 'account_disconnected',
      )
      this.saveAccount({ ...account, errors, warnings, transient_codes: [] })
      if (wasDisconnected && !isDisconnected) {
        this.appendEvent(account, {
          event_type: 'connected_account.connected',
          ...(account.customer_key === null
            ? {}
            : { customer_key: account.customer_key }),
        })
        this.appendEvent(account, {
          event_type:
            'connected_account.completed_first_sync_after_reconnection',
        })
      }
      return true
    })()
  }

  /** Marks the account disconnected as a provider would; a later sync reconnects it. */
  simulateDisconnect(connectedAccountId: string): boolean {
    return this.db.transaction(() => {
      const account = this.getAccount(connectedAccountId)
      if (!account) return false
      if (account.errors.some((e) => e.error_code === 'account_disconnected'))
        return true
      const error: ConnectedAccountError = {
        error_code: 'account_disconnected',
        message: 'Account Disconnected',
        created_at: this.now().toISOString(),
        is_connected_account_error: true,
        is_bridge_error: false,
      }
      const updated: StoredAccount = {
        ...account,
        errors: [error, ...account.errors],
        transient_codes: [
          ...new Set([
            ...account.transient_codes,
            'account_disconnected' as const,
          ]),
        ],
      }
      this.saveAccount(updated)
      this.appendEvent(updated, {
        event_type: 'connected_account.disconnected',
        connected_account_errors: updated.errors,
      })
      return true
    })()
  }

  /** Appends a `connected_account.*` event for the account, stamped now unless `at` is given. */
  appendEvent(
    account: Pick<
      StoredAccount,
      'connected_account_id' | 'custom_metadata' | 'customer_key'
    >,
    fields: DistributiveOmit<ConnectedAccountEvent, CommonEventField>,
    at: string = this.now().toISOString(),
    eventId: string = randomUUID(),
  ): void {
    // The columns hold what every event shares; the body keeps only the rest.
    const body: EventBody = {
      ...fields,
      connected_account_custom_metadata: account.custom_metadata,
    }
    this.sql(
      `INSERT INTO events (event_id, event_type, connected_account_id, connect_webview_id, customer_key, created_at, body)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      eventId,
      fields.event_type,
      account.connected_account_id,
      'connect_webview_id' in fields
        ? (fields.connect_webview_id ?? null)
        : null,
      account.customer_key,
      at,
      JSON.stringify(body),
    )
  }

  /** Newest first; returns up to `limit` devices strictly after `after` in that order. */
  listDevices(
    filter: DeviceFilter,
    after: DevicePosition | null,
    limit: number,
  ): ListedDevice[] {
    const where = new SqlWhere()
      .eq('d.connected_account_id', filter.connected_account_id)
      .oneOf('d.connected_account_id', filter.connected_account_ids)
      .eq('ca.customer_key', filter.customer_key)
      .oneOf('d.device_id', filter.device_ids)
      .eq('d.device_type', filter.device_type)
      .oneOf('d.device_type', filter.device_types)
    if (after) {
      where.add(
        '(d.created_at, d.device_id) < (?, ?)',
        after.created_at,
        after.device_id,
      )
    }
    const sql = `SELECT d.*, ca.account_type, ca.account_type_display_name, ca.errors AS account_errors
      FROM devices d JOIN connected_accounts ca ON ca.connected_account_id = d.connected_account_id
      ${where.toString()}
      ORDER BY d.created_at DESC, d.device_id DESC LIMIT ?`
    return (this.sql(sql).all(...where.params, limit) as DeviceRow[]).map(
      toListedDevice,
    )
  }

  countDevices(): number {
    return this.sql('SELECT count(*) FROM devices').pluck().get() as number
  }

  /** Inserts a device of an existing account (the seed's devices). */
  insertDevice(device: StoredDevice): void {
    this.sql(
      `INSERT INTO devices (
          device_id, connected_account_id, device_type, display_name, created_at,
          properties, location, errors, warnings, custom_metadata
        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      device.device_id,
      device.connected_account_id,
      device.device_type,
      device.display_name,
      device.created_at,
      JSON.stringify(device.properties),
      device.location === null ? null : JSON.stringify(device.location),
      JSON.stringify(device.errors),
      JSON.stringify(device.warnings),
      JSON.stringify(device.custom_metadata),
    )
  }

  /** Records a new Connect Webview, pending until a user completes it. */
  createConnectWebview(fields: NewConnectWebview): StoredConnectWebview {
    const webview: StoredConnectWebview = {
      connect_webview_id: randomUUID(),
      created_at: this.now().toISOString(),
      ...fields,
      auth_token: randomBytes(24).toString('base64url'),
    }
    const { connect_webview_id, created_at, auth_token, ...body } = webview
    this.sql(
      `INSERT INTO connect_webviews (connect_webview_id, created_at, auth_token, body)
       VALUES (?, ?, ?, ?)`,
    ).run(connect_webview_id, created_at, auth_token, JSON.stringify(body))
    return webview
  }

  getConnectWebview(
    connectWebviewId: string,
  ): StoredConnectWebview | undefined {
    const row = this.sql(
      'SELECT * FROM connect_webviews WHERE connect_webview_id = ?',
    ).get(connectWebviewId) as ConnectWebviewRow | undefined
    if (!row) return undefined
    return {
      ...(parse(row.body) as NewConnectWebview),
      connect_webview_id: row.connect_webview_id,
      created_at: row.created_at,
      auth_token: row.auth_token,
    }
  }

  listEvents(filter: EventFilter): ConnectedAccountEvent[] {
    const where = new SqlWhere()
      .eq('connected_account_id', filter.connected_account_id)
      .eq('connect_webview_id', filter.connect_webview_id)
      .eq('customer_key', filter.customer_key)
      .oneOf('event_type', filter.event_types)
      .oneOf('event_id', filter.event_ids)
    if (filter.since !== undefined) where.add('created_at >= ?', filter.since)
    if (filter.after !== undefined) where.add('created_at > ?', filter.after)
    if (filter.before !== undefined) where.add('created_at < ?', filter.before)
    const sql = `SELECT event_id, connected_account_id, created_at, body FROM events
      ${where.toString()}
      ORDER BY created_at DESC, seq DESC LIMIT ? OFFSET ?`
    const rows = this.sql(sql).all(
      ...where.params,
      filter.limit,
      filter.offset,
    ) as EventRow[]
    return rows.map((row) => ({
      event_id: row.event_id,
      workspace_id: this.workspaceId,
      created_at: row.created_at,
      occurred_at: row.created_at,
      connected_account_id: row.connected_account_id,
      ...(parse(row.body) as EventBody),
    }))
  }
}

type CommonEventField =
  | 'event_id'
  | 'workspace_id'
  | 'created_at'
  | 'occurred_at'
  | 'connected_account_id'
  | 'connected_account_custom_metadata'

type EventBody = DistributiveOmit<
  ConnectedAccountEvent,
  Exclude<CommonEventField, 'connected_account_custom_metadata'>
>

interface EventRow {
  event_id: string
  connected_account_id: string
  created_at: string
  body: string
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown
  ? Omit<T, K>
  : never
