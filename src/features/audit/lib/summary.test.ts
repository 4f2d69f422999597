import { describe, expect, it } from 'vitest'

import type { AuditRecord } from '../../../../server/audit/model'
import {
  changeTitle,
  describeChange,
  describeMetadataChange,
  describeOrigin,
  describeUpstream,
  fieldLabel,
  formatValue,
  joinWords,
  summarizeChanges,
} from './summary'

const record = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  audit_id: 'aud_1',
  created_at: '2026-03-01T10:00:00.000Z',
  actor: { id: 'u_dana', email: 'dana@example.com', name: 'Dana Reyes' },
  role: 'operator',
  via: 'dashboard',
  origin: null,
  action: 'connected_accounts/update',
  connected_account_id: '6fa459ea-ee8a-3ca4-894e-db77e160355e',
  changes: null,
  outcome: 'succeeded',
  upstream_status: 200,
  error_type: null,
  request_id: 'req_1',
  completed_at: '2026-03-01T10:00:01.000Z',
  ...overrides,
})

describe('formatValue', () => {
  it('shows strings as they are and everything else as JSON', () => {
    expect(formatValue('p1')).toBe('p1')
    expect(formatValue('')).toBe('""')
    expect(formatValue(true)).toBe('true')
    expect(formatValue(3)).toBe('3')
    expect(formatValue(null)).toBe('none')
    expect(formatValue(undefined)).toBe('none')
    expect(formatValue({ a: [1] })).toBe('{"a":[1]}')
  })
})

describe('describeMetadataChange', () => {
  it('writes an added key as +key=value', () => {
    expect(
      describeMetadataChange({
        key: 'site',
        change: 'added',
        old: null,
        new: 'lisbon',
      }),
    ).toBe('+site=lisbon')
  })

  it('writes a removed key with a minus sign', () => {
    expect(
      describeMetadataChange({
        key: 'vip',
        change: 'removed',
        old: true,
        new: null,
      }),
    ).toBe('\u2212vip')
  })

  it('writes a changed key as key: old → new', () => {
    expect(
      describeMetadataChange({
        key: 'property_id',
        change: 'changed',
        old: 'p1',
        new: 'p2',
      }),
    ).toBe('property_id: p1 → p2')
    expect(
      describeMetadataChange({
        key: 'vip',
        change: 'changed',
        old: false,
        new: true,
      }),
    ).toBe('vip: false → true')
  })
})

describe('summarizeChanges', () => {
  it('lists metadata changes, then other fields, in words', () => {
    expect(
      summarizeChanges({
        custom_metadata: [
          { key: 'site', change: 'added', old: null, new: 'lisbon' },
          { key: 'vip', change: 'removed', old: true, new: null },
          { key: 'property_id', change: 'changed', old: 'p1', new: 'p2' },
        ],
        fields: {
          display_name: { old: 'Front desk', new: 'Back office' },
          automatically_manage_new_devices: { old: true, new: false },
        },
      }),
    ).toEqual([
      '+site=lisbon',
      '\u2212vip',
      'property_id: p1 → p2',
      'display name: Front desk → Back office',
      'manage new devices: true → false',
    ])
  })

  it('is empty when nothing is known', () => {
    expect(summarizeChanges(null)).toEqual([])
    expect(summarizeChanges({})).toEqual([])
  })
})

describe('fieldLabel and joinWords', () => {
  it('names fields in words', () => {
    expect(fieldLabel('display_name')).toBe('display name')
    expect(fieldLabel('some_new_field')).toBe('some new field')
  })

  it('joins words as a sentence does', () => {
    expect(joinWords([])).toBe('')
    expect(joinWords(['a'])).toBe('a')
    expect(joinWords(['a', 'b'])).toBe('a and b')
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c')
  })
})

describe('changeTitle and describeChange', () => {
  const metadata = {
    custom_metadata: [
      { key: 'site', change: 'added' as const, old: null, new: 'x' },
    ],
  }

  it('says what an update changed', () => {
    expect(describeChange(record({ changes: metadata }))).toBe(
      'Metadata changed by Dana Reyes (operator)',
    )
    expect(
      changeTitle(
        record({
          changes: {
            ...metadata,
            fields: { display_name: { old: 'a', new: 'b' } },
          },
        }),
      ),
    ).toBe('Metadata and display name changed')
    expect(changeTitle(record({ changes: null }))).toBe('Account edited')
  })

  it('names the other actions', () => {
    const title = (action: AuditRecord['action']) =>
      changeTitle(record({ action }))
    expect(title('connected_accounts/sync')).toBe('Sync requested')
    expect(title('connected_accounts/delete')).toBe('Account deleted')
    expect(title('connected_accounts/simulate/disconnect')).toBe(
      'Disconnection simulated',
    )
    expect(title('connect_webviews/create')).toBe('Reconnect link created')
  })

  it('never says a failed or unfinished change happened', () => {
    expect(
      describeChange(
        record({ changes: metadata, outcome: 'failed', role: 'admin' }),
      ),
    ).toBe('Failed metadata change by Dana Reyes (admin)')
    expect(
      changeTitle(
        record({ action: 'connected_accounts/sync', outcome: 'pending' }),
      ),
    ).toBe('Pending sync')
  })
})

describe('describeOrigin and describeUpstream', () => {
  it('tells the dashboard from a portal’s frame', () => {
    expect(describeOrigin(record())).toBe('Dashboard')
    expect(
      describeOrigin(
        record({ via: 'embed', origin: 'https://portal.example.com' }),
      ),
    ).toBe('Embedded in https://portal.example.com')
    expect(describeOrigin(record({ via: 'embed', origin: null }))).toBe(
      'Embedded frame',
    )
  })

  it('gives the upstream status and error type', () => {
    expect(describeUpstream(record())).toBe('200')
    expect(
      describeUpstream(
        record({
          outcome: 'failed',
          upstream_status: 504,
          error_type: 'upstream_timeout',
        }),
      ),
    ).toBe('504 · upstream_timeout')
    expect(
      describeUpstream(
        record({ outcome: 'failed', upstream_status: null, error_type: null }),
      ),
    ).toBe('no answer')
    expect(
      describeUpstream(record({ outcome: 'pending', upstream_status: null })),
    ).toBeNull()
  })
})
