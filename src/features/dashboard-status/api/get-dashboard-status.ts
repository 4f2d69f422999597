import { queryOptions, useQuery } from '@tanstack/react-query'

import { dashboardKeys } from './keys'

export interface DashboardStatus {
  ok: true
  mode: 'sandbox' | 'seam'
  /** Known without a scan only on the sandbox. */
  connected_account_count: number | null
}

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: unknown } }
    if (typeof body.error?.message === 'string') return body.error.message
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): fall back to the status.
  }
  return `The dashboard server answered with status ${res.status}`
}

export async function getDashboardStatus(
  signal?: AbortSignal,
): Promise<DashboardStatus> {
  const res = await fetch('/api/dashboard/status', {
    headers: { Accept: 'application/json' },
    signal: signal ?? null,
  })
  if (!res.ok) throw new Error(await errorMessage(res))
  return (await res.json()) as DashboardStatus
}

export const dashboardStatusQueryOptions = () =>
  queryOptions({
    queryKey: dashboardKeys.status(),
    queryFn: ({ signal }) => getDashboardStatus(signal),
    staleTime: Infinity,
  })

export const useDashboardStatus = () => useQuery(dashboardStatusQueryOptions())
