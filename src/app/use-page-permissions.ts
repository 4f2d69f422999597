import { useMemo } from 'react'

import { useCurrentUser } from '../features/auth/api/get-current-user'
import {
  type AccountPermissions,
  blockedPermissions,
  CHECKING_ROLE,
  permissionsForRole,
  type TriagePermissions,
  triagePermissions,
} from '../lib/permissions'
import { useEmbedding } from './embedding'

export interface PagePermissions {
  account: AccountPermissions
  triage: TriagePermissions
  /** The reader is a signed-in admin of the standalone dashboard. */
  canReadAuditLog: boolean
}

/**
 * What the reader may do on this page. In a portal's frame, the session's
 * role decides; standalone, the signed-in person's role. Until that role is
 * known every action stays blocked and says why: nothing is allowed on a
 * guess (the server refuses it anyway).
 */
export function usePagePermissions(): PagePermissions {
  const embedding = useEmbedding()
  const me = useCurrentUser({ enabled: embedding === null })
  const role = me.data?.role ?? null
  const failure = me.isError ? me.error.message : null

  return useMemo(() => {
    if (embedding) {
      return {
        account: embedding.accountPermissions,
        triage: embedding.triagePermissions,
        canReadAuditLog: false,
      }
    }
    const account =
      role !== null
        ? permissionsForRole(role)
        : blockedPermissions(
            failure === null
              ? CHECKING_ROLE
              : `Couldn’t check your role: ${failure}`,
          )
    return {
      account,
      triage: triagePermissions(account),
      canReadAuditLog: role === 'admin',
    }
  }, [embedding, role, failure])
}
