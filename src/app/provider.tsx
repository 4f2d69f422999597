import {
  type DehydratedState,
  hydrate,
  QueryClientProvider,
} from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'

import { LiveRegion } from '../components/ui/live-region'
import { Toaster } from '../components/ui/toast'
import { toast } from '../components/ui/toast-store'
import { auditKeys } from '../features/audit/api/keys'
import { createQueryClient } from '../lib/query-client'
import { ConnectionBanner } from './connection-banner'

export interface AppProviderProps {
  children: ReactNode
  /** Data the server read for this page, so its first render shows it. */
  initialData?: DehydratedState | null
}

export function AppProvider({ children, initialData }: AppProviderProps) {
  // Created once per mount so tests and hot reloads never share a cache.
  const [queryClient] = useState(() => {
    const client = createQueryClient({
      onBackgroundError: (error) => {
        toast({
          tone: 'error',
          title: 'Couldn’t refresh. Showing the last data loaded.',
          description: error.message,
        })
      },
      // Every change is recorded: what shows the records loads them again.
      onMutationSettled: (client, meta) => {
        if (meta?.audited === false) return
        void client.invalidateQueries({ queryKey: auditKeys.all })
      },
    })
    if (initialData) hydrate(client, initialData)
    return client
  })

  return (
    <QueryClientProvider client={queryClient}>
      <ConnectionBanner />
      {children}
      <LiveRegion />
      <Toaster />
    </QueryClientProvider>
  )
}
