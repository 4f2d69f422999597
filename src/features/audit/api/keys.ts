import type { ListAccountAuditParams } from './list-account-audit'
import type { ListAuditParams } from './list-audit'

/**
 * General to specific, shaped like the API paths: invalidating `all` after
 * a change reloads the log and every account's recent changes.
 */
export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (params: ListAuditParams) => [...auditKeys.lists(), params] as const,
  accounts: () => [...auditKeys.all, 'account'] as const,
  account: (params: ListAccountAuditParams) =>
    [...auditKeys.accounts(), params] as const,
}
