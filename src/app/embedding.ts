import type { ConnectedAccount } from '@seamapi/types/connect'
import { createContext, useContext } from 'react'

import type { FixedFilters } from '../features/connected-accounts/lib/fixed-filters'
import type { AccountPermissions, TriagePermissions } from '../lib/permissions'

/**
 * What changes when a page runs inside a portal's frame: the session's
 * scope and role, and the portal hearing about what the reader does.
 */
export interface Embedding {
  /** The session's scope: locked filters on every list. */
  fixedFilters: FixedFilters
  accountPermissions: AccountPermissions
  triagePermissions: TriagePermissions
  onAccountShown: (account: ConnectedAccount) => void
  onAccountUpdated: (account: ConnectedAccount, fields: string[]) => void
  onAccountDeleted: (account: ConnectedAccount) => void
}

export const EmbeddingContext = createContext<Embedding | null>(null)

/** The embedding of the current page, or null in the standalone dashboard. */
export function useEmbedding(): Embedding | null {
  return useContext(EmbeddingContext)
}
