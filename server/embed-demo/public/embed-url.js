/*
 * The parts of the portal integration that do not touch the page: reading
 * the portal's settings, building the frame's address, the token request and
 * the portal's own address, and deciding which messages come from the
 * dashboard. Types are in embed-url.d.ts.
 */

/** The postMessage contract, version 1. */
export const EMBED_PROTOCOL = 'seam-accounts-console'
export const EMBED_PROTOCOL_VERSION = 1

/** The dashboard routes a frame may show or be sent to. */
export const EMBED_ROUTE = /^\/embed\/(accounts(\/[^/?#]+)?|triage)(\?[^#]*)?$/
export const MAX_ROUTE_LENGTH = 2_000

export const VIEWS = ['accounts', 'triage']
export const ROLES = ['viewer', 'operator', 'admin']
export const THEMES = ['system', 'light', 'dark']

/** Acme's brand colour, handed to the frame as its accent. */
export const DEFAULT_ACCENT = '0f766e'

export const MIN_FRAME_HEIGHT = 200
/** A frame that reports more than this is treated as broken, not obeyed. */
export const MAX_FRAME_HEIGHT = 20_000

// The dashboard's limits on a scope (server/embed/scope.ts).
const MAX_TEXT = 255
const MAX_CUSTOMER_IDS = 100
const MAX_METADATA_KEY = 40
const MAX_METADATA_VALUE = 500
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Characters as a person counts them, not UTF-16 units. */
const characters = (text) => Array.from(text).length

/** Page address parameters that open the frame as soon as the page loads. */
const SETTING_PARAMS = [
  'view',
  'route',
  'role',
  'theme',
  'accent',
  'customer_key',
  'customer_ids',
  'user_identifier_key',
  'custom_metadata_has',
]

export const DEFAULT_SETTINGS = Object.freeze({
  view: 'accounts',
  route: null,
  role: 'viewer',
  theme: 'system',
  accent: DEFAULT_ACCENT,
  scope: Object.freeze({}),
})

export const isEmbedRoute = (value) =>
  typeof value === 'string' &&
  value.length <= MAX_ROUTE_LENGTH &&
  EMBED_ROUTE.test(value)

export const viewOfRoute = (route) =>
  route.startsWith('/embed/triage') ? 'triage' : 'accounts'

const viewRoute = (view) => `/embed/${view}`

/** `0f766e` from `#0F766E` or `0f766e`; undefined when it is not a colour. */
export function parseAccent(value) {
  const match = /^#?([0-9a-f]{6})$/i.exec(value.trim())
  return match?.[1]?.toLowerCase()
}

const isPlainObject = (value) =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * The scope typed into the settings form. Empty fields are left out: an
 * empty scope is the whole workspace. Returns the scope, or the first field
 * in error with a message for it.
 */
export function parseScopeFields({
  customerKey = '',
  customerIds = '',
  userIdentifierKey = '',
  metadata = '',
}) {
  const scope = {}
  const key = customerKey.trim()
  if (key !== '') {
    if (characters(key) > MAX_TEXT) {
      return fieldError('customerKey', 'Use at most 255 characters.')
    }
    scope.customer_key = key
  }
  const ids = customerIds
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '')
  if (ids.length > MAX_CUSTOMER_IDS) {
    return fieldError('customerIds', 'Give at most 100 customer IDs.')
  }
  const notId = ids.find((id) => !UUID.test(id))
  if (notId !== undefined) {
    return fieldError('customerIds', `${notId} is not a customer ID (a UUID).`)
  }
  if (ids.length > 0) scope.customer_ids = ids
  const userKey = userIdentifierKey.trim()
  if (userKey !== '') {
    if (characters(userKey) > MAX_TEXT) {
      return fieldError('userIdentifierKey', 'Use at most 255 characters.')
    }
    scope.user_identifier_key = userKey
  }
  const pair = metadata.trim()
  if (pair !== '') {
    const parsed = parseMetadataPair(pair)
    if (typeof parsed === 'string') return fieldError('metadata', parsed)
    scope.custom_metadata_has = parsed
  }
  return { ok: true, scope }
}

const fieldError = (field, message) => ({ ok: false, field, message })

/**
 * `region=west` -> `{ region: 'west' }`. `true` and `false` are the boolean
 * values, as Seam stores yes/no metadata. Returns a message when the text is
 * not a pair.
 */
export function parseMetadataPair(text) {
  const at = text.indexOf('=')
  if (at < 0) return 'Write the pair as key=value, for example region=west.'
  const key = text.slice(0, at).trim()
  const raw = text.slice(at + 1).trim()
  if (key === '' || characters(key) > MAX_METADATA_KEY) {
    return 'The key has 1 to 40 characters.'
  }
  if (key === '__proto__') return 'The key cannot be __proto__.'
  if (characters(raw) > MAX_METADATA_VALUE) {
    return 'The value has at most 500 characters.'
  }
  const value = raw === 'true' ? true : raw === 'false' ? false : raw
  return { [key]: value }
}

/** The settings form's text for a metadata filter of one pair. */
export const metadataText = (pairs) =>
  Object.entries(pairs ?? {})
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ')

/**
 * The settings the portal page's own address asks for, on top of the
 * defaults. `autoOpen` is true when the address names any setting, or has
 * `autoload=1`; `autoload=0` always keeps the frame closed. A value that is
 * not valid is reported in `problems` and also keeps the frame closed, so a
 * mistyped scope never opens a wider one.
 */
export function readPageAddress(search) {
  const params = new URLSearchParams(search)
  const problems = []
  const settings = { ...DEFAULT_SETTINGS, scope: {} }
  const text = (name) => params.get(name)?.trim() ?? ''

  const view = text('view')
  if (view !== '') {
    if (VIEWS.includes(view)) settings.view = view
    else problems.push('view must be accounts or triage.')
  }
  const route = params.get('route') ?? ''
  if (route !== '') {
    if (isEmbedRoute(route)) {
      settings.route = route
      settings.view = viewOfRoute(route)
    } else {
      problems.push(
        'route must be a dashboard route such as /embed/accounts or /embed/triage.',
      )
    }
  }
  const role = text('role')
  if (role !== '') {
    if (ROLES.includes(role)) settings.role = role
    else problems.push('role must be viewer, operator or admin.')
  }
  const theme = text('theme')
  if (theme !== '') {
    if (THEMES.includes(theme)) settings.theme = theme
    else problems.push('theme must be system, light or dark.')
  }
  const accent = text('accent')
  if (accent !== '') {
    const parsed = parseAccent(accent)
    if (parsed) settings.accent = parsed
    else problems.push('accent must be a hex colour such as 0f766e.')
  }

  let metadata = ''
  const pairs = text('custom_metadata_has')
  if (pairs !== '') {
    const parsed = parseJson(pairs)
    const entries = isPlainObject(parsed) ? Object.entries(parsed) : []
    const [entry] = entries
    if (
      entries.length === 1 &&
      entry &&
      (typeof entry[1] === 'string' || typeof entry[1] === 'boolean')
    ) {
      metadata = metadataText(parsed)
    } else {
      problems.push(
        'custom_metadata_has must be a JSON object with one pair, such as {"region":"west"}.',
      )
    }
  }
  const scope = parseScopeFields({
    customerKey: text('customer_key'),
    customerIds: text('customer_ids'),
    userIdentifierKey: text('user_identifier_key'),
    metadata,
  })
  if (scope.ok) settings.scope = scope.scope
  else problems.push(`${SCOPE_PARAM[scope.field]}: ${scope.message}`)

  const autoload = params.get('autoload')
  const asked =
    autoload === '1' || SETTING_PARAMS.some((name) => params.has(name))
  return {
    settings,
    problems,
    autoOpen: asked && autoload !== '0' && problems.length === 0,
  }
}

const SCOPE_PARAM = {
  customerKey: 'customer_key',
  customerIds: 'customer_ids',
  userIdentifierKey: 'user_identifier_key',
  metadata: 'custom_metadata_has',
}

function parseJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * The scope as query parameters, in the shapes the dashboard and the token
 * endpoint read: `customer_ids` comma-separated, `custom_metadata_has` as
 * JSON.
 */
export function scopeParams(scope) {
  const params = new URLSearchParams()
  if (scope.customer_key !== undefined) {
    params.set('customer_key', scope.customer_key)
  }
  if (scope.customer_ids !== undefined) {
    params.set('customer_ids', scope.customer_ids.join(','))
  }
  if (scope.user_identifier_key !== undefined) {
    params.set('user_identifier_key', scope.user_identifier_key)
  }
  if (scope.custom_metadata_has !== undefined) {
    params.set('custom_metadata_has', JSON.stringify(scope.custom_metadata_has))
  }
  return params
}

/**
 * The frame's address: the route (or the view's route) on the dashboard,
 * the look and the scope as query parameters, and the embed token in the
 * fragment, which browsers never send to a server or write to its logs.
 * A token carries the role; without one (no EMBED_SECRET, sandbox only) the
 * address states it.
 */
export function embedUrl({ dashboardOrigin, settings, token }) {
  const url = new URL(
    settings.route ?? viewRoute(settings.view),
    dashboardOrigin,
  )
  url.searchParams.set('theme', settings.theme)
  url.searchParams.set('accent', settings.accent)
  for (const [name, value] of scopeParams(settings.scope)) {
    url.searchParams.set(name, value)
  }
  if (token === undefined) url.searchParams.set('role', settings.role)
  else url.hash = `token=${encodeURIComponent(token)}`
  return url.href
}

/**
 * The portal backend's address for a new embed token. A real portal's
 * backend decides the role and scope from its own signed-in user; this demo
 * lets the page pick them.
 */
export function tokenRequestPath({ role, scope }, subject) {
  const params = scopeParams(scope)
  params.set('role', role)
  params.set('subject', subject)
  return `/token?${params}`
}

/**
 * The portal page's own query string for these settings, so that reloading
 * the page opens the same frame.
 */
export function pageQuery(settings) {
  const params = new URLSearchParams()
  params.set('view', settings.view)
  if (settings.route !== null) params.set('route', settings.route)
  params.set('role', settings.role)
  params.set('theme', settings.theme)
  params.set('accent', settings.accent)
  for (const [name, value] of scopeParams(settings.scope)) {
    params.set(name, value)
  }
  return `?${params}`
}

/**
 * True for a message the dashboard in this frame sent under this protocol:
 * from the dashboard's exact origin, from the frame's own window, with the
 * protocol's name and version and a type. Everything else, including
 * browser extensions and other frames, is ignored.
 */
export function isDashboardMessage(event, { dashboardOrigin, frameWindow }) {
  const { data } = event
  return (
    frameWindow !== null &&
    event.origin === dashboardOrigin &&
    event.source === frameWindow &&
    isPlainObject(data) &&
    data.protocol === EMBED_PROTOCOL &&
    data.version === EMBED_PROTOCOL_VERSION &&
    typeof data.type === 'string'
  )
}

/** A message for the frame, in the protocol's envelope. */
export const portalMessage = (message) => ({
  protocol: EMBED_PROTOCOL,
  version: EMBED_PROTOCOL_VERSION,
  ...message,
})

/** The fields of a message besides its envelope and type, as compact JSON. */
export function messageFields(data) {
  const fields = Object.fromEntries(
    Object.entries(data).filter(
      ([key]) => key !== 'protocol' && key !== 'version' && key !== 'type',
    ),
  )
  return JSON.stringify(fields)
}

/** The frame height for a `resize`, in pixels, or undefined if unusable. */
export function frameHeight(height) {
  if (typeof height !== 'number' || !Number.isFinite(height)) return undefined
  return Math.min(
    MAX_FRAME_HEIGHT,
    Math.max(MIN_FRAME_HEIGHT, Math.ceil(height)),
  )
}
