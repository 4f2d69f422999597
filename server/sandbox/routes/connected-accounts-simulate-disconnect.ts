import { z } from 'zod'

import { connectedAccountNotFound } from '../errors'
import { uuidField } from '../fields'
import { defineRoute } from '../route'

export const connectedAccountsSimulateDisconnect = defineRoute({
  path: '/connected_accounts/simulate/disconnect',
  methods: ['POST'],
  schema: z
    .object({ connected_account_id: uuidField('connected_account_id') })
    .strict(),
  handle({ connected_account_id }, { store }) {
    if (!store.simulateDisconnect(connected_account_id))
      throw connectedAccountNotFound()
    return {}
  },
})
