import { z } from 'zod'

import { connectedAccountNotFound } from '../errors'
import { stringField, uuidField } from '../fields'
import { defineRoute } from '../route'
import { toConnectedAccount } from '../store'

export const connectedAccountsGet = defineRoute({
  path: '/connected_accounts/get',
  methods: ['GET', 'POST'],
  schema: z
    .object({
      connected_account_id: uuidField('connected_account_id').optional(),
      email: stringField('email', { max: 320 })
        .refine(
          (value) => z.string().email().safeParse(value).success,
          'email must be an email address',
        )
        .optional(),
    })
    .strict()
    .superRefine((params, ctx) => {
      const given = [params.connected_account_id, params.email].filter(
        (v) => v !== undefined,
      )
      if (given.length !== 1) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['connected_account_id'],
          message:
            'connected_account_id or email is required (exactly one of them)',
        })
      }
    }),
  handle(params, { store, baseUrl }) {
    const account =
      params.connected_account_id !== undefined
        ? store.getAccount(params.connected_account_id)
        : params.email !== undefined
          ? store.getAccountByEmail(params.email)
          : undefined
    if (!account) throw connectedAccountNotFound()
    return { connected_account: toConnectedAccount(account, baseUrl) }
  },
})
