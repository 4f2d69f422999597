import type { CookieOptions } from 'hono/utils/cookie'

export interface AuthCookies {
  /** Holds the sealed id of a signed-in person's session. */
  session: string
  /** Holds the sealed state, nonce and PKCE verifier of a sign-in under way. */
  login: string
  /** Attributes both cookies are set (and cleared) with. */
  options: CookieOptions
}

/**
 * The cookie names and attributes for a dashboard served at `publicOrigin`.
 * Over https the names carry the `__Host-` prefix, which makes browsers
 * refuse the cookie unless it is Secure, host-only and on `/`. A `__Host-`
 * cookie must be Secure, which plain http cannot keep, so on
 * `http://localhost` the names go without the prefix.
 */
export function authCookies(publicOrigin: string): AuthCookies {
  const secure = publicOrigin.startsWith('https:')
  const prefix = secure ? '__Host-' : ''
  return {
    session: `${prefix}sac_session`,
    login: `${prefix}sac_login`,
    options: { httpOnly: true, secure, sameSite: 'Lax', path: '/' },
  }
}
