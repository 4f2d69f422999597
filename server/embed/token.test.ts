import { createHmac } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import {
  CLOCK_SKEW_S,
  EMBED_TOKEN_PREFIX,
  MAX_EMBED_TOKEN_LIFETIME_S,
  mintEmbedToken,
  verifyEmbedToken,
} from './token'

const SECRET = 'embed-secret-0123456789abcdefghijklmnop'
const NOW = Date.parse('2026-11-01T12:00:00.000Z')
const NOW_S = NOW / 1_000

/** Signs any payload text, so malformed claims can carry a valid signature. */
function signed(payloadText: string, secret = SECRET): string {
  const head = `${EMBED_TOKEN_PREFIX}.${Buffer.from(payloadText).toString('base64url')}`
  const signature = createHmac('sha256', secret)
    .update(head)
    .digest('base64url')
  return `${head}.${signature}`
}

const claims = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    v: 1,
    jti: 'token-1',
    iat: NOW_S,
    exp: NOW_S + 120,
    role: 'viewer',
    scope: {},
    ...fields,
  })

describe('mintEmbedToken and verifyEmbedToken', () => {
  it('round-trips the claims', () => {
    const token = mintEmbedToken({
      secret: SECRET,
      role: 'operator',
      scope: { customer_key: 'cust_a' },
      subject: 'alice',
      origin: 'https://portal.example.com',
      now: NOW,
    })
    expect(token.startsWith('sace1.')).toBe(true)
    const verified = verifyEmbedToken(token, SECRET, NOW)
    expect(verified).toEqual({
      ok: true,
      payload: {
        v: 1,
        jti: expect.any(String) as unknown,
        iat: NOW_S,
        exp: NOW_S + 120,
        role: 'operator',
        scope: { customer_key: 'cust_a' },
        sub: 'alice',
        origin: 'https://portal.example.com',
      },
    })
  })

  it('gives every token its own jti', () => {
    const a = verifyEmbedToken(
      mintEmbedToken({ secret: SECRET, role: 'viewer', now: NOW }),
      SECRET,
      NOW,
    )
    const b = verifyEmbedToken(
      mintEmbedToken({ secret: SECRET, role: 'viewer', now: NOW }),
      SECRET,
      NOW,
    )
    if (!a.ok || !b.ok) throw new Error('not verified')
    expect((a.payload as { jti: string }).jti).not.toBe(
      (b.payload as { jti: string }).jti,
    )
  })

  it('accepts a token signed by hand, as a portal in another language would', () => {
    expect(verifyEmbedToken(signed(claims()), SECRET, NOW).ok).toBe(true)
  })

  describe('refuses a tampered token', () => {
    const token = signed(claims())
    const [prefix = '', payload = '', signature = ''] = token.split('.')
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1)

    it.each([
      ['another prefix', `sace2.${payload}.${signature}`, 'malformed'],
      ['an upper-case prefix', `SACE1.${payload}.${signature}`, 'malformed'],
      ['a changed payload', `${prefix}.${flip(payload, 5)}.${signature}`],
      [
        'a payload with more rights',
        `${prefix}.${Buffer.from(claims({ role: 'admin' })).toString('base64url')}.${signature}`,
      ],
      ['a changed signature', `${prefix}.${payload}.${flip(signature, 3)}`],
      ['a cut signature', `${prefix}.${payload}.${signature.slice(0, -2)}`],
      ['an empty signature', `${prefix}.${payload}.`],
      ['no signature', `${prefix}.${payload}`, 'malformed'],
      ['an extra part', `${token}.extra`, 'malformed'],
      ['another secret', signed(claims(), `${SECRET}-other`)],
    ])('with %s', (_name, tampered, reason = 'bad_signature') => {
      expect(verifyEmbedToken(tampered, SECRET, NOW)).toEqual({
        ok: false,
        reason,
      })
    })

    it('with the same signature bytes written another way', () => {
      // 32 bytes take 43 characters; the last one has 2 unused bits, so
      // another letter there decodes to the same bytes.
      const last = signature.at(-1) ?? ''
      const alphabet =
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
      const index = alphabet.indexOf(last)
      const sameBytes = alphabet[index ^ 1] ?? ''
      const reencoded = signature.slice(0, -1) + sameBytes
      expect(Buffer.from(reencoded, 'base64url')).toEqual(
        Buffer.from(signature, 'base64url'),
      )
      for (const variant of [
        reencoded,
        `${signature}=`,
        Buffer.from(signature, 'base64url').toString('base64'),
      ]) {
        if (variant === signature) continue
        expect(
          verifyEmbedToken(`${prefix}.${payload}.${variant}`, SECRET, NOW),
        ).toEqual({ ok: false, reason: 'bad_signature' })
      }
    })
  })

  describe('checks the times', () => {
    it('refuses an expired token', () => {
      const token = mintEmbedToken({
        secret: SECRET,
        role: 'viewer',
        ttlSeconds: 60,
        now: NOW,
      })
      expect(verifyEmbedToken(token, SECRET, NOW + 59_999).ok).toBe(true)
      expect(verifyEmbedToken(token, SECRET, NOW + 60_000)).toEqual({
        ok: false,
        reason: 'expired',
      })
    })

    it('allows clock skew on iat, and no more', () => {
      const ahead = (seconds: number) =>
        signed(claims({ iat: NOW_S + seconds, exp: NOW_S + seconds + 60 }))
      expect(verifyEmbedToken(ahead(CLOCK_SKEW_S), SECRET, NOW).ok).toBe(true)
      expect(verifyEmbedToken(ahead(CLOCK_SKEW_S + 1), SECRET, NOW)).toEqual({
        ok: false,
        reason: 'not_yet_valid',
      })
    })

    it('refuses a token that lives longer than the maximum', () => {
      const lasting = (seconds: number) =>
        mintEmbedToken({
          secret: SECRET,
          role: 'viewer',
          ttlSeconds: seconds,
          now: NOW,
        })
      expect(
        verifyEmbedToken(lasting(MAX_EMBED_TOKEN_LIFETIME_S), SECRET, NOW).ok,
      ).toBe(true)
      expect(
        verifyEmbedToken(lasting(MAX_EMBED_TOKEN_LIFETIME_S + 1), SECRET, NOW),
      ).toEqual({ ok: false, reason: 'too_long_lived' })
    })
  })

  it.each([
    ['not JSON', '{"v":1,'],
    ['null', 'null'],
    ['a string', '"token"'],
    ['a number', '42'],
    ['no iat', claims({ iat: undefined })],
    ['no exp', claims({ exp: undefined })],
    ['a fractional exp', claims({ exp: NOW_S + 60.5 })],
    ['iat as text', claims({ iat: String(NOW_S) })],
    ['exp as text', claims({ exp: String(NOW_S + 60) })],
  ])('refuses a signed payload that is %s', (_name, payload) => {
    expect(verifyEmbedToken(signed(payload), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'malformed',
    })
  })

  it.each(['', 'sace1', 'sace1..', '...', 'not-a-token', 'sacs_abc'])(
    'refuses %j as malformed or unsigned',
    (token) => {
      const verified = verifyEmbedToken(token, SECRET, NOW)
      expect(verified.ok).toBe(false)
    },
  )
})
