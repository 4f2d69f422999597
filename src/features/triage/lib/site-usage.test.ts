import { describe, expect, it } from 'vitest'

import { sortSitesByUsage, usageTone } from './site-usage'
import type { SaltoKsSite } from './types'

const site = (site_name: string, usage: number | null): SaltoKsSite => ({
  site_id: site_name,
  site_name,
  subscribed_site_user_count: 0,
  site_user_subscription_limit: 0,
  usage,
  connected_account_ids: [],
})

describe('usageTone', () => {
  it('turns amber from 80 % and red at 100 %', () => {
    expect(usageTone(0.79)).toBe('ok')
    expect(usageTone(0.8)).toBe('warning')
    expect(usageTone(0.99)).toBe('warning')
    expect(usageTone(1)).toBe('over')
    expect(usageTone(1.1)).toBe('over')
    expect(usageTone(null)).toBe('unknown')
  })
})

describe('sortSitesByUsage', () => {
  it('puts the fullest first, then by name, unknown limits last', () => {
    const sorted = sortSitesByUsage([
      site('b', 0.5),
      site('none', null),
      site('a', 0.5),
      site('full', 1.2),
    ])
    expect(sorted.map((s) => s.site_name)).toEqual(['full', 'a', 'b', 'none'])
  })
})
