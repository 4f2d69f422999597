/** The table's columns, in display order. */
export const ACCOUNT_COLUMN_IDS = [
  'provider',
  'display_name',
  'status',
  'customer_key',
  'user_identifier',
  'custom_metadata',
  'created_at',
  'automatically_manage_new_devices',
] as const

export type AccountColumnId = (typeof ACCOUNT_COLUMN_IDS)[number]

export const ACCOUNT_COLUMN_LABELS: Record<AccountColumnId, string> = {
  provider: 'Provider',
  display_name: 'Account',
  status: 'Status',
  customer_key: 'Customer key',
  user_identifier: 'User identifier',
  custom_metadata: 'Custom metadata',
  created_at: 'Created',
  automatically_manage_new_devices: 'Auto-manage devices',
}

/** The account column carries the row's link, so it cannot be hidden. */
export const HIDEABLE_COLUMN_IDS: readonly AccountColumnId[] =
  ACCOUNT_COLUMN_IDS.filter((id) => id !== 'display_name')

export const SORTABLE_COLUMN_IDS: readonly AccountColumnId[] =
  ACCOUNT_COLUMN_IDS.filter((id) => id !== 'custom_metadata')

export function isAccountColumnId(value: string): value is AccountColumnId {
  return (ACCOUNT_COLUMN_IDS as readonly string[]).includes(value)
}
