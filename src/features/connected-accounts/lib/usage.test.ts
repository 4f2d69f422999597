import { describe, expect, it } from 'vitest'

import { collectSiteUsage, usageLevel, usagePercent } from './usage'

describe('usage thresholds', () => {
  it.each([
    [0, 100, 'ok'],
    [79, 100, 'ok'],
    [80, 100, 'warning'],
    [99, 100, 'warning'],
    [100, 100, 'over'],
    [108, 100, 'over'],
    [7, 9, 'ok'], // 77.8 %
    [8, 10, 'warning'],
    [0, 0, 'ok'],
    [1, 0, 'over'],
  ] as const)('%i of %i is %s', (count, limit, level) => {
    expect(usageLevel(count, limit)).toBe(level)
  })

  it('rounds the percentage down, so 100 % means the limit', () => {
    expect(usagePercent(199, 200)).toBe(99)
    expect(usagePercent(200, 200)).toBe(100)
    expect(usagePercent(108, 100)).toBe(108)
  })

  it('collects each site once from errors and warnings', () => {
    const site = {
      site_id: 's1',
      site_name: 'Main',
      site_user_subscription_limit: 50,
      subscribed_site_user_count: 45,
    }
    const usage = collectSiteUsage({
      errors: [{ error_code: 'account_disconnected' }],
      warnings: [
        { salto_ks_metadata: { sites: [site] } },
        { salto_ks_metadata: { sites: [site] } },
      ],
    })
    expect(usage).toEqual([
      {
        site_id: 's1',
        site_name: 'Main',
        count: 45,
        limit: 50,
        percent: 90,
        level: 'warning',
      },
    ])
  })
})
