import { z } from 'zod'

import { integerField, stringField, timestampField, uuidField } from '../fields'
import { defineRoute } from '../route'

/** Seam filters by resources this sandbox has no events for: such a filter matches nothing. */
const otherResourceFilters = [
  'device_id',
  'acs_system_id',
  'access_code_id',
  'acs_entrance_id',
  'acs_user_id',
  'user_identity_id',
  'access_grant_id',
  'access_method_id',
  'acs_credential_id',
  'space_id',
  'acs_access_group_id',
  'acs_encoder_id',
] as const
const otherResourceListFilters = [
  'device_ids',
  'acs_system_ids',
  'access_code_ids',
  'access_grant_ids',
  'access_method_ids',
  'space_ids',
] as const

const idShape = Object.fromEntries([
  ...otherResourceFilters.map((name) => [name, uuidField(name).optional()]),
  ...otherResourceListFilters.map((name) => [
    name,
    z.array(uuidField(name)).optional(),
  ]),
]) as Record<
  (typeof otherResourceFilters)[number],
  z.ZodOptional<z.ZodString>
> &
  Record<
    (typeof otherResourceListFilters)[number],
    z.ZodOptional<z.ZodArray<z.ZodString>>
  >

export const EVENTS_DEFAULT_LIMIT = 500
export const EVENTS_MAX_LIMIT = 10_000

export const eventsList = defineRoute({
  path: '/events/list',
  methods: ['GET', 'POST'],
  schema: z
    .object({
      since: timestampField('since').optional(),
      between: z
        .array(timestampField('between[]'), {
          invalid_type_error: 'between must be a list of two timestamps',
        })
        .length(2, 'between must hold exactly two timestamps')
        .optional(),
      connected_account_id: uuidField('connected_account_id').optional(),
      connect_webview_id: uuidField('connect_webview_id').optional(),
      customer_key: stringField('customer_key', { max: 255 }).optional(),
      event_type: stringField('event_type', { max: 100 }).optional(),
      event_types: z
        .array(stringField('event_types[]', { max: 100 }))
        .optional(),
      event_ids: z.array(uuidField('event_ids[]')).optional(),
      limit: integerField('limit', 1, EVENTS_MAX_LIMIT).default(
        EVENTS_DEFAULT_LIMIT,
      ),
      unstable_offset: integerField(
        'unstable_offset',
        0,
        Number.MAX_SAFE_INTEGER,
      ).default(0),
      ...idShape,
    })
    .strict()
    .superRefine((params, ctx) => {
      if (params.since === undefined && params.between === undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['since'],
          message: 'since or between is required',
        })
      }
    }),
  handle(params, { store }) {
    const filtersOtherResource =
      otherResourceFilters.some((name) => params[name] !== undefined) ||
      otherResourceListFilters.some((name) => params[name] !== undefined)
    if (filtersOtherResource) return { events: [] }
    const eventTypes =
      params.event_type !== undefined || params.event_types !== undefined
        ? [
            ...(params.event_type === undefined ? [] : [params.event_type]),
            ...(params.event_types ?? []),
          ]
        : undefined
    const events = store.listEvents({
      connected_account_id: params.connected_account_id,
      connect_webview_id: params.connect_webview_id,
      customer_key: params.customer_key,
      event_types: eventTypes,
      event_ids: params.event_ids,
      since: params.since,
      after: params.between?.[0],
      before: params.between?.[1],
      limit: params.limit,
      offset: params.unstable_offset,
    })
    return { events }
  },
})
