/*
 * Acme Property Portal: the reference integration of Seam Accounts Console.
 *
 * What a portal does, in the order this file does it:
 * 1. With signed tokens on, ask the portal's own backend (here `/token`) for
 *    an embed token carrying the role and scope of the signed-in person.
 * 2. Frame `<dashboard>/embed/accounts` or `/embed/triage`, with the look
 *    (`theme`, `accent`) and the scope in the query and the token in the
 *    fragment (`#token=...`), which never reaches a server log. With signed
 *    tokens off (sandbox only) the query states the role instead.
 * 3. Listen for the dashboard's messages, trusting only those from the
 *    dashboard's exact origin and from this frame's own window, and answer
 *    `session.token-request` with a fresh token posted to that origin alone.
 *
 * Opening on load: the frame opens by itself when this page's address names
 * a setting (view, route, role, theme, accent, customer_key, customer_ids,
 * user_identifier_key, custom_metadata_has) or has autoload=1, and every
 * value is valid; autoload=0 keeps it closed. For example
 * `/?view=accounts&customer_key=cust_x&role=viewer`. A `route` the frame
 * reported (kept in the address as the frame navigates) wins over `view`.
 */

import {
  DEFAULT_ACCENT,
  embedUrl,
  frameHeight,
  isDashboardMessage,
  isEmbedRoute,
  messageFields,
  metadataText,
  pageQuery,
  parseAccent,
  parseScopeFields,
  portalMessage,
  readPageAddress,
  tokenRequestPath,
  viewOfRoute,
} from './embed-url.js'

/** The person signed in to the portal: the token's subject. */
const SUBJECT = 'dana.reyes@acme.example'
const FRAME_TITLE = 'Seam Accounts Console'
const MAX_LOG_ENTRIES = 200

function element(id) {
  const found = document.getElementById(id)
  if (!found) throw new Error(`The page has no #${id}`)
  return found
}

const ui = {
  mode: element('mode'),
  settings: element('settings'),
  view: element('view'),
  customerKey: element('customer-key'),
  metadata: element('metadata'),
  role: element('role'),
  theme: element('theme'),
  accent: element('accent'),
  moreScope: element('more-scope'),
  customerIds: element('customer-ids'),
  userIdentifierKey: element('user-identifier-key'),
  addressProblems: element('address-problems'),
  status: element('status'),
  frameSlot: element('frame-slot'),
  deepLink: element('deep-link'),
  navigateForm: element('navigate-form'),
  route: element('route'),
  routeError: element('route-error'),
  searchForm: element('search-form'),
  search: element('search'),
  log: element('log'),
  logCount: element('log-count'),
  logEmpty: element('log-empty'),
  clearLog: element('clear-log'),
}

/** The settings fields that can be in error, by parseScopeFields' names. */
const scopeInputs = {
  customerKey: ui.customerKey,
  customerIds: ui.customerIds,
  userIdentifierKey: ui.userIdentifierKey,
  metadata: ui.metadata,
}

const state = {
  dashboardOrigin: '',
  signed: false,
  /** The current <iframe>, or null before the first Open. */
  frame: null,
  /** The settings the current frame was opened with, route included. */
  opened: null,
  /** Counts Opens, so a slow token answer cannot replace a newer frame. */
  opening: 0,
  accepted: 0,
  ignored: 0,
}

// Status

function showStatus(text, tone) {
  ui.status.textContent = text
  ui.status.dataset.tone = tone
}

function setConnected(connected) {
  for (const form of [ui.navigateForm, ui.searchForm]) {
    const button = form.querySelector('button')
    if (button) button.disabled = !connected
  }
  if (connected) showStatus('Connected (protocol v1)', 'connected')
}

// Settings form

function showFieldError(input, message) {
  const error = element(`${input.id}-error`)
  error.textContent = message
  error.hidden = message === ''
  if (message === '') input.removeAttribute('aria-invalid')
  else input.setAttribute('aria-invalid', 'true')
}

function fillForm(settings) {
  ui.view.value = settings.view
  ui.role.value = settings.role
  ui.theme.value = settings.theme
  ui.accent.value = `#${settings.accent}`
  ui.customerKey.value = settings.scope.customer_key ?? ''
  ui.customerIds.value = settings.scope.customer_ids?.join(', ') ?? ''
  ui.userIdentifierKey.value = settings.scope.user_identifier_key ?? ''
  ui.metadata.value = metadataText(settings.scope.custom_metadata_has)
  if (ui.customerIds.value !== '' || ui.userIdentifierKey.value !== '') {
    ui.moreScope.open = true
  }
}

/** The form's settings, or undefined after marking the field in error. */
function readForm() {
  for (const input of Object.values(scopeInputs)) showFieldError(input, '')
  const scope = parseScopeFields({
    customerKey: ui.customerKey.value,
    customerIds: ui.customerIds.value,
    userIdentifierKey: ui.userIdentifierKey.value,
    metadata: ui.metadata.value,
  })
  if (!scope.ok) {
    const input = scopeInputs[scope.field]
    if (ui.moreScope.contains(input)) ui.moreScope.open = true
    showFieldError(input, scope.message)
    input.focus()
    return undefined
  }
  return {
    view: ui.view.value,
    route: null,
    role: ui.role.value,
    theme: ui.theme.value,
    accent: parseAccent(ui.accent.value) ?? DEFAULT_ACCENT,
    scope: scope.scope,
  }
}

// The portal's backend

/** A new embed token from the portal's backend for these settings. */
async function fetchToken(settings) {
  const response = await fetch(tokenRequestPath(settings, SUBJECT), {
    headers: { Accept: 'application/json' },
  })
  const body = await response.json().catch(() => ({}))
  if (!response.ok || typeof body.token !== 'string') {
    throw new Error(
      typeof body.error === 'string'
        ? body.error
        : `the portal backend answered ${response.status}`,
    )
  }
  return body.token
}

// The frame

async function open(settings) {
  const opening = ++state.opening
  let token
  if (state.signed) {
    showStatus('Getting an embed token…', 'waiting')
    try {
      token = await fetchToken(settings)
    } catch (error) {
      if (opening === state.opening) {
        showStatus(`Could not get an embed token: ${error.message}`, 'error')
      }
      return
    }
    if (opening !== state.opening) return
  }

  const frame = document.createElement('iframe')
  frame.title = FRAME_TITLE
  frame.className = 'dashboard-frame'
  frame.allow = 'clipboard-write'
  // The frame reports its height instead of scrolling inside the page.
  frame.setAttribute('scrolling', 'no')
  frame.src = embedUrl({
    dashboardOrigin: state.dashboardOrigin,
    settings,
    token,
  })
  // A new element rather than a new src: when only the fragment (the token)
  // changes, a browser would not load the frame again.
  ui.frameSlot.replaceChildren(frame)
  state.frame = frame
  state.opened = settings
  setConnected(false)
  showStatus('Waiting for the dashboard…', 'waiting')
  ui.deepLink.value = settings.route ?? ''
  rememberInAddress()
}

/** Keeps what the frame shows in this page's address, for reloads and links. */
function rememberInAddress() {
  if (!state.opened) return
  const query = pageQuery(state.opened)
  history.replaceState(history.state, '', query)
}

function showRoute(route) {
  ui.deepLink.value = route
  if (state.opened) {
    state.opened = { ...state.opened, route, view: viewOfRoute(route) }
  }
  rememberInAddress()
}

/** Posts to the dashboard's exact origin: never '*'. */
function post(message) {
  state.frame?.contentWindow?.postMessage(
    portalMessage(message),
    state.dashboardOrigin,
  )
}

async function sendFreshToken() {
  const { frame, opened } = state
  if (!frame || !opened) return
  try {
    const token = await fetchToken(opened)
    // The frame this token was for may have been replaced meanwhile.
    if (frame === state.frame) post({ type: 'session.token', token })
  } catch (error) {
    if (frame === state.frame) {
      showStatus(`Could not renew the embed token: ${error.message}`, 'error')
    }
  }
}

// Messages from the dashboard

function onMessage(event) {
  const trusted = isDashboardMessage(event, {
    dashboardOrigin: state.dashboardOrigin,
    frameWindow: state.frame?.contentWindow ?? null,
  })
  if (!trusted) {
    state.ignored += 1
    renderCount()
    return
  }
  const message = event.data
  logMessage(message)
  switch (message.type) {
    case 'ready':
      setConnected(true)
      if (isEmbedRoute(message.route)) showRoute(message.route)
      break
    case 'resize': {
      const height = frameHeight(message.height)
      if (height !== undefined) state.frame.style.height = `${height}px`
      break
    }
    case 'navigate':
      if (isEmbedRoute(message.route)) showRoute(message.route)
      break
    case 'session.token-request':
      if (state.signed) void sendFreshToken()
      break
    case 'session.expired':
      showStatus(
        'The session has ended: press Open to start a new one.',
        'error',
      )
      break
    default:
      // account.selected, account.updated, account.deleted and any type a
      // newer dashboard adds: a portal may react to them; this one logs them.
      break
  }
}

function clock(date) {
  return date.toTimeString().slice(0, 8)
}

function logMessage(message) {
  state.accepted += 1
  const now = new Date()
  const item = document.createElement('li')
  const time = document.createElement('time')
  time.dateTime = now.toISOString()
  time.textContent = clock(now)
  const type = document.createElement('strong')
  type.textContent = message.type
  item.append(time, ' ', type)
  const fields = messageFields(message)
  if (fields !== '{}') {
    const code = document.createElement('code')
    code.textContent = fields
    item.append(' ', code)
  }
  ui.log.prepend(item)
  while (ui.log.children.length > MAX_LOG_ENTRIES) {
    ui.log.lastElementChild?.remove()
  }
  renderCount()
}

function renderCount() {
  const noun = state.accepted === 1 ? 'message' : 'messages'
  ui.logCount.textContent = `${state.accepted} ${noun} · ${state.ignored} ignored`
  ui.logEmpty.hidden = state.accepted > 0
}

function clearLog() {
  ui.log.replaceChildren()
  state.accepted = 0
  state.ignored = 0
  renderCount()
}

// Start

async function loadConfig() {
  const response = await fetch('/config.json', {
    headers: { Accept: 'application/json' },
  })
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`)
  return response.json()
}

function showMode() {
  ui.mode.textContent = state.signed
    ? 'Signed embed tokens: on. Each time the frame opens or asks, this portal’s backend mints a two-minute token for the chosen role and scope.'
    : 'Signed embed tokens: off. The frame takes its role and scope from its address; set EMBED_SECRET on the dashboard to require signed tokens.'
}

function showAddressProblems(problems) {
  ui.addressProblems.hidden = problems.length === 0
  ui.addressProblems.replaceChildren()
  if (problems.length === 0) return
  const intro = document.createElement('p')
  intro.textContent = 'This page’s address has values it cannot use:'
  const list = document.createElement('ul')
  for (const problem of problems) {
    const item = document.createElement('li')
    item.textContent = problem
    list.append(item)
  }
  ui.addressProblems.append(intro, list)
}

async function start() {
  let config
  try {
    config = await loadConfig()
  } catch (error) {
    ui.mode.textContent = ''
    showStatus(`Could not load the portal settings: ${error.message}`, 'error')
    return
  }
  state.dashboardOrigin = config.dashboard_origin
  state.signed = config.token_mode === 'signed'
  showMode()
  window.addEventListener('message', onMessage)

  ui.settings.addEventListener('submit', (event) => {
    event.preventDefault()
    const settings = readForm()
    if (!settings) return
    showAddressProblems([])
    void open(settings)
  })
  ui.navigateForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const route = ui.route.value.trim()
    if (!isEmbedRoute(route)) {
      showFieldError(
        ui.route,
        'Use a dashboard route such as /embed/accounts, /embed/accounts/<id> or /embed/triage.',
      )
      return
    }
    showFieldError(ui.route, '')
    post({ type: 'navigate', route })
  })
  ui.searchForm.addEventListener('submit', (event) => {
    event.preventDefault()
    post({ type: 'set-filters', filters: { search: ui.search.value.trim() } })
  })
  ui.clearLog.addEventListener('click', clearLog)

  const address = readPageAddress(location.search)
  fillForm(address.settings)
  showAddressProblems(address.problems)
  if (address.autoOpen) await open(address.settings)
}

void start()
