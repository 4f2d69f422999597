import type { Device } from '@seamapi/types/connect'
import { queryOptions, useQuery } from '@tanstack/react-query'

import { apiPost, type ApiRequestOptions } from '../../../lib/api-client'
import { connectedAccountKeys } from './keys'

/** The most the dashboard server lets a list ask for at once. */
export const DEVICES_PAGE_LIMIT = 200

export interface ListDevicesResponse {
  devices: Device[]
  pagination?: { has_next_page?: boolean; next_page_cursor?: string | null }
}

export interface DeviceCount {
  count: number
  /** More than `count`: show "200+". */
  more: boolean
}

export async function countAccountDevices(
  connected_account_id: string,
  options?: ApiRequestOptions,
): Promise<DeviceCount> {
  const body = await apiPost<ListDevicesResponse>(
    'devices/list',
    { connected_account_id, limit: DEVICES_PAGE_LIMIT },
    options,
  )
  return {
    count: body.devices.length,
    more: body.pagination?.has_next_page === true,
  }
}

export const accountDeviceCountQueryOptions = (params: {
  connected_account_id: string
}) =>
  queryOptions({
    queryKey: connectedAccountKeys.devices(params),
    queryFn: ({ signal }) =>
      countAccountDevices(params.connected_account_id, { signal }),
  })

export const useAccountDeviceCount = (params: {
  connected_account_id: string
}) => useQuery(accountDeviceCountQueryOptions(params))
