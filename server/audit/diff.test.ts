import { describe, expect, it } from 'vitest'

import { metadataDiff, updateChanges } from './diff'

describe('metadataDiff', () => {
  it('lists keys added, removed and changed, in key order', () => {
    expect(
      metadataDiff(
        { region: 'eu', pms: 'guesty', vip: false, same: 'x' },
        { region: 'us', vip: false, same: 'x', floor: '3' },
      ),
    ).toEqual([
      { key: 'floor', change: 'added', old: null, new: '3' },
      { key: 'pms', change: 'removed', old: 'guesty', new: null },
      { key: 'region', change: 'changed', old: 'eu', new: 'us' },
    ])
  })

  it('tells the string "true" from the boolean true', () => {
    expect(metadataDiff({ vip: 'true' }, { vip: true })).toEqual([
      { key: 'vip', change: 'changed', old: 'true', new: true },
    ])
  })

  it('finds nothing when nothing changed', () => {
    expect(metadataDiff({ a: '1' }, { a: '1' })).toEqual([])
  })

  it('treats __proto__ and constructor as ordinary keys', () => {
    const after = JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<
      string,
      string
    >
    expect(metadataDiff({}, after)).toEqual([
      { key: '__proto__', change: 'added', old: null, new: 'x' },
      { key: 'constructor', change: 'added', old: null, new: 'y' },
    ])
  })
})

describe('updateChanges', () => {
  const account = {
    custom_metadata: { region: 'eu', vip: false },
    display_name: 'Front door',
    automatically_manage_new_devices: true,
    accepted_capabilities: ['lock'],
    customer_key: null,
  }

  it('replaces metadata as a whole; a null value drops its key', () => {
    expect(
      updateChanges(account, { custom_metadata: { region: null, pms: 'x' } }),
    ).toEqual({
      custom_metadata: [
        { key: 'pms', change: 'added', old: null, new: 'x' },
        { key: 'region', change: 'removed', old: 'eu', new: null },
        { key: 'vip', change: 'removed', old: false, new: null },
      ],
    })
  })

  it('keeps the other fields that change, old and new, and leaves out the rest', () => {
    expect(
      updateChanges(account, {
        display_name: 'Back door',
        automatically_manage_new_devices: true,
        accepted_capabilities: ['lock', 'thermostat'],
        customer_key: 'cust_1',
      }),
    ).toEqual({
      fields: {
        display_name: { old: 'Front door', new: 'Back door' },
        accepted_capabilities: { old: ['lock'], new: ['lock', 'thermostat'] },
        customer_key: { old: null, new: 'cust_1' },
      },
    })
  })

  it('says metadata was sent but changed nothing', () => {
    expect(
      updateChanges(account, {
        custom_metadata: { region: 'eu', vip: false },
      }),
    ).toEqual({ custom_metadata: [] })
  })

  it('keeps a __proto__ key of a request body as a key', () => {
    const body = JSON.parse(
      '{"custom_metadata":{"__proto__":"x","region":"eu","vip":false}}',
    ) as Record<string, unknown>
    expect(updateChanges(account, body)).toEqual({
      custom_metadata: [
        { key: '__proto__', change: 'added', old: null, new: 'x' },
      ],
    })
  })

  it('keeps metadata Seam will refuse as it was sent', () => {
    expect(updateChanges(account, { custom_metadata: { n: 1 } })).toEqual({
      fields: {
        custom_metadata: { old: account.custom_metadata, new: { n: 1 } },
      },
    })
    expect(updateChanges(account, { custom_metadata: 'x' })).toEqual({
      fields: { custom_metadata: { old: account.custom_metadata, new: 'x' } },
    })
  })
})
