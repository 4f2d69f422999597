import { describe, expect, it } from 'vitest'

import type { EmbedScope } from '../embed/model'
import type { Upstream } from '../upstream'
import { MAX_SCOPED_TRIAGES, TriageCache } from './triage-cache'
import type { WorkspaceTriage } from './workspace-triage'

const upstream = (key: string): Upstream => ({
  mode: 'sandbox',
  key,
  post: () => Promise.reject(new Error('not called')),
})

function cache() {
  const created: { key: string; scope: EmbedScope }[] = []
  const triages = new TriageCache((target, scope) => {
    created.push({ key: target.key, scope })
    return { scope } as unknown as WorkspaceTriage
  })
  return { triages, created }
}

const scope = (n: number): EmbedScope => ({ customer_key: `cust_${n}` })

describe('TriageCache', () => {
  it('keeps one state per workspace and per scope', () => {
    const { triages, created } = cache()
    const sandbox = upstream('sandbox')
    const whole = triages.for(sandbox)
    expect(triages.for(sandbox, {})).toBe(whole)
    const a = triages.for(sandbox, scope(1))
    expect(a).not.toBe(whole)
    expect(
      triages.for(sandbox, { custom_metadata_has: { b: '2', a: '1' } }),
    ).toBe(triages.for(sandbox, { custom_metadata_has: { a: '1', b: '2' } }))
    expect(triages.for(upstream('other'), scope(1))).not.toBe(a)
    expect(created).toHaveLength(4)
    expect(triages.all()).toHaveLength(4)
  })

  it('drops the least recently used scope past the cap, never the whole workspace', () => {
    const { triages } = cache()
    const sandbox = upstream('sandbox')
    const whole = triages.for(sandbox)
    const first = triages.for(sandbox, scope(0))
    const second = triages.for(sandbox, scope(1))
    for (let n = 2; n < MAX_SCOPED_TRIAGES; n++) triages.for(sandbox, scope(n))
    // Reading the first makes it recent: the second is now the oldest.
    expect(triages.for(sandbox, scope(0))).toBe(first)
    triages.for(sandbox, scope(MAX_SCOPED_TRIAGES))
    expect(triages.scopedCount).toBe(MAX_SCOPED_TRIAGES)
    expect(triages.for(sandbox, scope(0))).toBe(first)
    expect(triages.for(sandbox, scope(1))).not.toBe(second)
    expect(triages.for(sandbox)).toBe(whole)
    expect(triages.all()).toContain(whole)
  })
})
