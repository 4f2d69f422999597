import { schemas } from '@seamapi/types/connect'
import { describe, expect, it } from 'vitest'

import {
  deriveStatus,
  KNOWN_ERROR_CODES,
  KNOWN_WARNING_CODES,
  statusLabel,
  statusRank,
} from './status'

/** The codes the published zod schema of connected_account knows. */
function schemaCodes() {
  const shape = schemas.connected_account.shape
  return {
    errors: shape.errors.element.options.map(
      (option) => option.shape.error_code.value,
    ),
    warnings: shape.warnings.element.options.map(
      (option) => option.shape.warning_code.value,
    ),
  }
}

describe('status labels', () => {
  it('has a label for every error and warning code in @seamapi/types', () => {
    const { errors, warnings } = schemaCodes()
    expect(errors.length).toBeGreaterThan(0)
    expect(warnings.length).toBeGreaterThan(0)
    expect([...KNOWN_ERROR_CODES].sort()).toEqual([...errors].sort())
    expect([...KNOWN_WARNING_CODES].sort()).toEqual([...warnings].sort())
  })

  it.each(schemaCodes().errors)('labels error %s in words', (code) => {
    const status = deriveStatus({
      errors: [{ error_code: code, message: 'Something is wrong.' }],
      warnings: [],
    })
    expect(status.healthy).toBe(false)
    expect(status.badges).toHaveLength(1)
    const [badge] = status.badges
    expect(badge).toMatchObject({
      severity: 'error',
      code,
      known: true,
      count: 1,
      messages: ['Something is wrong.'],
    })
    expect(badge?.label).not.toBe(code)
    expect(badge?.label).toMatch(/^[A-Z][a-z]/)
  })

  it.each(schemaCodes().warnings)('labels warning %s in words', (code) => {
    const status = deriveStatus({
      errors: [],
      warnings: [{ warning_code: code, message: 'Heads up.' }],
    })
    expect(status.healthy).toBe(false)
    const [badge] = status.badges
    expect(badge).toMatchObject({ severity: 'warning', code, known: true })
    expect(badge?.label).not.toBe(code)
    expect(badge?.label).toMatch(/^[A-Z][a-z]/)
  })

  it('gives distinct labels to distinct codes', () => {
    const labels = [
      ...KNOWN_ERROR_CODES.map((code) => statusLabel('error', code)),
      ...KNOWN_WARNING_CODES.map((code) => statusLabel('warning', code)),
    ]
    expect(new Set(labels).size).toBe(labels.length)
  })
})

describe('deriveStatus', () => {
  it('is healthy without errors or warnings', () => {
    expect(deriveStatus({ errors: [], warnings: [] })).toEqual({
      healthy: true,
      errorCount: 0,
      warningCount: 0,
      badges: [],
    })
  })

  it('shows an unknown error code raw, with its message', () => {
    const status = deriveStatus({
      errors: [
        { error_code: 'provider_on_fire', message: 'The provider is on fire.' },
      ],
      warnings: [],
    })
    expect(status.badges).toEqual([
      {
        severity: 'error',
        code: 'provider_on_fire',
        label: 'provider_on_fire',
        known: false,
        count: 1,
        messages: ['The provider is on fire.'],
      },
    ])
  })

  it('shows an unknown warning code raw, with its message', () => {
    const status = deriveStatus({
      errors: [],
      warnings: [{ warning_code: 'new_thing', message: 'Something new.' }],
    })
    expect(status.badges[0]).toMatchObject({
      severity: 'warning',
      label: 'new_thing',
      known: false,
      messages: ['Something new.'],
    })
  })

  it('does not treat inherited property names as known codes', () => {
    const status = deriveStatus({
      errors: [{ error_code: 'constructor' }, { error_code: '__proto__' }],
      warnings: [{ warning_code: 'toString' }],
    })
    expect(status.badges.map((b) => [b.label, b.known])).toEqual([
      ['constructor', false],
      ['__proto__', false],
      ['toString', false],
    ])
  })

  it('lists errors before warnings and counts repeated codes', () => {
    const status = deriveStatus({
      errors: [
        {
          error_code: 'salto_ks_subscription_limit_exceeded',
          message: 'Site A is full.',
        },
        { error_code: 'account_disconnected', message: 'Disconnected.' },
        {
          error_code: 'salto_ks_subscription_limit_exceeded',
          message: 'Site B is full.',
        },
      ],
      warnings: [
        { warning_code: 'scheduled_maintenance_window', message: 'Sunday.' },
        { warning_code: 'mystery', message: 'Unknown.' },
        { warning_code: 'scheduled_maintenance_window', message: 'Monday.' },
      ],
    })
    expect(status.healthy).toBe(false)
    expect(status.errorCount).toBe(3)
    expect(status.warningCount).toBe(3)
    expect(
      status.badges.map((b) => [b.severity, b.label, b.count, b.messages]),
    ).toEqual([
      [
        'error',
        'Salto limit reached',
        2,
        ['Site A is full.', 'Site B is full.'],
      ],
      ['error', 'Disconnected', 1, ['Disconnected.']],
      ['warning', 'Maintenance planned', 2, ['Sunday.', 'Monday.']],
      ['warning', 'mystery', 1, ['Unknown.']],
    ])
  })

  it('tolerates missing or non-string messages', () => {
    const status = deriveStatus({
      errors: [{ error_code: 'account_disconnected', message: 42 }],
      warnings: [{ warning_code: 'x' }],
    })
    expect(status.badges.map((b) => b.messages)).toEqual([[], []])
  })
})

describe('statusRank', () => {
  it('orders errors above warnings above healthy', () => {
    const healthy = statusRank({ errors: [], warnings: [] })
    const warned = statusRank({
      errors: [],
      warnings: [{ warning_code: 'a' }, { warning_code: 'b' }],
    })
    const failed = statusRank({ errors: [{ error_code: 'a' }], warnings: [] })
    expect(healthy).toBeLessThan(warned)
    expect(warned).toBeLessThan(failed)
  })
})
