import { describe, expect, it } from 'vitest'

import { reconnectWebviewBody } from './create-reconnect-webview'

describe('reconnectWebviewBody', () => {
  it('carries the account metadata and customer key', () => {
    expect(
      reconnectWebviewBody({
        custom_metadata: { property_id: 'p1', vip: true },
        customer_key: 'cust_1',
      }),
    ).toEqual({
      custom_metadata: { property_id: 'p1', vip: true },
      customer_key: 'cust_1',
    })
  })

  it('leaves out a missing customer key', () => {
    expect(
      reconnectWebviewBody({ custom_metadata: {}, customer_key: null }),
    ).toEqual({ custom_metadata: {} })
  })
})
