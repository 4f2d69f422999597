import { BlockList, isIP } from 'node:net'

/** One entry of TRUSTED_PROXIES: an address, or a CIDR range. */
export interface TrustedProxy {
  address: string
  prefix: number
  family: 'ipv4' | 'ipv6'
}

/** `10.0.0.5`, `10.0.0.0/8`, `::1` or `fd00::/8`; undefined for anything else. */
export function parseTrustedProxy(item: string): TrustedProxy | undefined {
  const [address = '', prefixText, extra] = item.split('/')
  if (extra !== undefined) return undefined
  const version = isIP(address)
  if (version === 0) return undefined
  const family = version === 4 ? 'ipv4' : 'ipv6'
  const bits = version === 4 ? 32 : 128
  if (prefixText === undefined) return { address, prefix: bits, family }
  if (!/^\d{1,3}$/.test(prefixText)) return undefined
  const prefix = Number(prefixText)
  return prefix <= bits ? { address, prefix, family } : undefined
}

/** `10.0.0.0/8` as written back: an address alone keeps no prefix. */
export const formatTrustedProxy = ({
  address,
  prefix,
  family,
}: TrustedProxy): string =>
  prefix === (family === 'ipv4' ? 32 : 128) ? address : `${address}/${prefix}`

/**
 * Whether a TCP peer is one of the configured proxies. Node's BlockList also
 * matches an IPv4 peer seen as `::ffff:a.b.c.d` on a dual-stack socket.
 */
export function createProxyMatcher(
  entries: readonly string[],
): (peer: string | undefined) => boolean {
  const list = new BlockList()
  for (const entry of entries) {
    const parsed = parseTrustedProxy(entry)
    if (!parsed) throw new Error(`Not an address or CIDR range: ${entry}`)
    list.addSubnet(parsed.address, parsed.prefix, parsed.family)
  }
  return (peer) => {
    if (peer === undefined) return false
    const version = isIP(peer)
    if (version === 0) return false
    return list.check(peer, version === 4 ? 'ipv4' : 'ipv6')
  }
}
