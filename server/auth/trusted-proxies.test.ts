import { describe, expect, it } from 'vitest'

import {
  createProxyMatcher,
  formatTrustedProxy,
  parseTrustedProxy,
} from './trusted-proxies'

describe('parseTrustedProxy', () => {
  it.each([
    ['10.0.0.5', { address: '10.0.0.5', prefix: 32, family: 'ipv4' }],
    ['10.0.0.0/8', { address: '10.0.0.0', prefix: 8, family: 'ipv4' }],
    ['0.0.0.0/0', { address: '0.0.0.0', prefix: 0, family: 'ipv4' }],
    ['::1', { address: '::1', prefix: 128, family: 'ipv6' }],
    ['fd00::/8', { address: 'fd00::', prefix: 8, family: 'ipv6' }],
  ])('reads %s', (item, parsed) => {
    expect(parseTrustedProxy(item)).toEqual(parsed)
  })

  it.each([
    '',
    'proxy.internal',
    '10.0.0',
    '10.0.0.256',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/8/8',
    '10.0.0.0/',
    '::1/129',
    '10.0.0.0/0x8',
  ])('refuses %j', (item) => {
    expect(parseTrustedProxy(item)).toBeUndefined()
  })

  it('writes an address alone without its prefix', () => {
    const format = (item: string) => {
      const parsed = parseTrustedProxy(item)
      return parsed ? formatTrustedProxy(parsed) : undefined
    }
    expect(format('10.0.0.5/32')).toBe('10.0.0.5')
    expect(format('10.0.0.0/8')).toBe('10.0.0.0/8')
    expect(format('::1/128')).toBe('::1')
  })
})

describe('createProxyMatcher', () => {
  const isTrusted = createProxyMatcher([
    '10.0.0.0/8',
    '192.168.1.5',
    'fd00::/8',
  ])

  it.each([
    ['10.1.2.3', true],
    ['192.168.1.5', true],
    ['::ffff:10.1.2.3', true],
    ['fd12::1', true],
    ['192.168.1.6', false],
    ['127.0.0.1', false],
    ['::1', false],
    ['11.0.0.1', false],
    ['not an address', false],
    [undefined, false],
  ])('%s is trusted: %s', (peer, trusted) => {
    expect(isTrusted(peer)).toBe(trusted)
  })
})
