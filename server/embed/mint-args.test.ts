import { describe, expect, it } from 'vitest'

import { MintArgsError, parseMintArgs } from './mint-args'
import { mintEmbedToken, verifyEmbedToken } from './token'

const SECRET = 'embed-secret-0123456789abcdefghijklmnop'
const env = { EMBED_SECRET: SECRET }

describe('parseMintArgs', () => {
  it('reads every flag into a token that verifies', () => {
    const options = parseMintArgs(
      [
        '--role',
        'operator',
        '--customer-key',
        'cust_x',
        '--metadata',
        'site=a=b',
        '--metadata',
        'vip:=true',
        '--ttl',
        '120',
        '--origin',
        'http://127.0.0.1:8081',
        '--subject',
        'alice',
      ],
      env,
    )
    expect(options).toEqual({
      secret: SECRET,
      role: 'operator',
      scope: {
        customer_key: 'cust_x',
        custom_metadata_has: { site: 'a=b', vip: true },
      },
      ttlSeconds: 120,
      origin: 'http://127.0.0.1:8081',
      subject: 'alice',
    })
    if (options === 'help') throw new Error('help')
    const verified = verifyEmbedToken(mintEmbedToken(options), SECRET)
    expect(verified).toMatchObject({
      ok: true,
      payload: { role: 'operator', sub: 'alice' },
    })
  })

  it('takes several customer ids', () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID()]
    const options = parseMintArgs(
      ['--role', 'viewer', ...ids.flatMap((id) => ['--customer-id', id])],
      env,
    )
    expect(options).toMatchObject({ scope: { customer_ids: ids } })
  })

  it.each([
    [[], {}, /^EMBED_SECRET is not set/],
    [[], { EMBED_SECRET: 'short' }, /^EMBED_SECRET must be at least 32/],
    [[], env, /^--role is required/],
    [['--role', 'owner'], env, /^--role must be one of/],
    [['--role'], env, /--role/],
    [['--role', 'viewer', '--ttl', '0'], env, /^--ttl must be/],
    [['--role', 'viewer', '--ttl', '3601'], env, /^--ttl must be/],
    [['--role', 'viewer', '--ttl', '1.5'], env, /^--ttl must be/],
    [['--role', 'viewer', '--metadata', 'site'], env, /^--metadata must be/],
    [['--role', 'viewer', '--customer-id', 'x'], env, /^--customer-id:/],
    [['--role', 'viewer', '--customer-key', ' '], env, /^--customer-key:/],
    [['--role', 'viewer', '--origin', 'http://a.example/x'], env, /^--origin/],
    [['--role', 'viewer', '--subject', ' '], env, /^--subject/],
    [['--role', 'viewer', '--scope', '{}'], env, /--scope/],
  ])('refuses %j naming what is wrong', (argv, environment, message) => {
    expect(() => parseMintArgs(argv, environment)).toThrow(MintArgsError)
    expect(() => parseMintArgs(argv, environment)).toThrow(message)
  })

  it('never puts the secret in an error', () => {
    try {
      parseMintArgs(['--role', 'root'], env)
    } catch (error) {
      expect(String(error)).not.toContain(SECRET)
    }
  })
})
