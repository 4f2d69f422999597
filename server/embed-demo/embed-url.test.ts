import { describe, expect, it } from 'vitest'

import {
  EMBED_PROTOCOL as PROTOCOL,
  EMBED_PROTOCOL_VERSION as PROTOCOL_VERSION,
  EMBED_ROUTE as ROUTE,
  MAX_ROUTE_LENGTH as ROUTE_LENGTH,
  parsePortalMessage,
} from '../embed/protocol'
import type { PortalSettings } from './public/embed-url.js'
import {
  DEFAULT_SETTINGS,
  EMBED_PROTOCOL,
  EMBED_PROTOCOL_VERSION,
  EMBED_ROUTE,
  embedUrl,
  frameHeight,
  isDashboardMessage,
  MAX_ROUTE_LENGTH,
  messageFields,
  pageQuery,
  parseMetadataPair,
  parseScopeFields,
  portalMessage,
  readPageAddress,
  tokenRequestPath,
} from './public/embed-url.js'

const DASHBOARD = 'http://127.0.0.1:8080'
const CUSTOMER_ID = '0b5e7c1e-5f7a-4c39-9a57-0d3c9c1e2f44'

const settings = (changes: Partial<PortalSettings> = {}): PortalSettings => ({
  ...DEFAULT_SETTINGS,
  ...changes,
})

describe('the protocol as the page knows it', () => {
  it('is the dashboard’s', () => {
    expect(EMBED_PROTOCOL).toBe(PROTOCOL)
    expect(EMBED_PROTOCOL_VERSION).toBe(PROTOCOL_VERSION)
    expect(EMBED_ROUTE.source).toBe(ROUTE.source)
    expect(MAX_ROUTE_LENGTH).toBe(ROUTE_LENGTH)
  })

  it('wraps what the page sends in a shape the frame accepts', () => {
    const messages = [
      { type: 'navigate', route: '/embed/triage' },
      { type: 'set-filters', filters: { search: 'gmail' } },
      { type: 'session.token', token: 'sace1.a.b' },
    ] as const
    for (const message of messages) {
      expect(parsePortalMessage(portalMessage(message))).toEqual(message)
    }
  })
})

describe('embedUrl', () => {
  it('puts the look and the scope in the query and the token in the fragment', () => {
    const url = new URL(
      embedUrl({
        dashboardOrigin: DASHBOARD,
        settings: settings({
          view: 'triage',
          theme: 'dark',
          accent: '0f766e',
          scope: {
            customer_key: 'cust_x',
            customer_ids: [CUSTOMER_ID, CUSTOMER_ID.replace('0b', '1b')],
            user_identifier_key: 'dana',
            custom_metadata_has: { region: 'west & north', is_vip: true },
          },
        }),
        token: 'sace1.payload.signature',
      }),
    )

    expect(url.origin).toBe(DASHBOARD)
    expect(url.pathname).toBe('/embed/triage')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      theme: 'dark',
      accent: '0f766e',
      customer_key: 'cust_x',
      customer_ids: `${CUSTOMER_ID},${CUSTOMER_ID.replace('0b', '1b')}`,
      user_identifier_key: 'dana',
      custom_metadata_has: '{"region":"west & north","is_vip":true}',
    })
    // The role travels in the token.
    expect(url.searchParams.has('role')).toBe(false)
    expect(url.hash).toBe('#token=sace1.payload.signature')
  })

  it('states the role in the query when there is no token', () => {
    const url = new URL(
      embedUrl({
        dashboardOrigin: DASHBOARD,
        settings: settings({ role: 'operator' }),
      }),
    )

    expect(url.pathname).toBe('/embed/accounts')
    expect(url.searchParams.get('role')).toBe('operator')
    expect(url.hash).toBe('')
  })

  it('opens a route instead of the view, keeping its own query', () => {
    const url = new URL(
      embedUrl({
        dashboardOrigin: DASHBOARD,
        settings: settings({
          route: '/embed/accounts/ca_1?search=gmail&customer_key=other',
          scope: { customer_key: 'cust_x' },
        }),
      }),
    )

    expect(url.pathname).toBe('/embed/accounts/ca_1')
    expect(url.searchParams.get('search')).toBe('gmail')
    // The portal's scope wins over whatever the route carried.
    expect(url.searchParams.getAll('customer_key')).toEqual(['cust_x'])
  })
})

describe('readPageAddress', () => {
  it('stays closed on a bare address', () => {
    expect(readPageAddress('')).toEqual({
      settings: { ...DEFAULT_SETTINGS, scope: {} },
      problems: [],
      autoOpen: false,
    })
  })

  it('opens with the settings the address names', () => {
    const address = readPageAddress(
      '?view=triage&customer_key=cust_x&role=admin&theme=light&accent=%23AABBCC&custom_metadata_has=%7B%22is_vip%22%3Atrue%7D',
    )

    expect(address).toEqual({
      settings: {
        view: 'triage',
        route: null,
        role: 'admin',
        theme: 'light',
        accent: 'aabbcc',
        scope: {
          customer_key: 'cust_x',
          custom_metadata_has: { is_vip: true },
        },
      },
      problems: [],
      autoOpen: true,
    })
  })

  it('opens on autoload=1 and never on autoload=0', () => {
    expect(readPageAddress('?autoload=1').autoOpen).toBe(true)
    expect(readPageAddress('?view=triage&autoload=0').autoOpen).toBe(false)
  })

  it('takes the view from a route', () => {
    const { settings: read } = readPageAddress(
      `?view=accounts&route=${encodeURIComponent('/embed/triage')}`,
    )

    expect(read).toMatchObject({ view: 'triage', route: '/embed/triage' })
  })

  it.each([
    ['view=settings', 'view'],
    ['route=/accounts', 'route'],
    ['route=/embed/../accounts', 'route'],
    ['role=owner', 'role'],
    ['theme=blue', 'theme'],
    ['accent=teal', 'accent'],
    ['customer_ids=42', 'customer_ids'],
    ['custom_metadata_has=region', 'custom_metadata_has'],
    [
      'custom_metadata_has=%7B%22a%22%3A%221%22%2C%22b%22%3A%222%22%7D',
      'custom_metadata_has',
    ],
  ])('reports %s and stays closed', (query, name) => {
    const address = readPageAddress(`?${query}&customer_key=cust_x`)

    expect(address.autoOpen).toBe(false)
    expect(address.problems).toHaveLength(1)
    expect(address.problems[0]).toContain(name)
  })
})

describe('parseScopeFields', () => {
  it('leaves empty fields out', () => {
    expect(parseScopeFields({ customerKey: '  ', metadata: '' })).toEqual({
      ok: true,
      scope: {},
    })
  })

  it('reads every field', () => {
    expect(
      parseScopeFields({
        customerKey: ' cust_x ',
        customerIds: ` ${CUSTOMER_ID} , `,
        userIdentifierKey: 'dana',
        metadata: 'region = west',
      }),
    ).toEqual({
      ok: true,
      scope: {
        customer_key: 'cust_x',
        customer_ids: [CUSTOMER_ID],
        user_identifier_key: 'dana',
        custom_metadata_has: { region: 'west' },
      },
    })
  })

  it('names the field in error', () => {
    expect(parseScopeFields({ customerIds: 'cust_1' })).toMatchObject({
      ok: false,
      field: 'customerIds',
    })
    expect(parseScopeFields({ metadata: 'region' })).toMatchObject({
      ok: false,
      field: 'metadata',
    })
  })
})

describe('parseMetadataPair', () => {
  it('reads true and false as booleans and keeps = in the value', () => {
    expect(parseMetadataPair('is_vip=true')).toEqual({ is_vip: true })
    expect(parseMetadataPair('done=false')).toEqual({ done: false })
    expect(parseMetadataPair('note=a=b')).toEqual({ note: 'a=b' })
    expect(parseMetadataPair('empty=')).toEqual({ empty: '' })
  })

  it('explains what is wrong', () => {
    expect(parseMetadataPair('region')).toMatch(/key=value/)
    expect(parseMetadataPair('=west')).toMatch(/key/)
    expect(parseMetadataPair(`${'k'.repeat(41)}=v`)).toMatch(/key/)
    expect(parseMetadataPair('__proto__=x')).toMatch(/__proto__/)
  })
})

describe('addresses of the portal', () => {
  it('asks the backend for a token with the role, scope and subject', () => {
    const path = tokenRequestPath(
      {
        role: 'operator',
        scope: { customer_key: 'cust_x', custom_metadata_has: { a: 'b' } },
      },
      'dana@acme.example',
    )
    const url = new URL(path, 'http://portal.test')

    expect(url.pathname).toBe('/token')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      role: 'operator',
      customer_key: 'cust_x',
      custom_metadata_has: '{"a":"b"}',
      subject: 'dana@acme.example',
    })
  })

  it('writes an own address that reads back to the same settings', () => {
    const written = settings({
      view: 'triage',
      route: '/embed/accounts/ca_1?search=x',
      role: 'admin',
      theme: 'dark',
      accent: '123abc',
      scope: {
        customer_key: 'cust_x',
        customer_ids: [CUSTOMER_ID],
        user_identifier_key: 'dana',
        custom_metadata_has: { is_vip: false },
      },
    })

    const read = readPageAddress(pageQuery(written))

    expect(read.problems).toEqual([])
    expect(read.autoOpen).toBe(true)
    // The route decides the view.
    expect(read.settings).toEqual({ ...written, view: 'accounts' })
  })
})

describe('isDashboardMessage', () => {
  const frameWindow = { name: 'frame' }
  const data = { protocol: EMBED_PROTOCOL, version: 1, type: 'ready' }
  const trusted = { origin: DASHBOARD, source: frameWindow, data }
  const check = (event: typeof trusted) =>
    isDashboardMessage(event, { dashboardOrigin: DASHBOARD, frameWindow })

  it('accepts the dashboard in the frame speaking the protocol', () => {
    expect(check(trusted)).toBe(true)
  })

  it.each([
    ['another origin', { origin: 'http://127.0.0.1:9999' }],
    ['the same host on another scheme', { origin: 'https://127.0.0.1:8080' }],
    ['another window', { source: {} }],
    ['no window', { source: null }],
    ['another protocol', { data: { ...data, protocol: 'other' } }],
    ['another version', { data: { ...data, version: 2 } }],
    ['a version as text', { data: { ...data, version: '1' } }],
    ['no type', { data: { protocol: EMBED_PROTOCOL, version: 1 } }],
    ['a string', { data: JSON.stringify(data) }],
    ['an array', { data: [data] }],
    ['null', { data: null }],
  ])('ignores %s', (_, change) => {
    expect(check({ ...trusted, ...change } as typeof trusted)).toBe(false)
  })

  it('ignores everything before a frame exists', () => {
    expect(
      isDashboardMessage(trusted, {
        dashboardOrigin: DASHBOARD,
        frameWindow: null,
      }),
    ).toBe(false)
  })
})

describe('messageFields', () => {
  it('is the message without its envelope', () => {
    expect(
      messageFields({
        protocol: EMBED_PROTOCOL,
        version: 1,
        type: 'navigate',
        route: '/embed/triage',
      }),
    ).toBe('{"route":"/embed/triage"}')
  })
})

describe('frameHeight', () => {
  it('keeps the frame between 200 px and the cap, in whole pixels', () => {
    expect(frameHeight(640.2)).toBe(641)
    expect(frameHeight(10)).toBe(200)
    expect(frameHeight(1e9)).toBe(20_000)
  })

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '500', null, undefined])(
    'ignores %s',
    (height) => {
      expect(frameHeight(height)).toBeUndefined()
    },
  )
})
