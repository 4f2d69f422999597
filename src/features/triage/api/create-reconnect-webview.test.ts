import { describe, expect, it } from 'vitest'

import { reconnectWebviewBody } from './create-reconnect-webview'

describe('reconnectWebviewBody', () => {
  it('carries the account provider, metadata and customer key', () => {
    expect(
      reconnectWebviewBody({
        account_type: 'salto_ks',
        custom_metadata: { property_id: 'p1', vip: true },
        customer_key: 'cust_1',
      }),
    ).toEqual({
      accepted_providers: ['salto_ks'],
      custom_metadata: { property_id: 'p1', vip: true },
      customer_key: 'cust_1',
    })
  })

  it('leaves out a missing customer key', () => {
    expect(
      reconnectWebviewBody({
        account_type: 'august',
        custom_metadata: {},
        customer_key: null,
      }),
    ).toEqual({ accepted_providers: ['august'], custom_metadata: {} })
  })
})
