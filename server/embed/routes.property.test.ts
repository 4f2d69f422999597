import { createHmac } from 'node:crypto'

import fc from 'fast-check'
import { afterEach, describe, it } from 'vitest'

import type {
  BodySpec,
  FuzzRequest,
  SeededWorld,
} from '../test-support/arbitraries'
import {
  nearValidBody,
  oddString,
  pairsToJson,
  requestHeaders,
  routeRequest,
  spec,
  validPairs,
} from '../test-support/arbitraries'
import type { FuzzDashboard } from '../test-support/dashboard'
import {
  FUZZ_EMBED_SECRET,
  FUZZ_ORIGIN,
  FUZZ_PORTAL,
  fuzzRoute,
  startFuzzDashboard,
} from '../test-support/dashboard'
import {
  checkAnswers,
  expectReached,
  PROPERTY_TIMEOUT_MS,
  RUNS,
  seededWorld,
} from '../test-support/fuzz'
import { ROLES } from './model'
import { MAX_TOKEN_LENGTH } from './protocol'

const SESSION_BODY_LIMIT = 16 * 1024

let d: FuzzDashboard | undefined

afterEach(() => {
  d?.cleanup()
  d = undefined
})

function start(env: Record<string, string> = {}): FuzzDashboard {
  d = startFuzzDashboard({ env })
  return d
}

/** `sace1.<claims>.<signature>`, as any portal backend writes it. */
function signClaims(claimsJson: string): string {
  const signed = `sace1.${Buffer.from(claimsJson).toString('base64url')}`
  const signature = createHmac('sha256', FUZZ_EMBED_SECRET)
    .update(signed)
    .digest('base64url')
  return `${signed}.${signature}`
}

/** Every way a scope may be written. */
function validScope(world: SeededWorld): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant({}),
    fc.record({ customer_key: fc.constantFrom(...world.customerKeys) }),
    fc.record({
      customer_ids: fc.subarray([...world.customerIds], { minLength: 1 }),
    }),
    fc.record({
      user_identifier_key: fc.constantFrom(...world.userIdentifierKeys),
    }),
    fc
      .constantFrom(...world.metadataPairs)
      .map(([key, value]) => ({ custom_metadata_has: { [key]: value } })),
  )
}

/** The claims of a token that works at `nowMs` (each jti once). */
function claimsSpec(world: SeededWorld, nowMs: number): BodySpec {
  const now = Math.floor(nowMs / 1_000)
  return spec(
    {
      v: fc.constant(1),
      jti: fc.uuid(),
      iat: fc.integer({ min: now - 20, max: now }),
      exp: fc.integer({ min: now + 60, max: now + 600 }),
      role: fc.constantFrom(...ROLES),
      scope: validScope(world),
    },
    {
      sub: fc
        .string({ minLength: 1, maxLength: 60 })
        .filter((s) => s.trim() !== ''),
      origin: fc.constant(FUZZ_PORTAL),
    },
  )
}

/** A token the way a portal, a bug or an attacker might send one. */
function tokens(
  claims: BodySpec,
): fc.Arbitrary<{ token: string; claim?: string }> {
  const valid = validPairs(claims).map((pairs) =>
    signClaims(pairsToJson(pairs)),
  )
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((token) => ({ token })) },
    {
      weight: 4,
      // Signed with the right secret, with one claim wrong.
      arbitrary: nearValidBody(claims).map((body) => {
        const token = signClaims(body.text)
        // Too long a token is refused for its length, whatever it holds.
        return body.offending === undefined || token.length > MAX_TOKEN_LENGTH
          ? { token }
          : { token, claim: body.offending }
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.nat(), fc.constantFrom('A', '.', '_', '='))
        .map(([token, at, char]) => {
          const i = at % token.length
          return { token: `${token.slice(0, i)}${char}${token.slice(i + 1)}` }
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          oddString,
          fc.constantFrom('sace1', 'sace1..', 'sace1.e30.', 'sace2.e30.x'),
          oddString.map((text) => signClaims(text)),
          fc.integer({ min: 7_990, max: 8_010 }).map((n) => 'a'.repeat(n)),
        )
        .map((token) => ({ token })),
    },
  )
}

/** Sessions start, and requests are refused, often enough to check both. */
const REACHED = { '2xx': RUNS / 20, '4xx': RUNS / 10 }

describe(
  'embed routes under 1,000 generated requests each',
  { timeout: PROPERTY_TIMEOUT_MS },
  () => {
    it('POST /api/embed/session with EMBED_SECRET: 201 or a Seam 4xx naming the field or claim', async () => {
      const dash = start()
      const claims = claimsSpec(
        seededWorld(dash.sandbox.sandbox.store),
        dash.now,
      )
      const headers = requestHeaders({ origin: FUZZ_ORIGIN })
      const requests = fc.oneof(
        routeRequest({
          path: '/api/embed/session',
          usualMethod: 'POST',
          body: spec({ token: tokens(claims).map(({ token }) => token) }),
          limitBytes: SESSION_BODY_LIMIT,
          headers,
        }),
        // A well-formed request whose token carries one wrong claim: the
        // refusal names the claim.
        fc
          .tuple(tokens(claims), headers)
          .map(([{ token, claim }, sent]): FuzzRequest => ({
            method: 'POST',
            path: '/api/embed/session',
            headers: { ...sent, 'content-type': 'application/json' },
            body: { kind: 'valid', text: JSON.stringify({ token }) },
            ...(claim === undefined ? {} : { offending: claim }),
          })),
      )
      const tally = await checkAnswers(dash.target, requests, {
        expectations: {
          namingTypes: ['invalid_input', 'invalid_embed_token'],
        },
      })
      expectReached(tally, REACHED)
    })

    it('POST /api/embed/session on the sandbox without EMBED_SECRET: 201 or a Seam 4xx naming the field', async () => {
      const dash = start({ EMBED_SECRET: '' })
      const world = seededWorld(dash.sandbox.sandbox.store)
      await fuzzRoute(dash, {
        method: 'POST',
        path: '/api/embed/session',
        body: spec(
          {},
          { role: fc.constantFrom(...ROLES), scope: validScope(world) },
        ),
        limitBytes: SESSION_BODY_LIMIT,
        headers: {},
        reached: REACHED,
      })
    })

    it.each([
      ['POST', '/api/embed/session/end'],
      ['GET', '/api/embed/config'],
    ])('%s %s: 2xx or a Seam 4xx', async (method, path) => {
      await fuzzRoute(start(), { method, path, reached: REACHED })
    })
  },
)
