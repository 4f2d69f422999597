import { z } from 'zod'

import { decodeKeysetCursor, queryDigest } from '../cursor'
import {
  deviceTypeField,
  integerField,
  stringField,
  uuidField,
} from '../fields'
import { keysetPage } from '../pagination'
import { defineRoute } from '../route'
import { toDevice } from '../store'

export const DEVICES_DEFAULT_LIMIT = 500
export const DEVICES_MAX_LIMIT = 10_000
const MAX_IDS = 1_000

const uuidList = (name: string) =>
  z
    .array(uuidField(`${name}[]`), {
      invalid_type_error: `${name} must be a list of UUIDs`,
    })
    .max(MAX_IDS, `${name} may hold at most ${MAX_IDS} ids`)

export const devicesList = defineRoute({
  path: '/devices/list',
  methods: ['GET', 'POST'],
  schema: z
    .object({
      connected_account_id: uuidField('connected_account_id').optional(),
      connected_account_ids: uuidList('connected_account_ids').optional(),
      customer_key: stringField('customer_key', { max: 255 }).optional(),
      device_ids: uuidList('device_ids').optional(),
      device_type: deviceTypeField('device_type').optional(),
      device_types: z
        .array(deviceTypeField('device_types[]'), {
          invalid_type_error: 'device_types must be a list of device types',
        })
        .optional(),
      limit: integerField('limit', 1, DEVICES_MAX_LIMIT).default(
        DEVICES_DEFAULT_LIMIT,
      ),
      page_cursor: z
        .string({ invalid_type_error: 'page_cursor must be a string' })
        .nullable()
        .optional(),
    })
    .strict(),
  handle(params, { store, baseUrl }) {
    const { limit, page_cursor, ...filter } = params
    // The route is part of the digest, so a connected accounts cursor is refused here.
    const digest = queryDigest({ route: 'devices/list', ...filter })
    const after = page_cursor
      ? decodeKeysetCursor(store.cursorSecret, page_cursor, digest)
      : null
    const rows = store.listDevices(
      filter,
      after && { created_at: after.created_at, device_id: after.id },
      limit + 1,
    )
    const { page, pagination } = keysetPage(rows, {
      limit,
      positionOf: (device) => ({
        created_at: device.created_at,
        id: device.device_id,
      }),
      secret: store.cursorSecret,
      digest,
      url: `${baseUrl}/devices/list`,
      params,
    })
    return {
      devices: page.map((device) =>
        toDevice(device, store.workspaceId, baseUrl),
      ),
      pagination,
    }
  },
})
