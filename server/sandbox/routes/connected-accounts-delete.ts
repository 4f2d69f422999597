import { z } from 'zod'

import { connectedAccountNotFound } from '../errors'
import { booleanField, uuidField } from '../fields'
import { defineRoute } from '../route'

export const connectedAccountsDelete = defineRoute({
  path: '/connected_accounts/delete',
  methods: ['POST', 'DELETE'],
  schema: z
    .object({
      connected_account_id: uuidField('connected_account_id'),
      // Accepted for compatibility with Seam; deletion here is always immediate.
      sync: booleanField('sync').optional(),
    })
    .strict(),
  handle({ connected_account_id }, { store }) {
    if (!store.deleteAccount(connected_account_id))
      throw connectedAccountNotFound()
    return {}
  },
})
