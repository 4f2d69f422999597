interface StoredCookie {
  value: string
  path: string
}

/** Where a cookie without a Path attribute applies (RFC 6265 default-path). */
function defaultPath(pathname: string): string {
  const last = pathname.lastIndexOf('/')
  return last <= 0 ? '/' : pathname.slice(0, last)
}

const pathMatches = (requestPath: string, cookiePath: string): boolean =>
  requestPath === cookiePath ||
  (requestPath.startsWith(cookiePath) &&
    (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'))

export interface BrowserResponse {
  status: number
  url: string
  location: string | null
  headers: Headers
  setCookies: string[]
  text: string
}

/**
 * Just enough of a browser for sign-in flows driven with fetch: a cookie jar
 * per host (like browsers, cookies ignore the port), path matching, expiry
 * on `Max-Age=0`, and redirects followed one at a time so each hop can be
 * checked.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>()

  /** The value of a cookie the browser holds for a URL's host. */
  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).hostname)?.get(name)?.value
  }

  /** Puts a cookie in the jar, as a tampering user would. */
  setCookie(url: string, name: string, value: string, path = '/'): void {
    const host = new URL(url).hostname
    const cookies = this.jar.get(host) ?? new Map<string, StoredCookie>()
    cookies.set(name, { value, path })
    this.jar.set(host, cookies)
  }

  async request(
    url: string,
    init: {
      method?: string
      headers?: Record<string, string>
      body?: string
    } = {},
  ): Promise<BrowserResponse> {
    const target = new URL(url)
    const cookieHeader = [
      ...(this.jar.get(target.hostname) ?? new Map<string, StoredCookie>()),
    ]
      .filter(([, cookie]) => pathMatches(target.pathname, cookie.path))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ')
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        ...(cookieHeader === '' ? {} : { cookie: cookieHeader }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    })
    const setCookies = response.headers.getSetCookie()
    for (const header of setCookies) this.store(target, header)
    const location = response.headers.get('location')
    return {
      status: response.status,
      url: target.href,
      location: location === null ? null : new URL(location, target).href,
      headers: response.headers,
      setCookies,
      text: await response.text(),
    }
  }

  /** GETs a URL and follows redirects (at most `maxHops`), returning every hop. */
  async follow(url: string, maxHops = 10): Promise<BrowserResponse[]> {
    const hops: BrowserResponse[] = []
    let next: string | null = url
    while (next !== null && hops.length < maxHops) {
      const response = await this.request(next)
      hops.push(response)
      next =
        response.status >= 300 && response.status < 400
          ? response.location
          : null
    }
    return hops
  }

  private store(url: URL, header: string): void {
    const [pair = '', ...attributes] = header.split(';')
    const separator = pair.indexOf('=')
    if (separator <= 0) return
    const name = pair.slice(0, separator).trim()
    const value = pair.slice(separator + 1).trim()
    let path = defaultPath(url.pathname)
    let expired = false
    for (const attribute of attributes) {
      const [key = '', attributeValue = ''] = attribute.split('=')
      const lower = key.trim().toLowerCase()
      if (lower === 'path') path = attributeValue.trim() || '/'
      if (lower === 'max-age' && Number(attributeValue) <= 0) expired = true
      if (lower === 'expires' && Date.parse(attributeValue) <= Date.now()) {
        expired = true
      }
    }
    const cookies =
      this.jar.get(url.hostname) ?? new Map<string, StoredCookie>()
    if (expired) cookies.delete(name)
    else cookies.set(name, { value, path })
    this.jar.set(url.hostname, cookies)
  }
}
