import { isDeepStrictEqual } from 'node:util'

import type { AuditChanges, MetadataChange } from './model'

type Fields = Record<string, unknown>

/** The fields of connected_accounts/update besides the account id and metadata. */
export const UPDATE_FIELDS = [
  'display_name',
  'automatically_manage_new_devices',
  'accepted_capabilities',
  'customer_key',
] as const

type MetadataValue = string | boolean

const isObject = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const isMetadataValue = (value: unknown): value is MetadataValue =>
  typeof value === 'string' || typeof value === 'boolean'

/** A metadata object as Seam keeps it, or null when it is not one. */
function metadataOf(value: unknown): Record<string, MetadataValue> | null {
  if (!isObject(value)) return null
  const entries: [string, MetadataValue][] = []
  for (const [key, item] of Object.entries(value)) {
    if (item === null) continue
    if (!isMetadataValue(item)) return null
    entries.push([key, item])
  }
  // fromEntries defines own properties: a `__proto__` key stays a key.
  return Object.fromEntries(entries)
}

/**
 * Keys added, removed and changed from `before` to `after`, in key order.
 * A value's type counts: the string "true" and the boolean true differ.
 */
export function metadataDiff(
  before: Readonly<Record<string, MetadataValue>>,
  after: Readonly<Record<string, MetadataValue>>,
): MetadataChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  keys.sort()
  const changes: MetadataChange[] = []
  for (const key of keys) {
    const old = Object.hasOwn(before, key) ? before[key] : undefined
    const next = Object.hasOwn(after, key) ? after[key] : undefined
    if (old === next) continue
    if (old === undefined) {
      changes.push({ key, change: 'added', old: null, new: next ?? null })
    } else if (next === undefined) {
      changes.push({ key, change: 'removed', old, new: null })
    } else {
      changes.push({ key, change: 'changed', old, new: next })
    }
  }
  return changes
}

/**
 * What a connected_accounts/update body changes on `account` (the
 * connected account as the upstream showed it just before). Metadata is
 * replaced as a whole, and a null value drops its key, as Seam does.
 * A request value Seam will refuse is kept as it was sent, under `fields`.
 */
export function updateChanges(
  account: Readonly<Fields>,
  body: Readonly<Fields>,
): AuditChanges {
  const changes: AuditChanges = {}
  const fields: Record<string, { old: unknown; new: unknown }> = {}
  if (body.custom_metadata !== undefined) {
    const before = metadataOf(account.custom_metadata) ?? {}
    const after = metadataOf(body.custom_metadata)
    if (after === null) {
      fields.custom_metadata = {
        old: account.custom_metadata ?? null,
        new: body.custom_metadata,
      }
    } else {
      changes.custom_metadata = metadataDiff(before, after)
    }
  }
  for (const field of UPDATE_FIELDS) {
    if (body[field] === undefined) continue
    const old = account[field] ?? null
    if (!isDeepStrictEqual(old, body[field])) {
      fields[field] = { old, new: body[field] }
    }
  }
  if (Object.keys(fields).length > 0) changes.fields = fields
  return changes
}
