/**
 * What the portal put in the frame's address when it opened it. The embed
 * token is taken out of the address before anything else runs, so a reload,
 * a copied link or the history never carries it again.
 */
export interface EmbedLaunch {
  /** The embed token from `#token=` or `?token=`, if there was one. */
  token: string | null
  /** The query string as opened, without the token. */
  params: URLSearchParams
}

let launch: EmbedLaunch | null = null

export const isEmbedPath = (pathname: string): boolean =>
  pathname === '/embed' || pathname.startsWith('/embed/')

function withoutToken(part: string): {
  token: string | null
  rest: string
} {
  const params = new URLSearchParams(part)
  const token = params.get('token')
  if (token === null) return { token: null, rest: part }
  params.delete('token')
  return { token, rest: params.toString() }
}

/**
 * Reads the launch of an embedded page and removes the token from the
 * address with `history.replaceState`. Call once, before the router reads
 * the address; outside `/embed` it does nothing.
 */
export function takeEmbedLaunch(win: Window = window): EmbedLaunch | null {
  const { pathname, search, hash } = win.location
  if (!isEmbedPath(pathname)) return null
  const fromHash = withoutToken(hash.slice(1))
  const fromQuery = withoutToken(search.slice(1))
  const token = fromHash.token ?? fromQuery.token
  if (fromHash.token !== null || fromQuery.token !== null) {
    const url = `${pathname}${fromQuery.rest ? `?${fromQuery.rest}` : ''}${
      fromHash.rest ? `#${fromHash.rest}` : ''
    }`
    win.history.replaceState(win.history.state, '', url)
  }
  launch = {
    token: token === '' ? null : token,
    params: new URLSearchParams(fromQuery.rest),
  }
  return launch
}

/** The launch read at start; the token is handed out once. */
export function consumeEmbedLaunch(): EmbedLaunch {
  const current = launch ?? {
    token: null,
    params: new URLSearchParams(),
  }
  launch = { token: null, params: current.params }
  return current
}
