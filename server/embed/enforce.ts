import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'
import { roleRefusal } from '../auth/require-role'
import type { AllowedRoute } from '../proxy/allowlist'
import type { BeforeForward } from '../proxy/forward'
import type { UpstreamReadOptions } from '../triage/upstream-read'
import {
  failureOf,
  readUpstream,
  UpstreamFailure,
} from '../triage/upstream-read'
import type { EmbedScope } from './model'
import type { ScopeRefusal } from './scope'
import {
  accountShowsScope,
  checkUpdateBody,
  isEmptyScope,
  listFiltersOf,
  needsListCheck,
  scopeListBody,
  scopeWebviewBody,
} from './scope'

type Fields = Record<string, unknown>

/** Account ids one events or devices request may name in a scoped session. */
export const MAX_SCOPED_ACCOUNT_IDS = 100
/** Results of the membership search; a full id matches one account. */
const MEMBERSHIP_SEARCH_LIMIT = 100

type Membership =
  | { kind: 'inside' }
  | { kind: 'outside' }
  | {
      kind: 'failed'
      status: ContentfulStatusCode
      type: string
      message: string
    }

const isObject = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const failed = (
  status: number,
  failure: UpstreamFailure,
): Extract<Membership, { kind: 'failed' }> => ({
  kind: 'failed',
  status: status as ContentfulStatusCode,
  type: failure.type,
  message: failure.message,
})

/** The status the proxy answers a read that never got an answer with. */
const statusOfFailure = (failure: UpstreamFailure): number =>
  failure.type === 'upstream_timeout' ? 504 : 502

const isSuccess = (status: number) => status >= 200 && status < 300

/**
 * Whether an account is inside a scope, asked of the upstream: the account
 * itself for its customer key and metadata, and, for customer ids and user
 * identifier keys that the account object does not show, the upstream's own
 * list filters with a search for the id.
 */
export async function checkMembership(
  options: UpstreamReadOptions,
  scope: EmbedScope,
  connectedAccountId: string,
  requestId: string,
): Promise<Membership> {
  const id = connectedAccountId.toLowerCase()
  try {
    const read = await readUpstream(
      options,
      'connected_accounts/get',
      { connected_account_id: connectedAccountId },
      requestId,
    )
    if (read.status === 404) return { kind: 'outside' }
    if (!isSuccess(read.status)) {
      return failed(read.status, failureOf(read, options.redact))
    }
    const account = isObject(read.body) ? read.body.connected_account : null
    if (!accountShowsScope(account, scope)) return { kind: 'outside' }
    if (!needsListCheck(scope)) return { kind: 'inside' }

    const listed = await readUpstream(
      options,
      'connected_accounts/list',
      { ...listFiltersOf(scope), search: id, limit: MEMBERSHIP_SEARCH_LIMIT },
      requestId,
    )
    if (!isSuccess(listed.status)) {
      return failed(listed.status, failureOf(listed, options.redact))
    }
    const accounts =
      isObject(listed.body) && Array.isArray(listed.body.connected_accounts)
        ? (listed.body.connected_accounts as unknown[])
        : []
    const found = accounts.some(
      (item) =>
        isObject(item) &&
        typeof item.connected_account_id === 'string' &&
        item.connected_account_id.toLowerCase() === id,
    )
    return { kind: found ? 'inside' : 'outside' }
  } catch (error) {
    if (error instanceof UpstreamFailure) {
      return failed(statusOfFailure(error), error)
    }
    throw error
  }
}

const refuseIf = (c: Context<AppEnv>, refusal: ScopeRefusal | undefined) =>
  refusal ? refuse(c, refusal) : null

function refuse(c: Context<AppEnv>, refusal: ScopeRefusal): Response {
  return apiError(
    c,
    refusal.type === 'out_of_scope' ? 403 : 400,
    refusal.type,
    refusal.message,
  )
}

/** The answer for an account outside the scope: the same as for one that does not exist. */
const accountNotFound = (c: Context<AppEnv>) =>
  apiError(
    c,
    404,
    'connected_account_not_found',
    'Connected account not found.',
  )

const idRequired = (c: Context<AppEnv>) =>
  apiError(
    c,
    400,
    'invalid_input',
    'Invalid input: connected_account_id is required and must be a string.',
  )

/**
 * Keeps the requests of an embedded session to its role and scope, before
 * the proxy forwards them. Requests without a session pass unchanged.
 */
export function createEmbedEnforcement(
  options: UpstreamReadOptions,
): BeforeForward {
  /**
   * A request on one account, by connected_account_id: checked before
   * anything else, so nothing tells an account outside the scope from one
   * that does not exist, and nothing is forwarded for it.
   */
  async function accountInScope(
    c: Context<AppEnv>,
    scope: EmbedScope,
    body: Fields,
  ): Promise<Response | null> {
    const id = body.connected_account_id
    if (typeof id !== 'string' || id === '') return idRequired(c)
    const membership = await checkMembership(
      options,
      scope,
      id,
      c.get('requestId'),
    )
    if (membership.kind === 'inside') return null
    if (membership.kind === 'outside') return accountNotFound(c)
    return apiError(c, membership.status, membership.type, membership.message)
  }

  /** events/list and devices/list: only for named accounts, all in scope. */
  async function accountsInScope(
    c: Context<AppEnv>,
    scope: EmbedScope,
    body: Fields,
  ): Promise<Response | null> {
    const one = body.connected_account_id
    const many = body.connected_account_ids
    const outside = (field: string) =>
      apiError(
        c,
        403,
        'out_of_scope',
        `${field} must name connected accounts in this session's scope.`,
      )
    if (one === undefined && many === undefined) {
      return apiError(
        c,
        403,
        'out_of_scope',
        "connected_account_id is required in a scoped session: name a connected account in this session's scope.",
      )
    }
    const ids: { field: string; id: string }[] = []
    if (one !== undefined) {
      if (typeof one !== 'string' || one === '') return idRequired(c)
      ids.push({ field: 'connected_account_id', id: one })
    }
    if (many !== undefined) {
      if (
        !Array.isArray(many) ||
        many.length === 0 ||
        many.length > MAX_SCOPED_ACCOUNT_IDS ||
        !many.every((id): id is string => typeof id === 'string' && id !== '')
      ) {
        return apiError(
          c,
          400,
          'invalid_input',
          `Invalid input: connected_account_ids must be a list of 1 to ${MAX_SCOPED_ACCOUNT_IDS} ids.`,
        )
      }
      for (const id of many) ids.push({ field: 'connected_account_ids', id })
    }
    for (const { field, id } of ids) {
      const membership = await checkMembership(
        options,
        scope,
        id,
        c.get('requestId'),
      )
      // A missing account and one outside the scope answer alike.
      if (membership.kind === 'outside') return outside(field)
      if (membership.kind === 'failed') {
        return apiError(
          c,
          membership.status,
          membership.type,
          membership.message,
        )
      }
    }
    return null
  }

  return async (c, route: AllowedRoute, body) => {
    const session = c.get('session')
    if (!session) return body
    const refused = roleRefusal(c, route.path)
    if (refused) return refused
    const { scope } = session
    if (isEmptyScope(scope)) return body

    switch (route.path) {
      case 'connected_accounts/list': {
        const scoped = scopeListBody(body, scope)
        return scoped.ok ? scoped.body : refuse(c, scoped)
      }
      case 'connect_webviews/create': {
        const scoped = scopeWebviewBody(body, scope)
        return scoped.ok ? scoped.body : refuse(c, scoped)
      }
      case 'events/list':
      case 'devices/list':
        return (await accountsInScope(c, scope, body)) ?? body
      case 'connected_accounts/get':
        // An email could name any account of the workspace.
        if (body.email !== undefined) {
          return apiError(
            c,
            403,
            'out_of_scope',
            'email cannot be used in a scoped session: read a connected account by its connected_account_id.',
          )
        }
        return (await accountInScope(c, scope, body)) ?? body
      case 'connected_accounts/update':
        return (
          (await accountInScope(c, scope, body)) ??
          refuseIf(c, checkUpdateBody(body, scope)) ??
          body
        )
      case 'connected_accounts/delete':
      case 'connected_accounts/sync':
      case 'connected_accounts/simulate/disconnect':
        return (await accountInScope(c, scope, body)) ?? body
      default:
        return apiError(
          c,
          403,
          'out_of_scope',
          `/api/${route.path} is not available to a scoped session.`,
        )
    }
  }
}
