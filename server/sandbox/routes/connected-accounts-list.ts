import { z } from 'zod'

import { decodeKeysetCursor, queryDigest } from '../cursor'
import {
  customMetadataFilter,
  integerField,
  stringField,
  uuidField,
} from '../fields'
import { keysetPage } from '../pagination'
import { defineRoute } from '../route'
import { toConnectedAccount } from '../store'

/** Seam's documented default page size. */
export const LIST_DEFAULT_LIMIT = 11_000

export const connectedAccountsList = defineRoute({
  path: '/connected_accounts/list',
  methods: ['GET', 'POST'],
  schema: z
    .object({
      search: stringField('search', { max: 1_000 }).optional(),
      custom_metadata_has: customMetadataFilter.optional(),
      customer_ids: z
        .array(uuidField('customer_ids[]'), {
          invalid_type_error: 'customer_ids must be a list of UUIDs',
        })
        .max(1_000, 'customer_ids may hold at most 1000 ids')
        .optional(),
      customer_key: stringField('customer_key', { max: 255 }).optional(),
      user_identifier_key: stringField('user_identifier_key', {
        max: 255,
      }).optional(),
      limit: integerField('limit', 1, LIST_DEFAULT_LIMIT).default(
        LIST_DEFAULT_LIMIT,
      ),
      page_cursor: z
        .string({ invalid_type_error: 'page_cursor must be a string' })
        .nullable()
        .optional(),
    })
    .strict(),
  handle(params, { store, baseUrl }) {
    const { limit, page_cursor, ...filter } = params
    const digest = queryDigest(filter)
    const after = page_cursor
      ? decodeKeysetCursor(store.cursorSecret, page_cursor, digest)
      : null
    const rows = store.listAccounts(
      filter,
      after && { created_at: after.created_at, connected_account_id: after.id },
      limit + 1,
    )
    const { page, pagination } = keysetPage(rows, {
      limit,
      positionOf: (account) => ({
        created_at: account.created_at,
        id: account.connected_account_id,
      }),
      secret: store.cursorSecret,
      digest,
      url: `${baseUrl}/connected_accounts/list`,
      params,
    })
    return {
      connected_accounts: page.map((account) =>
        toConnectedAccount(account, baseUrl),
      ),
      pagination,
    }
  },
})
