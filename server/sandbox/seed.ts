import type {
  ConnectedAccountError,
  ConnectedAccountWarning,
} from '@seamapi/types/connect'

import type { Db } from './db'
import { setMeta } from './db'
import type { DeviceLine } from './device-catalog'
import { deviceLines } from './device-catalog'
import type { HostileField } from './hostile-strings'
import { HOSTILE_STRINGS, hostileValue } from './hostile-strings'
import type { Provider } from './providers'
import { providers } from './providers'
import type { Random } from './random'
import { createRandom } from './random'
import type {
  CustomMetadata,
  DeviceError,
  DeviceWarning,
  ProblemCode,
  StoredAccount,
  StoredDevice,
  UserIdentifier,
} from './store'
import { SandboxStore } from './store'

/** `realistic`: a plausible workspace. `hostile`: the same, with every string field the UI shows holding a payload of `HOSTILE_STRINGS`. */
export const SANDBOX_DATASETS = ['realistic', 'hostile'] as const
export type SandboxDataset = (typeof SANDBOX_DATASETS)[number]

export interface SeedOptions {
  accounts: number
  seed: number
  /** The moment the workspace's history ends; timestamps spread over the two years before it. */
  now: Date
  /** Default `realistic`. */
  dataset?: SandboxDataset
}

const DAY = 86_400_000

const customerNames = [
  'Harbor Lofts',
  'Juniper Stays',
  'Acme Property Group',
  'Northwind Rentals',
  'Bluebird Vacation Homes',
  'Cedar & Pine Apartments',
  'Sunset Coast Hospitality',
  'Maple Street Co-living',
  'Granite Peak Offices',
  'Lumen Student Housing',
]

const firstNames = [
  'jane',
  'omar',
  'li',
  'sofia',
  'mateo',
  'amara',
  'noah',
  'priya',
  'lucas',
  'yuki',
  'elena',
  'kwame',
  'ana',
  'david',
  'fatima',
  'jonas',
  'mei',
  'carlos',
  'ines',
  'sam',
]
const lastNames = [
  'doe',
  'haddad',
  'wei',
  'rossi',
  'garcia',
  'okafor',
  'smith',
  'patel',
  'martin',
  'tanaka',
  'novak',
  'mensah',
  'silva',
  'cohen',
  'rahman',
  'berg',
  'chen',
  'lopez',
  'moreau',
  'kim',
]
const emailDomains = [
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'icloud.com',
  'example.com',
]
const spaces = [
  'Front desk',
  'Main entrance',
  'Unit 4B',
  'Leasing office',
  'Garage',
  'Pool gate',
]
const regions = ['us-east', 'us-west', 'eu-central', 'apac']
const pmsNames = ['guesty', 'hostaway', 'yardi', 'entrata', 'cloudbeds']

/** Strings a careless UI would execute or break on; they must render as plain text. */
const hostileDisplayNames = [
  '<script>alert("display_name")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(document.domain)>',
  `Lobby ${'and the very long corridor that never ends '.repeat(6)}`.slice(
    0,
    255,
  ),
  '\u202eFront desk\u202c – مكتب الاستقبال',
  'דלת ראשית · Main door',
  '🏖️ Beach House 🌊🔑',
  "{{constructor.constructor('alert(1)')()}}",
  'javascript:alert(1)',
  'Zero\u200bwidth\u200bjoiner\u200dname',
]

type SiteBand = 'over' | 'almost' | 'healthy'
interface Site {
  site_id: string
  site_name: string
  customer_index: number
  site_user_subscription_limit: number
  subscribed_site_user_count: number
  band: SiteBand
}

// Fixed so that every seed has sites over, near and under their limits.
const siteBands: SiteBand[] = [
  'over',
  'almost',
  'healthy',
  'almost',
  'over',
  'healthy',
  'almost',
]

function makeSites(random: Random): Site[] {
  const sites: Site[] = []
  customerNames.forEach((customer, customerIndex) => {
    const buildings =
      customerIndex % 3 === 0 ? ['Building A', 'Building B'] : ['Main site']
    for (const building of buildings) {
      const band = siteBands[sites.length % siteBands.length] ?? 'healthy'
      const limit = random.pick([50, 100, 250, 500, 1000])
      const percent =
        band === 'over'
          ? random.int(100, 112)
          : band === 'almost'
            ? random.int(80, 99)
            : random.int(20, 75)
      sites.push({
        site_id: random.uuid(),
        site_name: `${customer} – ${building}`,
        customer_index: customerIndex,
        site_user_subscription_limit: limit,
        subscribed_site_user_count: Math.floor((limit * percent) / 100),
        band,
      })
    }
  })
  return sites
}

const siteMetadata = (site: Site) => ({
  site_id: site.site_id,
  site_name: site.site_name,
  site_user_subscription_limit: site.site_user_subscription_limit,
  subscribed_site_user_count: site.subscribed_site_user_count,
})

type Problem =
  | { kind: 'error'; value: ConnectedAccountError; transient: boolean }
  | { kind: 'warning'; value: ConnectedAccountWarning; transient: boolean }

type PlannedProblem =
  | 'account_disconnected'
  | 'bridge_disconnected'
  | 'salto_ks'
  | 'account_reauthorization_requested'
  | 'scheduled_maintenance_window'
  | 'unknown_issue_with_connected_account'

interface Plan {
  provider: Provider
  problems: PlannedProblem[]
  hostileName?: string
}

// The first accounts cover every provider and every problem code, however small the seed.
const coverage: { type: string; problems: PlannedProblem[] }[] = [
  { type: 'salto_ks', problems: ['salto_ks'] },
  { type: 'salto_ks', problems: ['salto_ks'] },
  { type: 'salto_space', problems: ['bridge_disconnected'] },
  { type: 'august', problems: ['account_disconnected'] },
  { type: 'schlage', problems: ['account_reauthorization_requested'] },
  { type: 'yale', problems: ['scheduled_maintenance_window'] },
  { type: 'kwikset', problems: ['unknown_issue_with_connected_account'] },
  {
    type: 'salto_ks',
    problems: ['salto_ks', 'unknown_issue_with_connected_account'],
  },
  ...providers.map((p) => ({ type: p.account_type, problems: [] })),
]

function pickProvider(random: Random): Provider {
  const total = providers.reduce((sum, p) => sum + p.weight, 0)
  let roll = random.next() * total
  for (const provider of providers) {
    roll -= provider.weight
    if (roll < 0) return provider
  }
  return providers[0] as Provider
}

function planAccount(index: number, random: Random): Plan {
  const covered = coverage[index]
  if (covered) {
    const provider = providers.find(
      (p) => p.account_type === covered.type,
    ) as Provider
    return { provider, problems: covered.problems }
  }
  const provider = pickProvider(random)
  const problems: PlannedProblem[] = []
  if (provider.account_type === 'salto_ks') problems.push('salto_ks')
  if (random.chance(0.14)) {
    const options: PlannedProblem[] = [
      'account_disconnected',
      'account_disconnected',
      'account_reauthorization_requested',
      'scheduled_maintenance_window',
      'unknown_issue_with_connected_account',
    ]
    if (provider.uses_bridge)
      options.push('bridge_disconnected', 'bridge_disconnected')
    problems.push(random.pick(options))
  }
  const hostileName =
    index >= coverage.length
      ? hostileDisplayNames[index - coverage.length]
      : undefined
  return {
    provider,
    problems,
    ...(hostileName === undefined ? {} : { hostileName }),
  }
}

const iso = (ms: number): string => new Date(ms).toISOString()

function buildProblem(
  planned: PlannedProblem,
  site: Site | undefined,
  at: string,
  random: Random,
): Problem | undefined {
  switch (planned) {
    case 'account_disconnected':
      return {
        kind: 'error',
        transient: random.chance(0.2),
        value: {
          error_code: 'account_disconnected',
          message:
            'The provider rejected the stored credentials: the account owner changed their password or revoked access.',
          created_at: at,
          is_connected_account_error: true,
          is_bridge_error: false,
        },
      }
    case 'bridge_disconnected':
      return {
        kind: 'error',
        transient: random.chance(0.5),
        value: {
          error_code: 'bridge_disconnected',
          message:
            'Seam cannot reach Seam Bridge: the Bridge service stopped or the computer running it is offline.',
          created_at: at,
          is_connected_account_error: false,
          is_bridge_error: true,
        },
      }
    case 'salto_ks': {
      if (!site || site.band === 'healthy') return undefined
      const {
        site_name,
        subscribed_site_user_count: count,
        site_user_subscription_limit: limit,
      } = site
      if (site.band === 'over') {
        return {
          kind: 'error',
          transient: false,
          value: {
            error_code: 'salto_ks_subscription_limit_exceeded',
            message: `Salto KS site "${site_name}" has ${count} subscribed users, at or over its limit of ${limit}. New access codes cannot be created.`,
            created_at: at,
            is_connected_account_error: true,
            is_bridge_error: false,
            salto_ks_metadata: { sites: [siteMetadata(site)] },
          },
        }
      }
      return {
        kind: 'warning',
        transient: false,
        value: {
          warning_code: 'salto_ks_subscription_limit_almost_reached',
          message: `Salto KS site "${site_name}" uses ${count} of its ${limit} subscribed users.`,
          created_at: at,
          salto_ks_metadata: { sites: [siteMetadata(site)] },
        },
      }
    }
    case 'account_reauthorization_requested':
      return {
        kind: 'warning',
        transient: false,
        value: {
          warning_code: 'account_reauthorization_requested',
          message:
            'The provider asks the account owner to sign in again through a new Connect Webview.',
          created_at: at,
        },
      }
    case 'scheduled_maintenance_window':
      return {
        kind: 'warning',
        transient: random.chance(0.3),
        value: {
          warning_code: 'scheduled_maintenance_window',
          message:
            'The provider has scheduled maintenance; the account may be unreachable for up to 2 hours.',
          created_at: at,
        },
      }
    case 'unknown_issue_with_connected_account':
      return {
        kind: 'warning',
        transient: random.chance(0.8),
        value: {
          warning_code: 'unknown_issue_with_connected_account',
          message:
            'An unknown issue occurred while syncing the account with the provider.',
          created_at: at,
        },
      }
  }
}

function makeMetadata(index: number, random: Random): CustomMetadata {
  if (!random.chance(0.85)) return {}
  const metadata: CustomMetadata = {
    internal_id: `acct_${String(index + 1).padStart(6, '0')}`,
  }
  if (random.chance(0.7)) metadata.property_id = `prop_${random.int(100, 999)}`
  if (random.chance(0.5)) metadata.region = random.pick(regions)
  if (random.chance(0.4)) metadata.pms = random.pick(pmsNames)
  if (random.chance(0.3)) metadata.is_vip = random.chance(0.3)
  if (random.chance(0.3)) metadata.onboarding_complete = random.chance(0.8)
  return metadata
}

interface Person {
  user_identifier_key: string
  first: string
  last: string
  number: number
}

function makeIdentity(
  person: Person,
  provider: Provider,
  random: Random,
): UserIdentifier {
  const identifier: UserIdentifier = {
    email: `${person.first}.${person.last}${person.number}@${random.pick(emailDomains)}`,
    exclusive: random.chance(0.9),
  }
  if (random.chance(0.45))
    identifier.phone = `+1555${String(random.int(0, 9_999_999)).padStart(7, '0')}`
  if (random.chance(0.35))
    identifier.username = `${person.first}_${person.last}${person.number}`
  if (provider.uses_bridge)
    identifier.api_url = 'https://bridge.example.com/api'
  return identifier
}

function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@')
  return `${local.slice(0, 1)}**${local.slice(-1)}@${domain}`
}

export function seedWorkspace(
  db: Db,
  { accounts, seed, now, dataset = 'realistic' }: SeedOptions,
): void {
  const random = createRandom(seed)
  // Devices draw from their own stream, so adding them left every account as it was.
  const deviceRandom = createRandom(seed ^ 0x5eed)
  // So do the hostile data set's own ids and sites.
  const hostile =
    dataset === 'hostile'
      ? new HostileWorkspace(createRandom(seed ^ 0xbad))
      : null
  setMeta(db, 'workspace_id', random.uuid())
  setMeta(db, 'seed', String(seed))
  if (hostile) setMeta(db, 'dataset', dataset)
  const store = new SandboxStore(db, { now: () => now })
  const nowMs = now.getTime()

  const customers = customerNames.map((name) => ({
    customer_id: random.uuid(),
    customer_key: `cust_${name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/_$/, '')}`,
    name,
  }))
  for (const customer of hostile?.customers ?? customers)
    store.insertCustomer(customer)
  const sites = makeSites(random)

  const people: Person[] = Array.from(
    { length: Math.max(1, Math.ceil(accounts / 3)) },
    () => ({
      user_identifier_key: random.uuid(),
      first: random.pick(firstNames),
      last: random.pick(lastNames),
      number: random.int(1, 99),
    }),
  )

  for (let index = 0; index < accounts; index++) {
    const plan = planAccount(index, random)
    const { provider } = plan
    const customerIndex = random.chance(0.9)
      ? random.int(0, customers.length - 1)
      : undefined
    const customer =
      customerIndex === undefined ? undefined : customers[customerIndex]
    const person = random.pick(people)
    const identifier = makeIdentity(person, provider, random)
    const createdMs = nowMs - random.int(2 * 60_000, 730 * DAY)
    const createdAt = iso(createdMs)
    const accountId = random.uuid()

    let site: Site | undefined
    if (plan.problems.includes('salto_ks')) {
      const ownSites = sites.filter((s) => s.customer_index === customerIndex)
      const wanted = index === 0 ? 'over' : index === 1 ? 'almost' : undefined
      const pool = sites.filter((s) =>
        wanted ? s.band === wanted : ownSites.includes(s),
      )
      site = random.pick(pool.length > 0 ? pool : sites)
    }

    const problems: Problem[] = []
    for (const planned of plan.problems) {
      // Most problems are recent; a few have lasted for months.
      const ageMs = random.chance(0.8)
        ? random.int(10 * 60_000, 30 * DAY)
        : random.int(30 * DAY, 180 * DAY)
      const at = iso(Math.max(createdMs + 3_600_000, nowMs - ageMs))
      const problem = buildProblem(planned, site, at, random)
      if (problem) problems.push(problem)
    }
    const errors = problems.flatMap((p) =>
      p.kind === 'error' ? [p.value] : [],
    )
    const warnings = problems.flatMap((p) =>
      p.kind === 'warning' ? [p.value] : [],
    )
    const transient = problems
      .filter((p) => p.transient)
      .map((p): ProblemCode =>
        p.kind === 'error' ? p.value.error_code : p.value.warning_code,
      )

    const displayRoll = random.next()
    const displayName =
      plan.hostileName ??
      (displayRoll < 0.55 || !customer
        ? maskEmail(identifier.email ?? 'owner@example.com')
        : displayRoll < 0.85
          ? `${customer.name} · ${random.pick(spaces)}`
          : (identifier.username ??
            maskEmail(identifier.email ?? 'owner@example.com')))

    const metadata = makeMetadata(index, random)
    if (plan.hostileName !== undefined)
      metadata.notes = '<b>bold</b> & <i>"quoted"</i>'

    const seeded: StoredAccount = {
      connected_account_id: accountId,
      created_at: createdAt,
      account_type: provider.account_type,
      account_type_display_name: provider.display_name,
      display_name: displayName,
      customer_key: customer?.customer_key ?? null,
      user_identifier_key: person.user_identifier_key,
      user_identifier: identifier,
      custom_metadata: metadata,
      errors,
      warnings,
      transient_codes: transient,
      automatically_manage_new_devices: random.chance(0.8),
      accepted_capabilities: [...provider.capabilities],
    }
    const account = hostile
      ? hostile.rewrite(seeded, { index, createdMs, nowMs })
      : seeded
    store.insertAccount(account)
    writeHistory(store, account, createdMs, nowMs, random)
    seedDevices(store, account, {
      createdMs,
      nowMs,
      random: deviceRandom,
      // The first accounts show every provider's devices, however small the seed.
      atLeastOne: index < coverage.length,
    })
  }
}

/** Share of accounts with 0, 1, ... 6 devices. */
const deviceCountWeights = [8, 22, 22, 16, 13, 10, 9]
const deviceCountTotal = deviceCountWeights.reduce((sum, w) => sum + w, 0)

function deviceCount(random: Random): number {
  let roll = random.next() * deviceCountTotal
  for (const [count, weight] of deviceCountWeights.entries()) {
    roll -= weight
    if (roll < 0) return count
  }
  return deviceCountWeights.length - 1
}

const timezones = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Tokyo',
]
const buildings = ['Main building', 'Building A', 'Building B', 'Annex']
const unitLetters = ['A', 'B', 'C', 'D']

function deviceNames(line: DeviceLine, count: number, random: Random) {
  const fixed = random.sample(line.names, count)
  return fixed.map((name) =>
    random.chance(0.35)
      ? `Unit ${random.int(1, 40)}${random.pick(unitLetters)}${line.unit_suffix}`
      : name,
  )
}

type BatteryStatus = NonNullable<
  StoredDevice['properties']['battery']
>['status']

const batteryStatus = (level: number): BatteryStatus =>
  level < 0.1
    ? 'critical'
    : level < 0.25
      ? 'low'
      : level < 0.9
        ? 'good'
        : 'full'

function deviceProperties(
  line: DeviceLine,
  name: string,
  online: boolean,
  random: Random,
): StoredDevice['properties'] {
  const level = random.int(3, 100) / 100
  const common = {
    online,
    name,
    appearance: { name },
    model: {
      display_name: random.pick(line.models),
      manufacturer_display_name: line.manufacturer_display_name,
    },
    manufacturer: line.manufacturer,
    serial_number: `${line.manufacturer.slice(0, 3).toUpperCase()}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
    ...(line.battery_powered
      ? {
          battery_level: level,
          battery: { level, status: batteryStatus(level) },
        }
      : {}),
  }
  switch (line.kind) {
    case 'lock':
      return {
        ...common,
        locked: random.chance(0.75),
        ...(line.door_sensor ? { door_open: random.chance(0.1) } : {}),
      }
    case 'thermostat': {
      const celsius = random.int(180, 255) / 10
      const heating = celsius < 20 && random.chance(0.6)
      return {
        ...common,
        temperature_celsius: celsius,
        temperature_fahrenheit: Math.round((celsius * 9) / 5 + 32),
        relative_humidity: random.int(25, 65) / 100,
        available_hvac_mode_settings: ['off', 'heat', 'cool', 'heat_cool'],
        available_fan_mode_settings: ['auto', 'on'],
        is_heating: heating,
        is_cooling: !heating && celsius > 24,
        is_fan_running: random.chance(0.3),
      }
    }
    case 'noise_sensor':
      return { ...common, noise_level_decibels: random.int(28, 75) }
  }
}

function deviceWarnings(
  line: DeviceLine,
  at: string,
  random: Random,
): DeviceWarning[] {
  if (!random.chance(0.05)) return []
  if (line.device_type === 'salto_lock') {
    return [
      {
        warning_code: 'salto_ks_office_mode',
        message:
          'The lock is in Office Mode: it stays unlocked and access codes do not apply.',
        created_at: at,
      },
    ]
  }
  return [
    {
      warning_code: 'device_has_flaky_connection',
      message: 'The device went offline and back online several times today.',
      created_at: at,
    },
  ]
}

/** 0-6 devices of the account's provider, found at its first sync or added since. */
function seedDevices(
  store: SandboxStore,
  account: StoredAccount,
  {
    createdMs,
    nowMs,
    random,
    atLeastOne,
  }: { createdMs: number; nowMs: number; random: Random; atLeastOne: boolean },
): void {
  const line = deviceLines[account.account_type]
  if (!line) return
  const count = Math.max(atLeastOne ? 1 : 0, deviceCount(random))
  const span = nowMs - createdMs
  for (const name of deviceNames(line, count, random)) {
    const deviceMs = Math.min(
      nowMs,
      random.chance(0.85)
        ? createdMs + random.int(30_000, 600_000)
        : createdMs + Math.floor(span * random.next()),
    )
    const online = random.chance(0.94)
    const problemAt = iso(
      Math.max(deviceMs, nowMs - random.int(10 * 60_000, 7 * DAY)),
    )
    const errors: DeviceError[] = online
      ? []
      : [
          {
            error_code: 'device_offline',
            message: 'The device has not reported to the provider recently.',
            is_device_error: true,
            created_at: problemAt,
          },
        ]
    store.insertDevice({
      device_id: random.uuid(),
      connected_account_id: account.connected_account_id,
      device_type: line.device_type,
      display_name: name,
      created_at: iso(deviceMs),
      properties: deviceProperties(line, name, online, random),
      location: random.chance(0.5)
        ? {
            location_name: random.pick(buildings),
            timezone: random.pick(timezones),
          }
        : null,
      errors,
      warnings: deviceWarnings(line, problemAt, random),
      custom_metadata: {},
    })
  }
}

/** The events that led to the account's current state, oldest first. */
function writeHistory(
  store: SandboxStore,
  account: StoredAccount,
  createdMs: number,
  nowMs: number,
  random: Random,
): void {
  const webviewId = random.uuid()
  const customerKey =
    account.customer_key === null ? {} : { customer_key: account.customer_key }
  const emit = (
    fields: Parameters<SandboxStore['appendEvent']>[1],
    ms: number,
  ): void => {
    store.appendEvent(account, fields, iso(Math.min(ms, nowMs)), random.uuid())
  }
  emit(
    { event_type: 'connected_account.created', connect_webview_id: webviewId },
    createdMs,
  )
  if (random.chance(0.3)) {
    emit(
      {
        event_type: 'connected_account.successful_login',
        connect_webview_id: webviewId,
      },
      createdMs + 500,
    )
  }
  emit(
    {
      event_type: 'connected_account.connected',
      connect_webview_id: webviewId,
      ...customerKey,
    },
    createdMs + 1_000,
  )
  emit(
    { event_type: 'connected_account.completed_first_sync' },
    createdMs + random.int(30_000, 600_000),
  )

  // Some healthy accounts were disconnected once and reconnected since.
  const span = nowMs - createdMs
  if (account.errors.length === 0 && span > 10 * DAY && random.chance(0.12)) {
    const lostMs = createdMs + Math.floor(span * (0.3 + random.next() * 0.4))
    const backMs = lostMs + random.int(3_600_000, 5 * DAY)
    emit(
      {
        event_type: 'connected_account.disconnected',
        connected_account_errors: [
          {
            error_code: 'account_disconnected',
            message: 'The provider rejected the stored credentials.',
            created_at: iso(lostMs),
            is_connected_account_error: true,
            is_bridge_error: false,
          },
        ],
      },
      lostMs,
    )
    emit({ event_type: 'connected_account.connected', ...customerKey }, backMs)
    emit(
      {
        event_type: 'connected_account.completed_first_sync_after_reconnection',
      },
      backMs + 60_000,
    )
  }
  for (const error of account.errors) {
    if (error.error_code === 'account_disconnected') {
      emit(
        {
          event_type: 'connected_account.disconnected',
          connected_account_errors: account.errors,
        },
        Date.parse(error.created_at),
      )
    }
  }
  for (const warning of account.warnings) {
    if (warning.warning_code === 'account_reauthorization_requested') {
      emit(
        { event_type: 'connected_account.reauthorization_requested' },
        Date.parse(warning.created_at),
      )
    }
  }
}

/**
 * Which payload of `HOSTILE_STRINGS` a field of the hostile data set holds:
 * account `n`'s field gets payload `n + offset`, so one row shows a different
 * payload in each field, and every payload reaches every field once there
 * are as many accounts (and problem accounts) as payloads.
 */
const HOSTILE_OFFSETS: Record<HostileField, number> = {
  display_name: 0,
  account_type_display_name: 1,
  customer_key: 2,
  metadata_key: 3,
  metadata_value: 4,
  user_identifier_key: 5,
  email: 6,
  phone: 7,
  username: 8,
  site_name: 9,
  error_message: 10,
  warning_message: 11,
}
/** The second metadata pair of an account takes the payloads this far on. */
const HOSTILE_SECOND_PAIR = 9

/** In the hostile data set, every this-many-th account has an error and a warning. */
export const HOSTILE_PROBLEM_EVERY = 3

/** Accounts the hostile data set needs for every payload to reach every field. */
export const HOSTILE_FULL_COVERAGE_ACCOUNTS =
  HOSTILE_PROBLEM_EVERY * HOSTILE_STRINGS.length

const saltoKs = providers.find((p) => p.account_type === 'salto_ks') as Provider

/** Rewrites the realistic accounts' strings with hostile payloads, deterministically. */
class HostileWorkspace {
  readonly customers: {
    customer_id: string
    customer_key: string
    name: string
  }[]

  constructor(private readonly random: Random) {
    this.customers = HOSTILE_STRINGS.map(({ text }) => ({
      customer_id: random.uuid(),
      customer_key: hostileValue(text, 'customer_key'),
      name: text,
    }))
  }

  private payload(field: HostileField, position: number): string {
    const count = HOSTILE_STRINGS.length
    const item = HOSTILE_STRINGS[(position + HOSTILE_OFFSETS[field]) % count]
    return hostileValue(item?.text ?? '', field)
  }

  rewrite(
    account: StoredAccount,
    {
      index,
      createdMs,
      nowMs,
    }: { index: number; createdMs: number; nowMs: number },
  ): StoredAccount {
    const at = (field: HostileField) => this.payload(field, index)
    // Object.fromEntries defines own properties, whatever the key is called.
    const custom_metadata: CustomMetadata = Object.fromEntries([
      [at('metadata_key'), at('metadata_value')],
      [
        this.payload('metadata_key', index + HOSTILE_SECOND_PAIR),
        this.payload('metadata_value', index + HOSTILE_SECOND_PAIR),
      ],
    ])
    const rewritten: StoredAccount = {
      ...account,
      display_name: at('display_name'),
      account_type_display_name: at('account_type_display_name'),
      customer_key: at('customer_key'),
      user_identifier_key: at('user_identifier_key'),
      user_identifier: {
        ...account.user_identifier,
        email: at('email'),
        phone: at('phone'),
        username: at('username'),
      },
      custom_metadata,
      errors: [],
      warnings: [],
      // Hostile problems stay through a sync, so every page keeps showing them.
      transient_codes: [],
    }
    if (index % HOSTILE_PROBLEM_EVERY !== 0) return rewritten
    return this.withProblems(rewritten, index / HOSTILE_PROBLEM_EVERY, {
      createdMs,
      nowMs,
    })
  }

  /** An error and a warning, one of them about a Salto KS site of its own. */
  private withProblems(
    account: StoredAccount,
    position: number,
    { createdMs, nowMs }: { createdMs: number; nowMs: number },
  ): StoredAccount {
    const at = (field: HostileField) => this.payload(field, position)
    const created_at = iso(
      Math.min(
        nowMs,
        Math.max(createdMs + 3_600_000, nowMs - (position + 1) * 3_600_000),
      ),
    )
    const over = position % 2 === 0
    const limit = 100
    const site = {
      site_id: this.random.uuid(),
      site_name: at('site_name'),
      site_user_subscription_limit: limit,
      subscribed_site_user_count: over
        ? limit + (position % 12)
        : 80 + (position % 20),
    }
    const salto_ks_metadata = { sites: [site] }
    const error: ConnectedAccountError = over
      ? {
          error_code: 'salto_ks_subscription_limit_exceeded',
          message: at('error_message'),
          created_at,
          is_connected_account_error: true,
          is_bridge_error: false,
          salto_ks_metadata,
        }
      : {
          error_code: 'account_disconnected',
          message: at('error_message'),
          created_at,
          is_connected_account_error: true,
          is_bridge_error: false,
        }
    const warning: ConnectedAccountWarning = over
      ? {
          warning_code: 'unknown_issue_with_connected_account',
          message: at('warning_message'),
          created_at,
        }
      : {
          warning_code: 'salto_ks_subscription_limit_almost_reached',
          message: at('warning_message'),
          created_at,
          salto_ks_metadata,
        }
    return {
      ...account,
      account_type: saltoKs.account_type,
      accepted_capabilities: [...saltoKs.capabilities],
      errors: [error],
      warnings: [warning],
    }
  }
}
