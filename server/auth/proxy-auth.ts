import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

import type { AppEnv } from '../app-env'
import type { ProxyAuthConfig, RoleGroups } from '../config'
import type { Identify } from './resolve-principal'
import { groupsOf, roleForGroups } from './role-groups'
import { createProxyMatcher } from './trusted-proxies'

/** Longer than any user name or address a sign-in proxy sends. */
const MAX_IDENTITY_LENGTH = 256
const MAX_GROUPS_HEADER_LENGTH = 8192

/** The TCP peer: the last hop, which no header can change. */
function peerAddress(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    // Not on a Node socket (app.request in tests): no peer to trust.
    return undefined
  }
}

/** A header value as a single clean line, or undefined. */
function headerValue(
  c: Context<AppEnv>,
  name: string,
  maxLength: number,
): string | undefined {
  const value = c.req.header(name)?.trim()
  if (value === undefined || value === '' || value.length > maxLength) {
    return undefined
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(value) ? undefined : value
}

/**
 * AUTH_MODE=proxy: the sign-in proxy in front of the dashboard says who is
 * there in headers. They are believed only from a TRUSTED_PROXIES peer;
 * from anyone else the same headers are ignored.
 */
export function proxyIdentify(
  proxy: ProxyAuthConfig,
  roleGroups: RoleGroups,
): Identify {
  const isTrusted = createProxyMatcher(proxy.trustedProxies)
  return (c) => {
    if (!isTrusted(peerAddress(c))) {
      return {
        reason:
          'Sign in through the sign-in proxy: this request did not come through it.',
      }
    }
    const user = headerValue(c, proxy.userHeader, MAX_IDENTITY_LENGTH)
    if (user === undefined) {
      return { reason: 'The sign-in proxy did not say who is signed in.' }
    }
    const email = proxy.emailHeader
      ? (headerValue(c, proxy.emailHeader, MAX_IDENTITY_LENGTH) ?? null)
      : null
    const groups = proxy.groupsHeader
      ? groupsOf(
          headerValue(c, proxy.groupsHeader, MAX_GROUPS_HEADER_LENGTH) ?? '',
        )
      : []
    return {
      principal: {
        id: user,
        email,
        name: email ?? user,
        role: roleForGroups(groups, roleGroups),
        auth: 'proxy',
        via: 'dashboard',
        origin: null,
      },
    }
  }
}
