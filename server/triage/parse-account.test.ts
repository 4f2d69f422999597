import { describe, expect, it } from 'vitest'

import { toTriageAccount } from './parse-account'

const base = {
  connected_account_id: 'a1',
  created_at: '2026-01-01T00:00:00.000Z',
  account_type: 'salto_ks',
  account_type_display_name: 'Salto KS',
  display_name: 'Front desk',
  customer_key: 'cust_1',
  custom_metadata: { ticket: 'SUP-1', vip: true },
  user_identifier: { email: 'owner@example.com' },
  automatically_manage_new_devices: true,
  accepted_capabilities: ['lock'],
  errors: [],
  warnings: [],
}

describe('toTriageAccount', () => {
  it('is null for a healthy account', () => {
    expect(toTriageAccount(base)).toBeNull()
  })

  it('keeps only what the triage page shows', () => {
    const account = toTriageAccount({
      ...base,
      errors: [
        {
          error_code: 'salto_ks_subscription_limit_exceeded',
          message: 'Over the limit',
          created_at: '2026-03-02T00:00:00.000Z',
          is_connected_account_error: true,
          is_bridge_error: false,
          salto_ks_metadata: {
            sites: [
              {
                site_id: 's1',
                site_name: 'Main',
                subscribed_site_user_count: 11,
                site_user_subscription_limit: 10,
              },
            ],
          },
        },
      ],
      warnings: [
        {
          warning_code: 'scheduled_maintenance_window',
          message: 'Maintenance',
          created_at: '2026-02-01T00:00:00.000Z',
        },
      ],
    })
    expect(account).toEqual({
      connected_account_id: 'a1',
      display_name: 'Front desk',
      account_type: 'salto_ks',
      account_type_display_name: 'Salto KS',
      customer_key: 'cust_1',
      custom_metadata: { ticket: 'SUP-1', vip: true },
      errors: [
        {
          error_code: 'salto_ks_subscription_limit_exceeded',
          message: 'Over the limit',
          created_at: '2026-03-02T00:00:00.000Z',
          salto_ks_metadata: {
            sites: [
              {
                site_id: 's1',
                site_name: 'Main',
                subscribed_site_user_count: 11,
                site_user_subscription_limit: 10,
              },
            ],
          },
        },
      ],
      warnings: [
        {
          warning_code: 'scheduled_maintenance_window',
          message: 'Maintenance',
          created_at: '2026-02-01T00:00:00.000Z',
        },
      ],
      severity: 'error',
      since: '2026-02-01T00:00:00.000Z',
    })
  })

  it('keeps problems with codes it does not know, and fields missing or malformed', () => {
    const account = toTriageAccount({
      connected_account_id: 'a2',
      custom_metadata: { ok: 'yes', nested: { no: 1 }, count: 3 },
      errors: ['not an object'],
      warnings: [
        { warning_code: 'brand_new_warning', created_at: 'not a date' },
        { message: 'no code' },
      ],
    })
    expect(account).toMatchObject({
      display_name: '',
      account_type: '',
      customer_key: null,
      custom_metadata: { ok: 'yes' },
      errors: [],
      warnings: [
        {
          warning_code: 'brand_new_warning',
          message: '',
          created_at: 'not a date',
        },
        { warning_code: 'unknown', message: 'no code', created_at: '' },
      ],
      severity: 'warning',
      since: null,
    })
  })

  it('skips an account without an id', () => {
    expect(
      toTriageAccount({ ...base, connected_account_id: 7, errors: [{}] }),
    ).toBeNull()
  })
})
