import type {
  AuditAction,
  AuditChanges,
  AuditOutcome,
  AuditRecord,
  MetadataChange,
} from '../../../../server/audit/model'

/** Each action, as the filter and the table name it. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  'connected_accounts/update': 'Edit account',
  'connected_accounts/sync': 'Sync account',
  'connected_accounts/delete': 'Delete account',
  'connected_accounts/simulate/disconnect': 'Simulate disconnection',
  'connect_webviews/create': 'Create reconnect link',
}

export const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  pending: 'Pending',
}

const FIELD_LABELS: Record<string, string> = {
  display_name: 'display name',
  automatically_manage_new_devices: 'manage new devices',
  custom_metadata: 'metadata',
  customer_key: 'customer key',
}

/** `display_name` as "display name"; unknown fields lose their underscores. */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replaceAll('_', ' ')
}

/** A recorded value as text: strings as they are, anything else as JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'none'
  if (typeof value === 'string') return value === '' ? '""' : value
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  try {
    return JSON.stringify(value)
  } catch {
    // Records are parsed JSON, so this is not expected; still, say something.
    return 'unreadable value'
  }
}

/** "+key=value", "−key" or "key: old → new". */
export function describeMetadataChange(change: MetadataChange): string {
  switch (change.change) {
    case 'added':
      return `+${change.key}=${formatValue(change.new)}`
    case 'removed':
      return `\u2212${change.key}`
    case 'changed':
      return `${change.key}: ${formatValue(change.old)} \u2192 ${formatValue(change.new)}`
  }
}

/** What a call changed, one short line per key or field; empty when unknown. */
export function summarizeChanges(changes: AuditChanges | null): string[] {
  if (changes === null) return []
  const lines = (changes.custom_metadata ?? []).map(describeMetadataChange)
  for (const [field, { old, new: next }] of Object.entries(
    changes.fields ?? {},
  )) {
    lines.push(
      `${fieldLabel(field)}: ${formatValue(old)} \u2192 ${formatValue(next)}`,
    )
  }
  return lines
}

/** "a", "a and b", "a, b and c". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`
}

const capitalise = (text: string) =>
  text.charAt(0).toUpperCase() + text.slice(1)

/** What an update touched: "metadata", "display name"… */
function updatedParts(changes: AuditChanges | null): string[] {
  if (changes === null) return []
  const parts = (changes.custom_metadata ?? []).length > 0 ? ['metadata'] : []
  for (const field of Object.keys(changes.fields ?? {})) {
    parts.push(fieldLabel(field))
  }
  return parts
}

/** Each action done, and as a noun for one that failed or is pending. */
function phrases(record: Pick<AuditRecord, 'action' | 'changes'>): {
  done: string
  noun: string
} {
  switch (record.action) {
    case 'connected_accounts/update': {
      const parts = updatedParts(record.changes)
      const what = parts.length === 0 ? 'account' : joinWords(parts)
      return {
        done:
          parts.length === 0 ? 'Account edited' : `${capitalise(what)} changed`,
        noun: parts.length === 0 ? 'edit' : `${what} change`,
      }
    }
    case 'connected_accounts/sync':
      return { done: 'Sync requested', noun: 'sync' }
    case 'connected_accounts/delete':
      return { done: 'Account deleted', noun: 'deletion' }
    case 'connected_accounts/simulate/disconnect':
      return {
        done: 'Disconnection simulated',
        noun: 'simulated disconnection',
      }
    case 'connect_webviews/create':
      return { done: 'Reconnect link created', noun: 'reconnect link' }
  }
}

/** "Metadata changed", "Failed sync", "Pending deletion". */
export function changeTitle(
  record: Pick<AuditRecord, 'action' | 'changes' | 'outcome'>,
): string {
  const { done, noun } = phrases(record)
  switch (record.outcome) {
    case 'succeeded':
      return done
    case 'failed':
      return `Failed ${noun}`
    case 'pending':
      return `Pending ${noun}`
  }
}

/** "Metadata changed by Dana Reyes (operator)". */
export function describeChange(
  record: Pick<
    AuditRecord,
    'action' | 'changes' | 'outcome' | 'actor' | 'role'
  >,
): string {
  return `${changeTitle(record)} by ${record.actor.name} (${record.role})`
}

/** Where a call came from: the dashboard, or a portal's frame. */
export function describeOrigin(
  record: Pick<AuditRecord, 'via' | 'origin'>,
): string {
  if (record.via === 'dashboard') return 'Dashboard'
  return record.origin ? `Embedded in ${record.origin}` : 'Embedded frame'
}

/** The upstream's answer: "504 · upstream_timeout", "no answer", "200". */
export function describeUpstream(
  record: Pick<AuditRecord, 'outcome' | 'upstream_status' | 'error_type'>,
): string | null {
  const parts = [
    record.upstream_status === null ? null : String(record.upstream_status),
    record.error_type,
  ].filter((part): part is string => part !== null && part !== '')
  if (parts.length > 0) return parts.join(' · ')
  return record.outcome === 'failed' ? 'no answer' : null
}
