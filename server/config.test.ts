import { describe, expect, it } from 'vitest'

import { loadConfig } from './config'

describe('loadConfig', () => {
  it('uses defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
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
    ).toEqual({
      port: 4173,
      host: '0.0.0.0',
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
})
