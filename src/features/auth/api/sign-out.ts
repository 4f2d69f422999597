import { useMutation } from '@tanstack/react-query'

import { serverPost } from '../../../lib/api-client'

/** Ends the session on the server: its cookie is cleared and it is revoked. */
export function signOut(): Promise<void> {
  return serverPost('/auth/logout')
}

/** Signs out; `onSignedOut` runs once the server has ended the session. */
export const useSignOut = ({ onSignedOut }: { onSignedOut: () => void }) =>
  useMutation({
    mutationFn: signOut,
    onSuccess: onSignedOut,
    // Nothing to record, and nothing may load again once signed out.
    meta: { audited: false },
  })
