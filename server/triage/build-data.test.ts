import { describe, expect, it } from 'vitest'

import { buildTriageData } from './build-data'
import type { SaltoKsSiteReport, TriageAccount } from './model'

function account(
  id: string,
  problems: {
    errors?: [code: string, at: string, sites?: SaltoKsSiteReport[]][]
    warnings?: [code: string, at: string, sites?: SaltoKsSiteReport[]][]
  },
): TriageAccount {
  const fields = ([, at, sites]: [string, string, SaltoKsSiteReport[]?]) => ({
    message: 'm',
    created_at: at,
    ...(sites ? { salto_ks_metadata: { sites } } : {}),
  })
  const errors = (problems.errors ?? []).map((p) => ({
    error_code: p[0],
    ...fields(p),
  }))
  const warnings = (problems.warnings ?? []).map((p) => ({
    warning_code: p[0],
    ...fields(p),
  }))
  const dates = [...errors, ...warnings]
    .map((p) => p.created_at)
    .filter((at) => !Number.isNaN(Date.parse(at)))
    .sort()
  return {
    connected_account_id: id,
    display_name: id,
    account_type: 'august',
    account_type_display_name: 'August',
    customer_key: null,
    custom_metadata: {},
    errors,
    warnings,
    severity: errors.length > 0 ? 'error' : 'warning',
    since: dates[0] ?? null,
  }
}

const site = (
  site_id: string,
  subscribed_site_user_count: number,
  site_user_subscription_limit: number,
): SaltoKsSiteReport => ({
  site_id,
  site_name: `Site ${site_id}`,
  subscribed_site_user_count,
  site_user_subscription_limit,
})

describe('buildTriageData', () => {
  it('puts every account with an error before those with warnings only, oldest problem first', () => {
    const data = buildTriageData(
      [
        account('w-old', { warnings: [['w', '2026-01-01T00:00:00Z']] }),
        account('e-new', { errors: [['e', '2026-05-01T00:00:00Z']] }),
        account('undated', { errors: [['e', '']] }),
        account('e-old', {
          errors: [['e', '2026-04-01T00:00:00Z']],
          warnings: [['w', '2026-02-01T00:00:00Z']],
        }),
      ],
      10,
    )
    expect(data.queue.map((a) => a.connected_account_id)).toEqual([
      'e-old',
      'e-new',
      'undated',
      'w-old',
    ])
    expect(data.totals).toEqual({
      accounts_scanned: 10,
      accounts_healthy: 6,
      accounts_with_problems: 4,
      accounts_with_errors: 3,
    })
  })

  it('counts accounts per code, errors first, unknown codes included', () => {
    const data = buildTriageData(
      [
        account('a', {
          errors: [
            ['account_disconnected', '2026-01-01T00:00:00Z'],
            ['account_disconnected', '2026-01-02T00:00:00Z'],
          ],
        }),
        account('b', {
          errors: [['brand_new_error', '2026-01-01T00:00:00Z']],
          warnings: [['account_disconnected', '2026-01-01T00:00:00Z']],
        }),
        account('c', { warnings: [['brand_new_warning', '']] }),
        account('d', { warnings: [['brand_new_warning', '']] }),
      ],
      4,
    )
    expect(data.problem_counts).toEqual([
      { kind: 'error', code: 'account_disconnected', accounts: 1 },
      { kind: 'error', code: 'brand_new_error', accounts: 1 },
      { kind: 'warning', code: 'brand_new_warning', accounts: 2 },
      { kind: 'warning', code: 'account_disconnected', accounts: 1 },
    ])
  })

  it('lists each Salto KS site once, latest report wins, fullest first', () => {
    const data = buildTriageData(
      [
        account('a', {
          errors: [
            [
              'salto_ks_subscription_limit_exceeded',
              '2026-01-01T00:00:00Z',
              [site('s1', 90, 100)],
            ],
          ],
        }),
        account('b', {
          warnings: [
            [
              'salto_ks_subscription_limit_almost_reached',
              '2026-02-01T00:00:00Z',
              [site('s1', 101, 100), site('s2', 9, 10)],
            ],
          ],
        }),
        account('c', {
          warnings: [['other', '2026-03-01T00:00:00Z', [site('s3', 5, 0)]]],
        }),
      ],
      3,
    )
    expect(data.salto_ks_sites).toEqual([
      {
        site_id: 's1',
        site_name: 'Site s1',
        subscribed_site_user_count: 101,
        site_user_subscription_limit: 100,
        usage: 1.01,
        connected_account_ids: ['a', 'b'],
      },
      {
        site_id: 's2',
        site_name: 'Site s2',
        subscribed_site_user_count: 9,
        site_user_subscription_limit: 10,
        usage: 0.9,
        connected_account_ids: ['b'],
      },
      {
        site_id: 's3',
        site_name: 'Site s3',
        subscribed_site_user_count: 5,
        site_user_subscription_limit: 0,
        usage: null,
        connected_account_ids: ['c'],
      },
    ])
  })

  it('is empty for a healthy workspace', () => {
    expect(buildTriageData([], 5)).toEqual({
      totals: {
        accounts_scanned: 5,
        accounts_healthy: 5,
        accounts_with_problems: 0,
        accounts_with_errors: 0,
      },
      problem_counts: [],
      queue: [],
      salto_ks_sites: [],
    })
  })
})
