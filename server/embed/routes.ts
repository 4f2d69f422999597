import type { Context } from 'hono'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'
import type { Config } from '../config'
import { requestGuard } from '../proxy/request-guard'
import { parseClaims, rolesText, scopeProblem } from './claims'
import { isRole } from './claims'
import type {
  EmbedConfigResponse,
  EmbedScope,
  EmbedSessionResponse,
  Role,
} from './model'
import { MAX_TOKEN_LENGTH } from './protocol'
import { parseScope } from './scope'
import { sessionTokenOf } from './session-auth'
import type { SessionStore, TokenReplayGuard } from './sessions'
import type { EmbedTokenFailure } from './token'
import {
  CLOCK_SKEW_S,
  MAX_EMBED_TOKEN_LIFETIME_S,
  verifyEmbedToken,
} from './token'

const SESSION_BODY_LIMIT = 16 * 1024

/** Without EMBED_SECRET a sandbox session has the powers of the unembedded sandbox. */
const TOKENLESS_DEFAULT_ROLE: Role = 'admin'

export interface EmbedRoutesOptions {
  config: Pick<Config, 'embed' | 'upstream'>
  sessions: SessionStore
  replay: TokenReplayGuard
  publicOrigin: string | null
  now: () => number
}

type Fields = Record<string, unknown>

const isObject = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** Whether embedding can work with this configuration, and why not. */
export function embedAvailability(config: Pick<Config, 'embed' | 'upstream'>): {
  available: boolean
  reason: string | null
} {
  if (config.upstream.mode === 'seam' && config.embed.secret === null) {
    return {
      available: false,
      reason: 'Set EMBED_SECRET to embed the dashboard on a Seam workspace.',
    }
  }
  if (config.embed.origins.length === 0) {
    return {
      available: false,
      reason:
        'Set EMBED_ORIGINS to the portal origins allowed to frame the dashboard.',
    }
  }
  return { available: true, reason: null }
}

const tokenFailures: Record<
  EmbedTokenFailure,
  { type: string; message: string }
> = {
  malformed: {
    type: 'invalid_embed_token',
    message:
      'The embed token is malformed: expected sace1.<payload>.<signature>, whose payload is a JSON object with integer iat and exp.',
  },
  bad_signature: {
    type: 'invalid_embed_token',
    message:
      "The embed token's signature does not match: it was not signed with this dashboard's EMBED_SECRET, or it was changed after signing.",
  },
  expired: {
    type: 'embed_token_expired',
    message: 'The embed token has expired: ask the portal for a new one.',
  },
  not_yet_valid: {
    type: 'invalid_embed_token',
    message: `The embed token was issued in the future (iat more than ${CLOCK_SKEW_S} s ahead): check the portal's clock.`,
  },
  too_long_lived: {
    type: 'invalid_embed_token',
    message: `The embed token lives longer than ${MAX_EMBED_TOKEN_LIFETIME_S} s (exp - iat): mint tokens that expire sooner.`,
  },
}

function tooLarge(c: Context<AppEnv>): Response {
  return apiError(
    c,
    413,
    'payload_too_large',
    `The request body is larger than ${SESSION_BODY_LIMIT / 1024} KiB.`,
  )
}

/** Reads the JSON object body, or answers why it is not one. */
async function readObject(c: Context<AppEnv>): Promise<Fields | Response> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return apiError(
      c,
      400,
      'invalid_input',
      'Invalid input: the request body is not valid JSON.',
    )
  }
  if (!isObject(body)) {
    return apiError(
      c,
      400,
      'invalid_input',
      'Invalid input: the request body must be a JSON object.',
    )
  }
  return body
}

/**
 * `/api/embed`: what a frame needs to know before it starts (`GET /config`),
 * the exchange of an embed token for a session (`POST /session`), and its end
 * (`POST /session/end`).
 */
export function embedRoutes({
  config,
  sessions,
  replay,
  publicOrigin,
  now,
}: EmbedRoutesOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const { secret } = config.embed

  app.get('/config', (c) =>
    c.json<EmbedConfigResponse>({
      protocol_version: 1,
      origins: config.embed.origins,
      token_required: secret !== null,
      ...embedAvailability(config),
    }),
  )

  function startSession(
    c: Context<AppEnv>,
    fields: {
      role: Role
      scope: EmbedScope
      subject: string | null
      origin: string | null
    },
  ): Response {
    const expiresAt = now() + config.embed.sessionTtlMs
    const token = sessions.create({ ...fields, expiresAt })
    return c.json<EmbedSessionResponse>(
      {
        session_token: token,
        expires_at: new Date(expiresAt).toISOString(),
        ...fields,
      },
      201,
    )
  }

  function fromToken(c: Context<AppEnv>, key: string, body: Fields): Response {
    const extra = Object.keys(body).find((field) => field !== 'token')
    if (extra !== undefined) {
      return apiError(
        c,
        400,
        'invalid_input',
        `Invalid input: ${extra} is not accepted with a token; the token carries the role and scope.`,
      )
    }
    const { token } = body
    if (typeof token !== 'string' || token === '') {
      return apiError(
        c,
        400,
        'invalid_input',
        'Invalid input: token must be the embed token, a non-empty string.',
      )
    }
    if (token.length > MAX_TOKEN_LENGTH) {
      return apiError(
        c,
        401,
        'invalid_embed_token',
        `The embed token is longer than ${MAX_TOKEN_LENGTH} characters.`,
      )
    }
    const verified = verifyEmbedToken(token, key, now())
    if (!verified.ok) {
      const failure = tokenFailures[verified.reason]
      return apiError(c, 401, failure.type, failure.message)
    }
    const parsed = parseClaims(verified.payload, config.embed.origins)
    if (!parsed.ok) {
      return apiError(
        c,
        401,
        'invalid_embed_token',
        `The embed token's claims are invalid: ${parsed.message}.`,
      )
    }
    const { claims } = parsed
    const use = replay.use(claims.jti, claims.exp * 1_000)
    if (use === 'replayed') {
      return apiError(
        c,
        401,
        'embed_token_replayed',
        'The embed token was already exchanged for a session: each token works once. Ask the portal for a new one.',
      )
    }
    if (use === 'full') {
      return apiError(
        c,
        503,
        'embed_tokens_exhausted',
        'Too many embed tokens were exchanged recently; try again in a minute.',
        { 'retry-after': '60' },
      )
    }
    return startSession(c, {
      role: claims.role,
      scope: claims.scope,
      subject: claims.subject,
      origin: claims.origin,
    })
  }

  /** Sandbox without EMBED_SECRET: the frame states its scope and role itself. */
  function withoutToken(c: Context<AppEnv>, body: Fields): Response {
    const extra = Object.keys(body).find(
      (field) => field !== 'scope' && field !== 'role',
    )
    if (extra !== undefined) {
      const hint =
        extra === 'token'
          ? ': EMBED_SECRET is not set, so a session takes a scope and a role instead'
          : ' (send scope and role)'
      return apiError(
        c,
        400,
        'invalid_input',
        `Invalid input: ${extra} is not accepted${hint}.`,
      )
    }
    const role = body.role ?? TOKENLESS_DEFAULT_ROLE
    if (!isRole(role)) {
      return apiError(
        c,
        400,
        'invalid_input',
        `Invalid input: role must be one of ${rolesText}.`,
      )
    }
    const parsed = parseScope(body.scope ?? {})
    if (!parsed.ok) {
      return apiError(
        c,
        400,
        'invalid_input',
        `Invalid input: ${scopeProblem(parsed.field, parsed.message)}.`,
      )
    }
    return startSession(c, {
      role,
      scope: parsed.scope,
      subject: null,
      origin: null,
    })
  }

  app.post(
    '/session',
    bodyLimit({ maxSize: SESSION_BODY_LIMIT, onError: tooLarge }),
    requestGuard({ publicOrigin }),
    async (c) => {
      if (secret === null && config.upstream.mode === 'seam') {
        return apiError(
          c,
          403,
          'embedding_not_configured',
          'Embedding is not configured: set EMBED_SECRET to embed the dashboard on a Seam workspace.',
        )
      }
      const body = await readObject(c)
      if (body instanceof Response) return body
      if (secret === null) return withoutToken(c, body)
      if (body.token === undefined) {
        return Object.keys(body).length === 0
          ? apiError(
              c,
              400,
              'invalid_input',
              'Invalid input: token is required (the embed token from the portal).',
            )
          : apiError(
              c,
              403,
              'embed_token_required',
              'This dashboard needs a signed embed token (EMBED_SECRET is set): a scope or role alone is not accepted.',
            )
      }
      return fromToken(c, secret, body)
    },
  )

  // Ending needs no JSON body: it only names the session, in the header.
  app.post(
    '/session/end',
    requestGuard({ publicOrigin, requireJson: false }),
    (c) => {
      const token = sessionTokenOf(c.req.header('authorization'))
      if (token === undefined) {
        return apiError(
          c,
          400,
          'invalid_input',
          'Invalid input: send the session token as Authorization: Bearer <session_token>.',
        )
      }
      // Ending a session that is already gone is not an error: the frame is
      // signed out either way.
      sessions.end(token)
      return c.json({ ok: true })
    },
  )

  return app
}
