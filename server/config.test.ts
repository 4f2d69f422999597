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
      auditDb: 'data/audit.db',
      embed: {
        origins: ['http://127.0.0.1:8081'],
        secret: null,
        sessionTtlMs: 900_000,
        demoPort: 8081,
      },
      authMode: 'none',
      auth: { mode: 'none', roleGroups: { admin: [], operator: [] } },
      rateLimit: { destructivePerMinute: 20 },
      sandbox: {
        db: 'data/sandbox.db',
        accounts: 240,
        apiKey: 'seam_sandbox_local',
        seed: 1,
        syncDelayMs: 1000,
        dataset: 'realistic',
      },
    })
  })

  it('seeds the hostile data set into a database of its own unless SANDBOX_DB is set', () => {
    expect(loadConfig({ SANDBOX_DATASET: 'hostile' }).sandbox).toMatchObject({
      dataset: 'hostile',
      db: 'data/sandbox-hostile.db',
    })
    expect(
      loadConfig({ SANDBOX_DATASET: 'hostile', SANDBOX_DB: 'x.db' }).sandbox,
    ).toMatchObject({ dataset: 'hostile', db: 'x.db' })
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
        AUDIT_DB: ':memory:',
      }),
    ).toMatchObject({
      port: 4173,
      host: '0.0.0.0',
      upstream: { mode: 'sandbox' },
      auditDb: ':memory:',
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
    [
      'SANDBOX_DATASET',
      'evil',
      'SANDBOX_DATASET must be realistic or hostile (got "evil")',
    ],
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
      [{ AUTH_MODE: 'ldap' }, /^AUTH_MODE must be none, oidc or proxy/],
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

  describe('sign-in', () => {
    const SESSION_SECRET = 'session-secret-0123456789abcdefghijklmn'
    const OIDC = {
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'https://login.example.com/realms/acme',
      OIDC_CLIENT_ID: 'seam-accounts-console',
      OIDC_CLIENT_SECRET: 'oidc-client-secret-value',
      PUBLIC_URL: 'https://accounts.example.com/',
      SESSION_SECRET,
    }
    const PROXY = {
      AUTH_MODE: 'proxy',
      AUTH_PROXY_USER_HEADER: 'X-Forwarded-User',
      TRUSTED_PROXIES: '10.0.0.5',
    }

    it('reads an OpenID Connect setup, with defaults for the rest', () => {
      const config = loadConfig({
        ...OIDC,
        ROLE_GROUPS_ADMIN: 'console-admins, it ',
        ROLE_GROUPS_OPERATOR: 'support',
      })
      expect(config.authMode).toBe('oidc')
      expect(config.auth).toEqual({
        mode: 'oidc',
        roleGroups: { admin: ['console-admins', 'it'], operator: ['support'] },
        oidc: {
          issuer: 'https://login.example.com/realms/acme',
          clientId: 'seam-accounts-console',
          clientSecret: 'oidc-client-secret-value',
          scopes: 'openid email profile',
          groupsClaim: 'groups',
          redirectUri: 'https://accounts.example.com/auth/callback',
          sessionSecret: SESSION_SECRET,
          sessionIdleMs: 30 * 60_000,
          sessionMaxMs: 12 * 3_600_000,
        },
      })
    })

    it('reads the optional OpenID Connect and session variables', () => {
      const config = loadConfig({
        ...OIDC,
        OIDC_SCOPES: 'openid  email groups',
        OIDC_GROUPS_CLAIM: 'roles',
        SESSION_IDLE_MINUTES: '5',
        SESSION_MAX_HOURS: '168',
        RATE_LIMIT_DESTRUCTIVE_PER_MINUTE: '3',
      })
      expect(config.auth).toMatchObject({
        oidc: {
          scopes: 'openid email groups',
          groupsClaim: 'roles',
          sessionIdleMs: 5 * 60_000,
          sessionMaxMs: 168 * 3_600_000,
        },
      })
      expect(config.rateLimit).toEqual({ destructivePerMinute: 3 })
    })

    it('accepts an http provider and public URL on loopback only', () => {
      const config = loadConfig({
        ...OIDC,
        OIDC_ISSUER: 'http://127.0.0.1:9400',
        PUBLIC_URL: 'http://localhost:8080',
      })
      expect(config.auth).toMatchObject({
        oidc: {
          issuer: 'http://127.0.0.1:9400',
          redirectUri: 'http://localhost:8080/auth/callback',
        },
      })
    })

    it('reads a sign-in proxy setup', () => {
      const config = loadConfig({
        ...PROXY,
        AUTH_PROXY_EMAIL_HEADER: 'X-Forwarded-Email',
        AUTH_PROXY_GROUPS_HEADER: 'X-Forwarded-Groups',
        TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1/32,::1,fd00::/8',
      })
      expect(config.auth).toEqual({
        mode: 'proxy',
        roleGroups: { admin: [], operator: [] },
        proxy: {
          userHeader: 'x-forwarded-user',
          emailHeader: 'x-forwarded-email',
          groupsHeader: 'x-forwarded-groups',
          trustedProxies: ['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8'],
        },
      })
    })

    it('lets a real workspace listen beyond loopback only with sign-in', () => {
      const seam = { SEAM_API_KEY: 'seam_live_key', HOST: '0.0.0.0' }
      expect(loadConfig({ ...seam, ...OIDC }).host).toBe('0.0.0.0')
      expect(loadConfig({ ...seam, ...PROXY }).host).toBe('0.0.0.0')
      expect(() => loadConfig(seam)).toThrow(
        'HOST is 0.0.0.0, but without sign-in (AUTH_MODE=none) a dashboard on a real Seam workspace only listens on loopback: set HOST=127.0.0.1, or AUTH_MODE=oidc or proxy',
      )
      // The sandbox holds no one's data: it may listen anywhere without sign-in.
      expect(loadConfig({ HOST: '0.0.0.0' }).authMode).toBe('none')
    })

    it.each([
      [
        { ...OIDC, OIDC_ISSUER: undefined },
        'OIDC_ISSUER is required with AUTH_MODE=oidc: the URL of the OpenID provider, such as https://login.example.com',
      ],
      [
        { ...OIDC, OIDC_CLIENT_ID: undefined },
        'OIDC_CLIENT_ID is required with AUTH_MODE=oidc',
      ],
      [
        { ...OIDC, OIDC_CLIENT_SECRET: '' },
        'OIDC_CLIENT_SECRET is required with AUTH_MODE=oidc',
      ],
      [
        { ...OIDC, PUBLIC_URL: undefined },
        'PUBLIC_URL is required with AUTH_MODE=oidc: the provider sends people back to <PUBLIC_URL>/auth/callback',
      ],
      [
        { ...OIDC, SESSION_SECRET: undefined },
        'SESSION_SECRET is required with AUTH_MODE=oidc: 32 or more random characters that seal the session cookie',
      ],
      [
        { ...OIDC, OIDC_ISSUER: 'login.example.com' },
        /^OIDC_ISSUER must be the http\(s\) URL of the OpenID provider/,
      ],
      [
        { ...OIDC, OIDC_ISSUER: 'https://login.example.com/?tenant=1' },
        /^OIDC_ISSUER must be the http\(s\) URL of the OpenID provider .*without query or fragment/,
      ],
      [
        { ...OIDC, OIDC_ISSUER: 'http://login.example.com' },
        'OIDC_ISSUER must be an https URL (http only on localhost or 127.0.0.1) (got "http://login.example.com")',
      ],
      [
        { ...OIDC, PUBLIC_URL: 'http://accounts.example.com' },
        /^PUBLIC_URL must be an https URL with AUTH_MODE=oidc \(http only on localhost or 127\.0\.0\.1\)/,
      ],
      [
        { ...OIDC, OIDC_SCOPES: 'email profile' },
        'OIDC_SCOPES must include openid, separated by spaces, such as "openid email profile" (got "email profile")',
      ],
      [
        { ...OIDC, SESSION_IDLE_MINUTES: '0' },
        'SESSION_IDLE_MINUTES must be an integer between 1 and 1440 (got "0")',
      ],
      [
        { ...OIDC, SESSION_IDLE_MINUTES: '1441' },
        /^SESSION_IDLE_MINUTES must be an integer between 1 and 1440/,
      ],
      [
        { ...OIDC, SESSION_MAX_HOURS: '169' },
        'SESSION_MAX_HOURS must be an integer between 1 and 168 (got "169")',
      ],
      [
        { ...OIDC, SESSION_MAX_HOURS: '0.5' },
        /^SESSION_MAX_HOURS must be an integer between 1 and 168/,
      ],
      [
        { RATE_LIMIT_DESTRUCTIVE_PER_MINUTE: '0' },
        'RATE_LIMIT_DESTRUCTIVE_PER_MINUTE must be an integer between 1 and 10000 (got "0")',
      ],
      [
        { RATE_LIMIT_DESTRUCTIVE_PER_MINUTE: '10001' },
        /^RATE_LIMIT_DESTRUCTIVE_PER_MINUTE must be an integer between 1 and 10000/,
      ],
      [
        { ...PROXY, AUTH_PROXY_USER_HEADER: undefined },
        "AUTH_PROXY_USER_HEADER is required with AUTH_MODE=proxy: the header your sign-in proxy puts the user's name in, such as X-Forwarded-User",
      ],
      [
        { ...PROXY, TRUSTED_PROXIES: undefined },
        /^TRUSTED_PROXIES is required with AUTH_MODE=proxy: the addresses of your sign-in proxy/,
      ],
      [
        { ...PROXY, TRUSTED_PROXIES: '10.0.0.0/33' },
        'TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges such as 10.0.0.0/8 (not "10.0.0.0/33") (got "10.0.0.0/33")',
      ],
      [
        { ...PROXY, TRUSTED_PROXIES: '10.0.0.5, proxy.internal' },
        /^TRUSTED_PROXIES must be a comma-separated list .*\(not "proxy\.internal"\)/,
      ],
      [
        { ...PROXY, TRUSTED_PROXIES: '1.2.3' },
        /^TRUSTED_PROXIES must be a comma-separated list .*\(not "1\.2\.3"\)/,
      ],
      [
        { ...PROXY, TRUSTED_PROXIES: ' , ' },
        'TRUSTED_PROXIES must list at least one IP address or CIDR range (got " , ")',
      ],
      [
        { ...PROXY, AUTH_PROXY_USER_HEADER: 'X User' },
        'AUTH_PROXY_USER_HEADER must be an HTTP header name such as X-Forwarded-User (got "X User")',
      ],
      [
        { ...PROXY, AUTH_PROXY_GROUPS_HEADER: 'groups:' },
        /^AUTH_PROXY_GROUPS_HEADER must be an HTTP header name/,
      ],
      [
        { OIDC_ISSUER: 'https://login.example.com' },
        'OIDC_ISSUER is set, but AUTH_MODE is none: set AUTH_MODE=oidc, or unset OIDC_ISSUER',
      ],
      [
        { ...PROXY, SESSION_SECRET },
        'SESSION_SECRET is set, but AUTH_MODE is proxy: set AUTH_MODE=oidc, or unset SESSION_SECRET',
      ],
      [
        { ...OIDC, TRUSTED_PROXIES: '10.0.0.5' },
        'TRUSTED_PROXIES is set, but AUTH_MODE is oidc: set AUTH_MODE=proxy, or unset TRUSTED_PROXIES',
      ],
      [
        { AUTH_PROXY_GROUPS_HEADER: 'X-Groups' },
        'AUTH_PROXY_GROUPS_HEADER is set, but AUTH_MODE is none: set AUTH_MODE=proxy, or unset AUTH_PROXY_GROUPS_HEADER',
      ],
    ])('refuses %j with one line naming the variable', (env, message) => {
      expect(() => loadConfig(env)).toThrow(message)
    })

    it('never prints the session secret or the client secret', () => {
      const messages: string[] = []
      for (const env of [
        { ...OIDC, SESSION_SECRET: 'short-session-secret' },
        { ...OIDC, OIDC_CLIENT_SECRET: '  ' },
      ]) {
        try {
          loadConfig(env)
        } catch (error) {
          messages.push(error instanceof Error ? error.message : String(error))
        }
      }
      expect(messages).toEqual([
        'SESSION_SECRET must be at least 32 characters (got 20 characters)',
        'OIDC_CLIENT_SECRET must not be empty (got 2 characters)',
      ])
    })

    it('lists the OpenID Connect secrets for redaction', () => {
      expect(secretsOf(loadConfig(OIDC))).toEqual([
        'seam_sandbox_local',
        'oidc-client-secret-value',
        SESSION_SECRET,
      ])
    })
  })
})
