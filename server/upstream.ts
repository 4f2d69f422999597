import type { Config, SeamCredentials } from './config'
import { keepAliveTransport, type PostTransport } from './http-transport'
import type { Sandbox } from './sandbox/create-sandbox'

/** Where `/api` calls go: the in-process sandbox or a Seam-compatible HTTP server. */
export interface Upstream {
  mode: 'sandbox' | 'seam'
  /** Names the workspace it reaches, for per-workspace caches; never a secret. */
  key: string
  /** Calls `POST <base>/<path>` with the upstream's credentials. */
  post(
    path: string,
    body: string,
    init: { signal: AbortSignal; requestId: string },
  ): Promise<Response>
}

function credentialHeaders(
  credentials: SeamCredentials,
): Record<string, string> {
  return credentials.kind === 'api_key'
    ? { authorization: `Bearer ${credentials.apiKey}` }
    : {
        authorization: `Bearer ${credentials.token}`,
        'seam-workspace': credentials.workspaceId,
      }
}

function headersFor(
  credentials: Record<string, string>,
  requestId: string,
): Record<string, string> {
  // Built from scratch: nothing the browser sent (cookies, its own
  // Authorization) can reach the upstream.
  return {
    ...credentials,
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': 'seam-accounts-console',
    'x-request-id': requestId,
  }
}

/** The sandbox answers in-process: no socket, same wire format. */
export function sandboxUpstream(sandbox: Sandbox): Upstream {
  const credentials = { authorization: `Bearer ${sandbox.apiKey}` }
  return {
    mode: 'sandbox',
    key: 'sandbox',
    async post(path, body, { signal, requestId }) {
      const request = new Request(`http://sandbox.internal/${path}`, {
        method: 'POST',
        headers: headersFor(credentials, requestId),
        body,
        signal,
      })
      // The sandbox handler does not watch the signal; racing it keeps the
      // timeout behaviour the same as over the network.
      let stopListening: (() => void) | undefined
      const aborted = new Promise<never>((_, reject) => {
        const onAbort = () => {
          reject(signal.reason as Error)
        }
        signal.addEventListener('abort', onAbort, { once: true })
        stopListening = () => {
          signal.removeEventListener('abort', onAbort)
        }
      })
      try {
        return await Promise.race([
          Promise.resolve(sandbox.app.fetch(request)),
          aborted,
        ])
      } finally {
        // A listener left on a pending timeout signal keeps the response
        // alive until the timeout fires: a scan would hold every page.
        stopListening?.()
      }
    },
  }
}

export function seamUpstream(
  endpoint: string,
  credentials: SeamCredentials,
  transport: PostTransport = keepAliveTransport(),
): Upstream {
  const headers = credentialHeaders(credentials)
  return {
    mode: 'seam',
    // An API key names one workspace; a token needs the workspace beside it.
    key:
      credentials.kind === 'api_key'
        ? `seam ${endpoint}`
        : `seam ${endpoint} workspace ${credentials.workspaceId}`,
    post: (path, body, { signal, requestId }) =>
      transport(`${endpoint}/${path}`, {
        method: 'POST',
        headers: headersFor(headers, requestId),
        body,
        signal,
        redirect: 'manual',
      }),
  }
}

export function createUpstream(
  config: Config,
  sandbox: Sandbox | undefined,
): Upstream {
  if (config.upstream.mode === 'seam') {
    return seamUpstream(config.upstream.endpoint, config.upstream.credentials)
  }
  if (!sandbox) throw new Error('Sandbox mode needs a sandbox')
  return sandboxUpstream(sandbox)
}
