import type { Upstream } from './upstream'

export interface UpstreamProbe {
  reachable: boolean
  /** Whether the workspace is a Seam sandbox workspace, when the upstream said. */
  is_sandbox: boolean | null
  status: number | null
}

const PROBE_TIMEOUT_MS = 3_000

/**
 * Asks the upstream which workspace the credentials reach. Readiness checks
 * call it each time; whether the workspace is a sandbox never changes, so that
 * answer is kept once known.
 */
export function createWorkspaceProbe(upstream: Upstream) {
  let knownSandbox: boolean | undefined =
    upstream.mode === 'sandbox' ? true : undefined

  async function check(): Promise<UpstreamProbe> {
    try {
      const response = await upstream.post('workspaces/get', '{}', {
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        requestId: 'readiness-probe',
      })
      const body: unknown = await response.json().catch(() => null)
      const workspace =
        body !== null && typeof body === 'object' && 'workspace' in body
          ? (body.workspace as { is_sandbox?: unknown } | null)
          : null
      const isSandbox =
        typeof workspace?.is_sandbox === 'boolean' ? workspace.is_sandbox : null
      if (response.ok && isSandbox !== null) knownSandbox = isSandbox
      return {
        reachable: response.ok,
        is_sandbox: isSandbox,
        status: response.status,
      }
    } catch {
      return { reachable: false, is_sandbox: null, status: null }
    }
  }

  return {
    check,
    async isSandbox(): Promise<boolean> {
      if (knownSandbox === undefined) await check()
      return knownSandbox ?? false
    },
  }
}
