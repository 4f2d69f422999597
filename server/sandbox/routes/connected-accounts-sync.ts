import { z } from 'zod'

import { connectedAccountNotFound } from '../errors'
import { uuidField } from '../fields'
import { defineRoute } from '../route'

export const connectedAccountsSync = defineRoute({
  path: '/connected_accounts/sync',
  methods: ['POST'],
  schema: z
    .object({ connected_account_id: uuidField('connected_account_id') })
    .strict(),
  handle({ connected_account_id }, { store, requestSync }) {
    if (!store.getAccount(connected_account_id))
      throw connectedAccountNotFound()
    requestSync(connected_account_id)
    return {}
  },
})
