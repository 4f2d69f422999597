import type { Context, MiddlewareHandler } from 'hono'
import { Hono } from 'hono'

import { apiError } from '../api-error'
import type { AppEnv } from '../app-env'
import { requireRole } from '../auth/require-role'
import { checkMembership } from '../embed/enforce'
import { isEmptyScope } from '../embed/scope'
import type { UpstreamReadOptions } from '../triage/upstream-read'
import { CSV_BOM, csvHeader, csvRow } from './csv'
import { decodeCursor, encodeCursor } from './cursor'
import type { AuditListResponse } from './model'
import type { ListQuery } from './query'
import {
  InvalidParam,
  parseAccountQuery,
  parseExportQuery,
  parseListQuery,
} from './query'
import type { AuditFilters, AuditStore } from './store'

/** Records read per query while a CSV export streams. */
const EXPORT_PAGE_SIZE = 500

export interface AuditRoutesOptions {
  store: AuditStore
  /** Reads the upstream to tell whether an account is in an embedded session's scope. */
  read: UpstreamReadOptions
  now: () => number
}

const invalid = (c: Context<AppEnv>, error: InvalidParam) =>
  apiError(c, 400, 'invalid_input', error.message)

/**
 * `/api/audit`: the log (admins), its CSV export (admins), and one
 * account's recent records (viewers).
 */
export function auditRoutes({
  store,
  read,
  now,
}: AuditRoutesOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  /**
   * The whole log names accounts of every customer: an embedded session
   * limited to some of them cannot read it, whatever its role.
   */
  const wholeWorkspaceOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
    const scope = c.get('session')?.scope
    if (scope && !isEmptyScope(scope)) {
      return apiError(
        c,
        403,
        'out_of_scope',
        "The audit log is not available to a scoped session: read one account's records at /api/audit/account/:connected_account_id.",
      )
    }
    await next()
    return
  }

  function page(c: Context<AppEnv>, query: ListQuery): Response {
    let before: string | undefined
    if (query.cursor !== undefined) {
      const decoded = decodeCursor(query.cursor, query.filters)
      if (!decoded.ok) {
        return invalid(
          c,
          new InvalidParam(
            'cursor',
            decoded.reason === 'other_filters'
              ? 'was made for other filters: keep the filters of the page it came from, or start again without a cursor'
              : 'is not a cursor this API gave out',
          ),
        )
      }
      before = decoded.before
    }
    const { records, lastId } = store.list(query.filters, query.limit, before)
    return c.json<AuditListResponse>({
      ok: true,
      records,
      pagination: {
        has_next_page: lastId !== null,
        next_page_cursor:
          lastId === null ? null : encodeCursor(lastId, query.filters),
      },
    })
  }

  app.get('/', requireRole('audit/list'), wholeWorkspaceOnly, (c) => {
    try {
      return page(c, parseListQuery(c.req.queries()))
    } catch (error) {
      if (error instanceof InvalidParam) return invalid(c, error)
      throw error
    }
  })

  app.get(
    '/export.csv',
    requireRole('audit/export'),
    wholeWorkspaceOnly,
    (c) => {
      let filters: AuditFilters
      try {
        filters = parseExportQuery(c.req.queries())
      } catch (error) {
        if (error instanceof InvalidParam) return invalid(c, error)
        throw error
      }
      const encoder = new TextEncoder()
      let before: string | undefined
      let done = false
      // Page by page, newest first: each read is short, so recording goes on
      // while a large export streams, and nothing is cut off.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(CSV_BOM + csvHeader()))
        },
        pull(controller) {
          if (done) return
          const { records, lastId } = store.list(
            filters,
            EXPORT_PAGE_SIZE,
            before,
          )
          if (records.length > 0) {
            controller.enqueue(encoder.encode(records.map(csvRow).join('')))
          }
          if (lastId === null) {
            done = true
            controller.close()
          } else {
            before = lastId
          }
        },
      })
      const day = new Date(now()).toISOString().slice(0, 10)
      return c.body(stream, 200, {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="audit-${day}.csv"`,
      })
    },
  )

  app.get(
    '/account/:connected_account_id',
    requireRole('audit/account'),
    async (c) => {
      let query: ListQuery
      try {
        query = parseAccountQuery(
          c.req.queries(),
          c.req.param('connected_account_id'),
        )
      } catch (error) {
        if (error instanceof InvalidParam) return invalid(c, error)
        throw error
      }
      // An embedded session sees only its scope: an account outside it
      // answers as one that does not exist.
      const scope = c.get('session')?.scope
      const id = query.filters.connected_account_id
      if (scope && !isEmptyScope(scope) && id !== undefined) {
        const membership = await checkMembership(
          read,
          scope,
          id,
          c.get('requestId'),
        )
        if (membership.kind === 'outside') {
          return apiError(
            c,
            404,
            'connected_account_not_found',
            'Connected account not found.',
          )
        }
        if (membership.kind === 'failed') {
          return apiError(
            c,
            membership.status,
            membership.type,
            membership.message,
          )
        }
      }
      return page(c, query)
    },
  )

  return app
}
