import { describe, expect, it } from 'vitest'

import { loadConfig, secretsOf } from './config'

describe('loadConfig', () => {
  it('uses defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: null,
      upstream: { mode: 'sandbox' },
      upstreamTimeoutMs: 10_000,
      embedOrigins: [],
      authMode: 'none',
      sandbox: {
        db: 'data/sandbox.db',
        accounts: 240,
        apiKey: 'seam_sandbox_local',
        seed: 1,
        syncDelayMs: 1000,
      },
    })
  })

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '4173',
        HOST: '0.0.0.0',
        SANDBOX_DB: ':memory:',
        SANDBOX_ACCOUNTS: '12',
        SANDBOX_API_KEY: 'seam_test_key',
        SANDBOX_SEED: '42',
        SANDBOX_SYNC_DELAY_MS: '0',
      }),
    ).toMatchObject({
      port: 4173,
      host: '0.0.0.0',
      upstream: { mode: 'sandbox' },
      sandbox: {
        db: ':memory:',
        accounts: 12,
        apiKey: 'seam_test_key',
        seed: 42,
        syncDelayMs: 0,
      },
    })
  })

  it('treats empty values as unset', () => {
    const config = loadConfig({ PORT: '', SANDBOX_ACCOUNTS: '' })
    expect(config.port).toBe(8080)
    expect(config.sandbox.accounts).toBe(240)
  })

  it('ignores unrelated variables', () => {
    expect(loadConfig({ PATH: '/usr/bin', NODE_ENV: 'test' }).port).toBe(8080)
  })

  it('accepts zero accounts for an empty workspace', () => {
    expect(loadConfig({ SANDBOX_ACCOUNTS: '0' }).sandbox.accounts).toBe(0)
  })

  it.each([
    ['PORT', 'abc', 'PORT must be an integer between 1 and 65535 (got "abc")'],
    ['PORT', '0', 'PORT must be an integer between 1 and 65535 (got "0")'],
    [
      'PORT',
      '65536',
      'PORT must be an integer between 1 and 65535 (got "65536")',
    ],
    [
      'PORT',
      '80.5',
      'PORT must be an integer between 1 and 65535 (got "80.5")',
    ],
    ['PORT', '1e3', 'PORT must be an integer between 1 and 65535 (got "1e3")'],
    ['HOST', '   ', 'HOST must not be empty (got "   ")'],
    [
      'SANDBOX_ACCOUNTS',
      '-1',
      'SANDBOX_ACCOUNTS must be an integer between 0 and 100000 (got "-1")',
    ],
    [
      'SANDBOX_SEED',
      'random',
      'SANDBOX_SEED must be an integer between 0 and 4294967295 (got "random")',
    ],
    ['SANDBOX_DB', ' ', 'SANDBOX_DB must not be empty (got " ")'],
  ])('rejects %s=%j with one clear line', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new Error(message))
  })

  it('reports the first bad variable when several are wrong', () => {
    expect(() => loadConfig({ PORT: 'x', SANDBOX_SEED: 'y' })).toThrow(
      /^PORT must be/,
    )
  })

  describe('Seam mode', () => {
    it('uses an API key against the default endpoint', () => {
      expect(loadConfig({ SEAM_API_KEY: 'seam_live_key' }).upstream).toEqual({
        mode: 'seam',
        endpoint: 'https://connect.getseam.com',
        credentials: { kind: 'api_key', apiKey: 'seam_live_key' },
      })
    })

    it('uses a personal access token with its workspace and a custom endpoint', () => {
      expect(
        loadConfig({
          SEAM_PERSONAL_ACCESS_TOKEN: 'seam_at_token',
          SEAM_WORKSPACE_ID: 'ws_1',
          SEAM_ENDPOINT: 'http://127.0.0.1:9000/',
        }).upstream,
      ).toEqual({
        mode: 'seam',
        endpoint: 'http://127.0.0.1:9000',
        credentials: {
          kind: 'personal_access_token',
          token: 'seam_at_token',
          workspaceId: 'ws_1',
        },
      })
    })

    it('reads timeouts, embed origins and the public URL', () => {
      const config = loadConfig({
        UPSTREAM_TIMEOUT_MS: '2500',
        EMBED_ORIGINS: 'https://portal.example.com, http://localhost:3000',
        PUBLIC_URL: 'https://accounts.example.com/',
      })
      expect(config.upstreamTimeoutMs).toBe(2500)
      expect(config.embedOrigins).toEqual([
        'https://portal.example.com',
        'http://localhost:3000',
      ])
      expect(config.publicUrl).toBe('https://accounts.example.com')
    })

    it.each([
      [
        {
          SEAM_API_KEY: 'a',
          SEAM_PERSONAL_ACCESS_TOKEN: 'b',
          SEAM_WORKSPACE_ID: 'w',
        },
        /^SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN are both set/,
      ],
      [
        { SEAM_PERSONAL_ACCESS_TOKEN: 'b' },
        /^SEAM_WORKSPACE_ID is required with SEAM_PERSONAL_ACCESS_TOKEN/,
      ],
      [
        { SEAM_API_KEY: 'a', SEAM_WORKSPACE_ID: 'w' },
        /^SEAM_WORKSPACE_ID is only used with SEAM_PERSONAL_ACCESS_TOKEN/,
      ],
      [{ SEAM_ENDPOINT: 'ftp://x' }, /^SEAM_ENDPOINT must be an http\(s\) URL/],
      [
        { SEAM_ENDPOINT: 'not a url' },
        /^SEAM_ENDPOINT must be an http\(s\) URL/,
      ],
      [
        { UPSTREAM_TIMEOUT_MS: '50' },
        /^UPSTREAM_TIMEOUT_MS must be an integer between 100/,
      ],
      [
        { EMBED_ORIGINS: 'https://portal.example.com/path' },
        /^EMBED_ORIGINS must be a comma-separated list of origins/,
      ],
      [{ EMBED_ORIGINS: '*' }, /^EMBED_ORIGINS must be a comma-separated list/],
      [{ AUTH_MODE: 'oidc' }, /^AUTH_MODE must be none/],
      [
        { SEAM_API_KEY: 'a', HOST: '0.0.0.0' },
        /^HOST is 0\.0\.0\.0, but without sign-in/,
      ],
    ])('rejects %j with one line naming the variable', (env, message) => {
      expect(() => loadConfig(env)).toThrow(message)
    })

    it('allows any host in sandbox mode and loopback hosts in Seam mode', () => {
      expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0')
      for (const HOST of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
        expect(loadConfig({ SEAM_API_KEY: 'a', HOST }).host).toBe(HOST)
      }
    })

    it('lists the configured secrets for redaction', () => {
      expect(secretsOf(loadConfig({ SEAM_API_KEY: 'seam_live_key' }))).toEqual([
        'seam_sandbox_local',
        'seam_live_key',
      ])
    })
  })
})
