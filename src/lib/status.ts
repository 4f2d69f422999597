import type {
  ConnectedAccountError,
  ConnectedAccountWarning,
} from '@seamapi/types/connect'

export type KnownErrorCode = ConnectedAccountError['error_code']
export type KnownWarningCode = ConnectedAccountWarning['warning_code']

/**
 * One short label per code. Typed as a full record so a code added to
 * `@seamapi/types` fails the type check until it has a label here.
 */
const errorLabels: Record<KnownErrorCode, string> = {
  account_disconnected: 'Disconnected',
  bridge_disconnected: 'Bridge offline',
  salto_ks_subscription_limit_exceeded: 'Salto limit reached',
}

const warningLabels: Record<KnownWarningCode, string> = {
  account_reauthorization_requested: 'Reauth needed',
  salto_ks_subscription_limit_almost_reached: 'Salto limit near',
  scheduled_maintenance_window: 'Maintenance planned',
  unknown_issue_with_connected_account: 'Sync issue',
}

export const KNOWN_ERROR_CODES = Object.keys(errorLabels) as KnownErrorCode[]
export const KNOWN_WARNING_CODES = Object.keys(
  warningLabels,
) as KnownWarningCode[]

/**
 * Looser than the published types on purpose: Seam adds codes before the
 * types package knows them, and those must still show.
 */
export interface StatusInput {
  errors: readonly { error_code: string; message?: unknown }[]
  warnings: readonly { warning_code: string; message?: unknown }[]
}

export type Severity = 'error' | 'warning'

export interface StatusBadge {
  severity: Severity
  code: string
  /** Human label, or the raw code when this version does not know it. */
  label: string
  known: boolean
  /** How many problems of this code the account has. */
  count: number
  messages: string[]
}

export interface AccountStatus {
  healthy: boolean
  errorCount: number
  warningCount: number
  /** Errors first, then warnings, each in the order the API listed them. */
  badges: StatusBadge[]
}

const hasOwn = <T extends object>(
  record: T,
  key: PropertyKey,
): key is keyof T => Object.prototype.hasOwnProperty.call(record, key)

export function statusLabel(severity: Severity, code: string): string {
  if (severity === 'error') {
    return hasOwn(errorLabels, code) ? errorLabels[code] : code
  }
  return hasOwn(warningLabels, code) ? warningLabels[code] : code
}

export function isKnownCode(severity: Severity, code: string): boolean {
  return severity === 'error'
    ? hasOwn(errorLabels, code)
    : hasOwn(warningLabels, code)
}

function group(
  severity: Severity,
  problems: readonly { code: string; message?: unknown }[],
): StatusBadge[] {
  const byCode = new Map<string, StatusBadge>()
  for (const { code, message } of problems) {
    let badge = byCode.get(code)
    if (!badge) {
      badge = {
        severity,
        code,
        label: statusLabel(severity, code),
        known: isKnownCode(severity, code),
        count: 0,
        messages: [],
      }
      byCode.set(code, badge)
    }
    badge.count += 1
    if (typeof message === 'string' && message.trim() !== '') {
      badge.messages.push(message)
    }
  }
  return [...byCode.values()]
}

export function deriveStatus({ errors, warnings }: StatusInput): AccountStatus {
  const badges = [
    ...group(
      'error',
      errors.map((e) => ({ code: e.error_code, message: e.message })),
    ),
    ...group(
      'warning',
      warnings.map((w) => ({ code: w.warning_code, message: w.message })),
    ),
  ]
  return {
    healthy: badges.length === 0,
    errorCount: errors.length,
    warningCount: warnings.length,
    badges,
  }
}

/** Sort key: accounts with errors first, then warnings, then healthy. */
export function statusRank({ errors, warnings }: StatusInput): number {
  return errors.length * 1_000 + warnings.length
}
