import { z } from 'zod'

import { definedFields } from '../defined-fields'
import { connectedAccountNotFound, invalidInput } from '../errors'
import {
  acceptedCapabilities,
  booleanField,
  customMetadataInput,
  uuidField,
  visibleStringField,
} from '../fields'
import { defineRoute } from '../route'
import { toConnectedAccount } from '../store'

export const connectedAccountsUpdate = defineRoute({
  path: '/connected_accounts/update',
  methods: ['POST', 'PATCH'],
  schema: z
    .object({
      connected_account_id: uuidField('connected_account_id'),
      custom_metadata: customMetadataInput.optional(),
      display_name: visibleStringField('display_name', 255).optional(),
      automatically_manage_new_devices: booleanField(
        'automatically_manage_new_devices',
      ).optional(),
      accepted_capabilities: acceptedCapabilities.optional(),
      customer_key: visibleStringField('customer_key', 255).optional(),
    })
    .strict(),
  handle({ connected_account_id, ...patch }, { store, baseUrl }) {
    const current = store.getAccount(connected_account_id)
    if (!current) throw connectedAccountNotFound()
    if (
      patch.customer_key !== undefined &&
      current.customer_key !== null &&
      current.customer_key !== patch.customer_key
    ) {
      throw invalidInput(
        'Invalid input: customer_key can only be set on a connected account that has no customer yet.',
        {
          customer_key: ['The connected account already belongs to a customer'],
        },
      )
    }
    const updated = store.updateAccount(
      connected_account_id,
      definedFields(patch),
    )
    if (!updated) throw connectedAccountNotFound()
    return { connected_account: toConnectedAccount(updated, baseUrl) }
  },
})
