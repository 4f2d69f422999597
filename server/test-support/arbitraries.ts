import fc from 'fast-check'

/**
 * Generators of bad (and good) input for the property tests of the sandbox
 * and the dashboard server: bodies, query strings, headers, methods and
 * paths. Bodies are built as JSON text, so they can hold what a JavaScript
 * object cannot (`__proto__`, duplicate keys, `1e400`, lone surrogates).
 */

/** Valid values of a route's fields, as JavaScript values. */
export interface BodySpec {
  required: Record<string, fc.Arbitrary<unknown>>
  optional: Record<string, fc.Arbitrary<unknown>>
}

/** What one generated body is, for the checks that depend on it. */
export type BodyKind =
  'valid' | 'near-valid' | 'json' | 'text' | 'huge' | 'empty'

export interface GeneratedBody {
  kind: BodyKind
  text: string
  /**
   * The one field a near-valid body got wrong (a bad value, an unknown key,
   * a missing required one): a 400 must name it.
   */
  offending?: string
}

export interface FuzzRequest {
  method: string
  /** Path with its query string, if any. */
  path: string
  headers: Record<string, string>
  /** Left out for GET and HEAD, which carry none. */
  body?: GeneratedBody
  /** The one field a near-valid body or query got wrong: a 400 must name it. */
  offending?: string
}

export interface GeneratedQuery {
  /** Without the `?`; empty for none. */
  text: string
  offending?: string
  /** Random parameters: whatever a refusal names, it may be one of them. */
  junk?: true
}

export const spec = (
  required: BodySpec['required'],
  optional: BodySpec['optional'] = {},
): BodySpec => ({ required, optional })

/** A JSON object from key and JSON-text pairs, written as they are. */
export const pairsToJson = (
  pairs: readonly (readonly [string, string])[],
): string =>
  `{${pairs.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`

/** Strings a person, a script or an attacker might type. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '\u0000',
    '\u200b',
    '\u202e',
    '\ufeff',
    'null',
    'true',
    '0',
    '-1',
    '[]',
    '{}',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '%00',
    '../../etc/passwd',
    '__proto__',
    '=SUM(A1)',
    '00000000-0000-0000-0000-000000000000',
    'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
    '2026-13-45T99:99:99Z',
    '👩‍👩‍👧‍👦',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // Lone surrogates and other code units a UTF-8 body cannot hold as they are.
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc
    .tuple(
      fc.constantFrom('a', 'é', '😀', ' '),
      fc.integer({ min: 250, max: 3_000 }),
    )
    .map(([unit, count]) => unit.repeat(count)),
)

/** JSON text of a value some field will not expect. */
const oddJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'null',
    'true',
    'false',
    '0',
    '-0',
    '-1',
    '1.5',
    '1e400',
    '-1e400',
    '1E2',
    '9007199254740993',
    '0.1e-400',
    '[]',
    '{}',
    '[null]',
    '{"":null}',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{}}}',
    '"\\u0000"',
    '"\\ud800"',
    '"\\udfff\\ud800"',
  ),
  oddString.map((value) => JSON.stringify(value)),
  fc.integer().map(String),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map((n) => JSON.stringify(n)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  // Deep nesting: arrays or objects hundreds to thousands of levels down.
  fc
    .tuple(fc.boolean(), fc.integer({ min: 100, max: 5_000 }))
    .map(([asArray, depth]) =>
      asArray
        ? `${'['.repeat(depth)}${']'.repeat(depth)}`
        : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
    ),
)

/** A key that is not a field of the route. */
const unknownKey = (known: readonly string[]): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
        'valueOf',
        'Limit',
        'LIMIT',
        'connected_account_id ',
        ' connected_account_id',
        'connected_account_ID',
        'connectedAccountId',
        'custom_metadata.region',
        'customer_ids[]',
        'ok',
        'error',
        'stack',
      ),
      fc.string({ minLength: 1, maxLength: 30 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
    )
    .filter((key) => key.trim() !== '' && !known.includes(key))

const keysOf = (body: BodySpec): string[] => [
  ...Object.keys(body.required),
  ...Object.keys(body.optional),
]

/** A valid body: every required field and any of the optional ones. */
export function validPairs(body: BodySpec): fc.Arbitrary<[string, string][]> {
  const required = Object.entries(body.required)
  const optional = Object.entries(body.optional)
  return fc
    .tuple(
      fc.tuple(...required.map(([, value]) => value)),
      fc.tuple(
        ...optional.map(([, value]) => fc.option(value, { nil: undefined })),
      ),
    )
    .map(([requiredValues, optionalValues]) => {
      const pairs: [string, string][] = []
      required.forEach(([key], i) => {
        pairs.push([key, JSON.stringify(requiredValues[i])])
      })
      optional.forEach(([key], i) => {
        const value = optionalValues[i]
        if (value !== undefined) pairs.push([key, JSON.stringify(value)])
      })
      return pairs
    })
}

/** A valid body as an object (for query strings built from it). */
export const validBody = (
  body: BodySpec,
): fc.Arbitrary<Record<string, unknown>> =>
  validPairs(body).map(
    (pairs) => JSON.parse(pairsToJson(pairs)) as Record<string, unknown>,
  )

type Mutation =
  | { kind: 'value'; field: string; json: string }
  /** The field twice, the bad value last (the one JSON.parse keeps). */
  | { kind: 'duplicate'; field: string; json: string }
  | { kind: 'unknown'; field: string; json: string }
  | { kind: 'missing'; field: string }

/** A valid body with one thing wrong, and the field it is about. */
export function nearValidBody(body: BodySpec): fc.Arbitrary<GeneratedBody> {
  const known = keysOf(body)
  const required = Object.keys(body.required)
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc.record({
      kind: fc.constant('unknown' as const),
      field: unknownKey(known),
      json: fc.oneof(oddJson, fc.constant('"x"')),
    }),
  ]
  if (known.length > 0) {
    mutations.push(
      fc.record({
        kind: fc.constantFrom('value' as const, 'duplicate' as const),
        field: fc.constantFrom(...known),
        json: oddJson,
      }),
    )
  }
  if (required.length > 0) {
    mutations.push(
      fc.record({
        kind: fc.constant('missing' as const),
        field: fc.constantFrom(...required),
      }),
    )
  }
  return fc
    .tuple(validPairs(body), fc.oneof(...mutations))
    .map(([pairs, mutation]) => {
      const rest =
        mutation.kind === 'duplicate'
          ? pairs
          : pairs.filter(([key]) => key !== mutation.field)
      const changed =
        mutation.kind === 'missing'
          ? rest
          : [...rest, [mutation.field, mutation.json] as [string, string]]
      return {
        kind: 'near-valid' as const,
        text: pairsToJson(changed),
        offending: mutation.field,
      }
    })
}

/** Text that is not JSON, or not quite. */
const nonJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '{"a":1',
    "{'limit': 5}",
    '{limit: 5}',
    '{"limit": 5,}',
    'NaN',
    'undefined',
    '\ufeff{}',
    '{}{}',
    '{"a":1} trailing',
    'limit=5&search=x',
    '--boundary\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--boundary--',
    '<?xml version="1.0"?><a/>',
    '\u0000\u0001\u0002',
  ),
  fc.string({ maxLength: 60 }).filter((text) => {
    try {
      JSON.parse(text)
      return false
    } catch {
      return true
    }
  }),
)

/**
 * A JSON object of `bytes` bytes: mostly padded with whitespace (cheap to
 * parse, so a thousand runs stay quick), sometimes one long string.
 */
const sizedBody = (bytes: number, padded: boolean): string =>
  padded
    ? `{${' '.repeat(Math.max(0, bytes - 2))}}`
    : `{"search":"${'a'.repeat(Math.max(0, bytes - 14))}"}`

export interface BodyOptions {
  /** The route's body limit in bytes: huge bodies straddle it. */
  limitBytes: number
}

/**
 * Any body a client might send a route: valid, near-valid, random JSON,
 * not JSON, empty, and close to or over the size limit.
 */
export function requestBody(
  body: BodySpec,
  { limitBytes }: BodyOptions,
): fc.Arbitrary<GeneratedBody> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: validPairs(body).map((pairs): GeneratedBody => ({
        kind: 'valid',
        text: pairsToJson(pairs),
      })),
    },
    { weight: 12, arbitrary: nearValidBody(body) },
    {
      weight: 4,
      arbitrary: oddJson.map((text): GeneratedBody => ({ kind: 'json', text })),
    },
    {
      weight: 2,
      arbitrary: nonJsonText.map((text): GeneratedBody => ({
        kind: 'text',
        text,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<GeneratedBody>(
        { kind: 'empty', text: '' },
        { kind: 'empty', text: ' \n' },
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: limitBytes - 32, max: limitBytes + 32 }),
          fc.integer({ min: 0, max: 4 }),
        )
        .map(([bytes, variant]): GeneratedBody => ({
          kind: 'huge',
          text: sizedBody(bytes, variant > 0),
        })),
    },
  )
}

/** Content types, right and wrong. */
const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      ' application/json ;charset=UTF-8',
      'application/json; charset=latin1',
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=boundary',
      'application/jsonp',
      'application/vnd.api+json',
      'application/merge-patch+json',
      '*/*',
      '',
      ';',
      'json',
    ),
  },
)

/** Methods a client may send; `fetch` refuses CONNECT, TRACE and TRACK. */
export const method = (usual: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(usual) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'GET',
        'HEAD',
        'POST',
        'PUT',
        'PATCH',
        'DELETE',
        'OPTIONS',
        'PROPFIND',
        'X-CUSTOM',
        'post',
      ),
    },
  )

/** A header value `fetch` accepts: no NUL, CR, LF, nothing above U+00FF. */
export const headerValue: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc
      .array(fc.integer({ min: 0x20, max: 0xff }), { maxLength: 40 })
      .map((codes) => String.fromCharCode(...codes)),
    fc.integer({ min: 1_000, max: 8_000 }).map((n) => 'x'.repeat(n)),
  )
  .map((value) => value.replace(/[\0\r\n]/g, ''))

export interface HeaderOptions {
  /** The dashboard's own origin: same-origin requests carry it. */
  origin: string
  /** Authorization values that mean something to the route. */
  authorizations?: readonly string[]
  /** Cookies that mean something to the route (a valid session). */
  cookies?: readonly string[]
  /** Extra headers that mean something (a sign-in proxy's). */
  extra?: fc.Arbitrary<Record<string, string>>
}

const cookieJunk: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'sac_session=',
    'sac_session=junk',
    '__Host-sac_session=AAAA.BBBB',
    'sac_login=%7B%7D',
    '__Host-sac_login=x; __Host-sac_login=y',
    'a=b; sac_session="quoted"',
    '=; ==; ;',
    'sac_session=%E0%A4%A',
  ),
  fc
    .tuple(fc.constantFrom('sac_session', 'sac_login', 'x'), headerValue)
    .map(([name, value]) => `${name}=${value.replace(/;/g, '')}`),
)

/** Origin, Sec-Fetch-Site, Authorization, cookies and request ids, mostly right. */
export function requestHeaders({
  origin,
  authorizations = [],
  cookies = [],
  extra = fc.constant({}),
}: HeaderOptions): fc.Arbitrary<Record<string, string>> {
  // A value that means something most of the time when there is one;
  // otherwise none half the time, junk the other half.
  const some = (values: readonly string[], junk: fc.Arbitrary<string>) =>
    values.length > 0
      ? fc.option(
          fc.oneof(
            { weight: 5, arbitrary: fc.constantFrom(...values) },
            { weight: 1, arbitrary: junk },
          ),
          { nil: undefined, freq: 8 },
        )
      : fc.option(junk, { nil: undefined, freq: 2 })
  return fc
    .record({
      origin: fc.option(
        fc.oneof(
          { weight: 4, arbitrary: fc.constant(origin) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              'null',
              'https://evil.example',
              `${origin}/`,
              origin.toUpperCase(),
              origin.replace('http:', 'https:'),
              '',
            ),
          },
          { weight: 1, arbitrary: headerValue },
        ),
        { nil: undefined },
      ),
      'sec-fetch-site': fc.option(
        fc.oneof(
          fc.constantFrom('same-origin', 'same-site', 'none', 'cross-site'),
          headerValue,
        ),
        { nil: undefined, freq: 2 },
      ),
      authorization: some(
        authorizations,
        fc.oneof(
          fc.constantFrom(
            'Bearer',
            'Bearer ',
            'Bearer sacs_',
            'Bearer sacs_junk',
            'bearer sacs_AAAAAAAA',
            'Basic YWRtaW46YWRtaW4=',
            'Bearer seam_sandbox_local extra',
          ),
          headerValue,
          headerValue.map((value) => `Bearer ${value}`),
        ),
      ),
      cookie: some(cookies, cookieJunk),
      'x-request-id': fc.option(headerValue, { nil: undefined, freq: 4 }),
      'accept-encoding': fc.option(
        fc.constantFrom(
          'gzip',
          'br',
          'gzip, deflate, br',
          'identity',
          '*',
          'junk',
        ),
        { nil: undefined, freq: 3 },
      ),
      extra,
    })
    .map(({ extra: extraHeaders, ...named }) => {
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(named)) {
        if (value !== undefined) headers[name] = value
      }
      return { ...headers, ...extraHeaders }
    })
}

/** A query string: the route's own parameters (`own`), with junk or not. */
export function queryString(
  own: fc.Arbitrary<string> = fc.constant(''),
): fc.Arbitrary<string> {
  const junkPair = fc
    .tuple(
      fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'a.b', 'a[]', 'limit', ''),
        fc.string({ maxLength: 12 }),
      ),
      oddString,
    )
    .map(([key, value]) => `${encodeSegment(key)}=${encodeSegment(value)}`)
  return fc
    .tuple(
      own,
      fc.array(
        fc.oneof(
          junkPair,
          fc.constantFrom(
            '%',
            '%zz',
            '%E0%A4%A',
            'a=%00',
            '&&',
            '=',
            '+',
            'a=1&a=2',
          ),
        ),
        { maxLength: 3 },
      ),
    )
    .map(([own, junk]) =>
      [own, ...junk].filter((part) => part !== '').join('&'),
    )
}

/** Spellings of a path that must not reach it, or must reach it the same way. */
function pathVariant(path: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(path) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        `${path}/`,
        `/${path}`,
        path.replace(/\//g, '//'),
        `/${path.slice(1).replace(/\/([^/]*)$/, '%2F$1')}`,
        path.toUpperCase(),
        `${path}%00`,
        `${path}%20`,
        `${path}.json`,
        `${path};jsessionid=1`,
        path.replace(/_/g, '%5F'),
        `${path}/..`,
        `/x/..${path}`,
      ),
    },
  )
}

/** What the seeded sandbox holds, so valid bodies name real things. */
export interface SeededWorld {
  accountIds: readonly string[]
  customerKeys: readonly string[]
  customerIds: readonly string[]
  userIdentifierKeys: readonly string[]
  metadataPairs: readonly (readonly [string, string | boolean])[]
  webviewIds: readonly string[]
}

/** Page sizes both the sandbox and the dashboard accept. */
const pageSize = fc.integer({ min: 1, max: 200 })

const pick = <T>(values: readonly T[], fallback: fc.Arbitrary<T>) =>
  values.length > 0 ? fc.constantFrom(...values) : fallback

const timestamp = fc
  .date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2030-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString())

const visibleText = (max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 60) })
    .filter((value) => /[\p{L}\p{N}\p{P}\p{S}]/u.test(value))

/** The body of every Seam route the sandbox serves and the dashboard forwards. */
export function seamRouteSpecs(world: SeededWorld): Record<string, BodySpec> {
  const accountId = fc.oneof(
    { weight: 4, arbitrary: pick(world.accountIds, fc.uuid()) },
    { weight: 1, arbitrary: fc.uuid() },
  )
  const customerKey = pick(world.customerKeys, visibleText(255))
  const metadataHas = fc
    .subarray([...world.metadataPairs], { maxLength: 2 })
    .map((pairs) => Object.fromEntries(pairs))
  const metadataInput = fc.dictionary(
    fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((key) => key !== '__proto__'),
    fc.oneof(fc.string({ maxLength: 50 }), fc.boolean(), fc.constant(null)),
    { maxKeys: 5 },
  )
  const capabilities = fc.subarray([
    'lock',
    'thermostat',
    'noise_sensor',
    'access_control',
  ])
  const providers = fc.subarray(['august', 'schlage', 'yale', 'salto_ks'], {
    minLength: 1,
  })
  return {
    'connected_accounts/list': spec(
      {},
      {
        search: fc.string({ minLength: 1, maxLength: 20 }),
        custom_metadata_has: metadataHas,
        customer_ids: fc.subarray([...world.customerIds], { maxLength: 2 }),
        customer_key: customerKey,
        user_identifier_key: pick(world.userIdentifierKeys, fc.uuid()),
        limit: pageSize,
        page_cursor: fc.constant(null),
      },
    ),
    'connected_accounts/get': spec({ connected_account_id: accountId }),
    'connected_accounts/update': spec(
      { connected_account_id: accountId },
      {
        custom_metadata: metadataInput,
        display_name: visibleText(255),
        automatically_manage_new_devices: fc.boolean(),
        accepted_capabilities: capabilities,
      },
    ),
    'connected_accounts/delete': spec(
      { connected_account_id: accountId },
      { sync: fc.boolean() },
    ),
    'connected_accounts/sync': spec({ connected_account_id: accountId }),
    'connected_accounts/simulate/disconnect': spec({
      connected_account_id: accountId,
    }),
    'events/list': spec(
      { since: timestamp },
      {
        connected_account_id: accountId,
        customer_key: customerKey,
        event_type: fc.constantFrom(
          'connected_account.connected',
          'connected_account.disconnected',
          'device.connected',
        ),
        event_ids: fc.array(fc.uuid(), { maxLength: 2 }),
        limit: pageSize,
        unstable_offset: fc.integer({ min: 0, max: 100 }),
      },
    ),
    'devices/list': spec(
      {},
      {
        connected_account_id: accountId,
        connected_account_ids: fc.array(accountId, {
          minLength: 1,
          maxLength: 3,
        }),
        customer_key: customerKey,
        device_ids: fc.array(fc.uuid(), { maxLength: 2 }),
        device_type: fc.constantFrom(
          'august_lock',
          'schlage_lock',
          'ecobee_thermostat',
        ),
        limit: pageSize,
        page_cursor: fc.constant(null),
      },
    ),
    'connect_webviews/create': spec(
      {},
      {
        accepted_providers: providers,
        customer_key: customerKey,
        custom_metadata: metadataInput,
        custom_redirect_url: fc.webUrl({ validSchemes: ['https'] }),
        device_selection_mode: fc.constantFrom('none', 'single', 'multiple'),
        automatically_manage_new_devices: fc.boolean(),
        wait_for_device_creation: fc.boolean(),
        accepted_capabilities: capabilities,
      },
    ),
    'connect_webviews/get': spec({
      connect_webview_id: fc.oneof(
        pick(world.webviewIds, fc.uuid()),
        fc.uuid(),
      ),
    }),
    'workspaces/get': spec({}),
  }
}

const carriesBody = (method: string) =>
  !['GET', 'HEAD'].includes(method.toUpperCase())

/**
 * The field a request got wrong, when exactly one part of it names one: a
 * request with two things wrong may be refused for either.
 */
export function offendingOf(...fields: (string | undefined)[]): {
  offending?: string
} {
  const wrong = fields.filter((field) => field !== undefined)
  const [only] = wrong
  return wrong.length === 1 && only !== undefined ? { offending: only } : {}
}

export interface RouteRequestOptions {
  path: string
  /** The method clients use; others are tried too. */
  usualMethod: string
  body: BodySpec
  limitBytes: number
  headers: fc.Arbitrary<Record<string, string>>
  /** The route's query string (GET routes); junk half the time when left out. */
  query?: fc.Arbitrary<GeneratedQuery>
  /** The route reads no body: whatever is sent, nothing in it is at fault. */
  ignoresBody?: boolean
}

const junkQuery: fc.Arbitrary<GeneratedQuery> = fc
  .option(queryString(), { nil: '', freq: 2 })
  .map((text): GeneratedQuery => ({ text, junk: true }))

/** Requests to one route: mostly well-formed, with every part sometimes wrong. */
export function routeRequest({
  path,
  usualMethod,
  body,
  limitBytes,
  headers,
  query = junkQuery,
  ignoresBody = false,
}: RouteRequestOptions): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: method(usualMethod),
      path: pathVariant(path),
      query,
      headers,
      contentType,
      body: requestBody(body, { limitBytes }),
    })
    .map(
      ({
        method: verb,
        path: at,
        query: search,
        headers: sent,
        contentType: type,
        body: payload,
      }): FuzzRequest => {
        const carried = carriesBody(verb) ? payload : undefined
        return {
          method: verb,
          path: search.text === '' ? at : `${at}?${search.text}`,
          headers:
            type === undefined ? sent : { ...sent, 'content-type': type },
          ...(carried ? { body: carried } : {}),
          // Routes that take a body ignore the query.
          ...(carried
            ? offendingOf(ignoresBody ? undefined : carried.offending)
            : search.junk
              ? {}
              : offendingOf(search.offending)),
        }
      },
    )
}

/** Query values of a route, as strings. */
export interface QuerySpec {
  required: Record<string, fc.Arbitrary<string>>
  optional: Record<string, fc.Arbitrary<string>>
}

/**
 * A route's query string: valid, or with one parameter wrong (a bad value,
 * an unknown name, given twice, a required one missing), plus junk at times.
 */
export function routeQuery(query: QuerySpec): fc.Arbitrary<GeneratedQuery> {
  const known = [...Object.keys(query.required), ...Object.keys(query.optional)]
  const valid = fc
    .tuple(
      fc.tuple(...Object.values(query.required)),
      fc.tuple(
        ...Object.values(query.optional).map((value) =>
          fc.option(value, { nil: undefined }),
        ),
      ),
    )
    .map(([required, optional]) => {
      const pairs: [string, string][] = []
      Object.keys(query.required).forEach((key, i) => {
        pairs.push([key, required[i] ?? ''])
      })
      Object.keys(query.optional).forEach((key, i) => {
        const value = optional[i]
        if (value !== undefined) pairs.push([key, value])
      })
      return pairs
    })
  const encode = (pairs: [string, string][]) =>
    pairs.map(([key, value]) => `${encodeSegment(key)}=${encodeSegment(value)}`)
  const mutations: fc.Arbitrary<{
    field: string
    change: (pairs: [string, string][]) => [string, string][]
  }>[] = [
    fc.tuple(unknownKey(known), oddString).map(([field, value]) => ({
      field,
      change: (pairs: [string, string][]) => [...pairs, [field, value]],
    })),
  ]
  if (known.length > 0) {
    mutations.push(
      fc.tuple(fc.constantFrom(...known), oddString).map(([field, value]) => ({
        field,
        change: (pairs: [string, string][]) => [
          ...pairs.filter(([key]) => key !== field),
          [field, value],
        ],
      })),
      fc
        .tuple(fc.constantFrom(...known), oddString, oddString)
        .map(([field, a, b]) => ({
          field,
          change: (pairs: [string, string][]) => [
            ...pairs.filter(([key]) => key !== field),
            [field, a],
            [field, b],
          ],
        })),
    )
  }
  const required = Object.keys(query.required)
  if (required.length > 0) {
    mutations.push(
      fc.constantFrom(...required).map((field) => ({
        field,
        change: (pairs: [string, string][]) =>
          pairs.filter(([key]) => key !== field),
      })),
    )
  }
  return fc.oneof(
    {
      weight: 3,
      arbitrary: valid.map((pairs) => ({ text: encode(pairs).join('&') })),
    },
    {
      weight: 6,
      arbitrary: fc
        .tuple(valid, fc.oneof(...mutations))
        .map(([pairs, { field, change }]) => ({
          text: encode(change(pairs)).join('&'),
          offending: field,
        })),
    },
    {
      weight: 1,
      arbitrary: queryString().map((text): GeneratedQuery => ({
        text,
        junk: true,
      })),
    },
  )
}

const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Percent-encodes text that may hold lone surrogates (which cannot be encoded). */
export const encodeSegment = (text: string): string =>
  encodeURIComponent(text.replace(LONE_SURROGATE, '\ufffd'))

/** Paths of the site: the app's pages, files, traversal tricks and junk. */
export const sitePath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '/',
    '/accounts',
    '/accounts/4bb7e705-2fb1-49a9-b6d5-ca8f00458a17',
    '/triage',
    '/audit',
    '/embed',
    '/embed/accounts',
    '/embed/triage',
    '/index.html',
    '/assets/index-0a1b2c.js',
    '/assets/missing-123.js',
    '/favicon.svg',
    '/..%2fsandbox.db',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e%2findex.html',
    '/%00',
    '/%',
    '/%zz',
    '/.env',
    '/.git/config',
    '//evil.example',
    '/\\evil.example',
    '/api',
    '/auth',
    '/healthz/',
    `/${'a'.repeat(5_000)}`,
  ),
  fc.webPath(),
  fc
    .array(oddString, { minLength: 1, maxLength: 4 })
    .map((segments) => `/${segments.map(encodeSegment).join('/')}`),
)
