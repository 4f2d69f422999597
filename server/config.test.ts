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
      embed: {
        origins: ['http://127.0.0.1:8081'],
        secret: null,
        sessionTtlMs: 900_000,
        demoPort: 8081,
      },
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
      expect(config.embed.origins).toEqual([
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

  describe('embedding', () => {
    const SECRET = 'embed-secret-0123456789abcdefghijklmnop'

    it('reads the secret and the session lifetime', () => {
      const { embed } = loadConfig({
        EMBED_SECRET: SECRET,
        EMBED_SESSION_TTL_S: '120',
      })
      expect(embed.secret).toBe(SECRET)
      expect(embed.sessionTtlMs).toBe(120_000)
    })

    it('refuses a short secret without printing it', () => {
      const short = 'too-short-secret'
      let message = ''
      try {
        loadConfig({ EMBED_SECRET: short })
      } catch (error) {
        message = error instanceof Error ? error.message : String(error)
      }
      expect(message).toBe(
        'EMBED_SECRET must be at least 32 characters (got 16 characters)',
      )
      expect(message).not.toContain(short)
    })

    it.each([
      ['59', /^EMBED_SESSION_TTL_S must be an integer between 60 and 86400/],
      ['86401', /^EMBED_SESSION_TTL_S must be an integer between 60/],
      ['15m', /^EMBED_SESSION_TTL_S must be an integer between 60/],
    ])('refuses EMBED_SESSION_TTL_S=%s', (value, message) => {
      expect(() => loadConfig({ EMBED_SESSION_TTL_S: value })).toThrow(message)
    })

    it('runs the demo portal on PORT + 1 in sandbox mode, and lets it frame the dashboard', () => {
      expect(loadConfig({ PORT: '9000' }).embed).toMatchObject({
        demoPort: 9001,
        origins: ['http://127.0.0.1:9001'],
      })
    })

    it.each([
      ['0.0.0.0', 'http://127.0.0.1:8081'],
      ['::', 'http://127.0.0.1:8081'],
      ['::1', 'http://[::1]:8081'],
      ['localhost', 'http://localhost:8081'],
      ['192.168.1.20', 'http://192.168.1.20:8081'],
    ])('gives the demo portal on HOST=%s the origin %s', (HOST, origin) => {
      expect(loadConfig({ HOST }).embed.origins).toEqual([origin])
    })

    it('takes EMBED_DEMO_PORT, and 0 turns the demo portal off', () => {
      expect(loadConfig({ EMBED_DEMO_PORT: '7000' }).embed).toMatchObject({
        demoPort: 7000,
        origins: ['http://127.0.0.1:7000'],
      })
      expect(loadConfig({ EMBED_DEMO_PORT: '0' }).embed).toMatchObject({
        demoPort: null,
        origins: [],
      })
    })

    it('keeps EMBED_ORIGINS as given when set, demo portal or not', () => {
      const config = loadConfig({
        EMBED_ORIGINS: 'https://portal.example.com',
        EMBED_DEMO_PORT: '7000',
      })
      expect(config.embed).toMatchObject({
        origins: ['https://portal.example.com'],
        demoPort: 7000,
      })
    })

    it('has no demo portal in Seam mode', () => {
      expect(loadConfig({ SEAM_API_KEY: 'seam_live_key' }).embed).toEqual({
        origins: [],
        secret: null,
        sessionTtlMs: 900_000,
        demoPort: null,
      })
    })

    it.each([
      [
        { EMBED_DEMO_PORT: '8080' },
        'EMBED_DEMO_PORT must differ from PORT (both are 8080): the demo portal listens beside the dashboard',
      ],
      [
        { PORT: '65535' },
        /^EMBED_DEMO_PORT defaults to PORT \+ 1, which is 65536/,
      ],
      [
        { EMBED_DEMO_PORT: '65536' },
        /^EMBED_DEMO_PORT must be an integer between 0 and 65535/,
      ],
      [
        { SEAM_API_KEY: 'seam_live_key', EMBED_DEMO_PORT: '8081' },
        /^EMBED_DEMO_PORT is set, but the demo portal runs only in sandbox mode/,
      ],
      [
        { SEAM_API_KEY: 'seam_live_key', EMBED_DEMO_PORT: '0' },
        /^EMBED_DEMO_PORT is set, but the demo portal runs only in sandbox mode/,
      ],
    ])('refuses %j with one line naming the variable', (env, message) => {
      expect(() => loadConfig(env)).toThrow(message)
    })

    it('lists the embed secret for redaction', () => {
      expect(secretsOf(loadConfig({ EMBED_SECRET: SECRET }))).toEqual([
        'seam_sandbox_local',
        SECRET,
      ])
    })
  })
})
