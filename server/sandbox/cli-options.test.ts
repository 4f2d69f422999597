import { describe, expect, it } from 'vitest'

import { parseSandboxCli } from './cli-options'

describe('parseSandboxCli', () => {
  it('defaults to 127.0.0.1:8787, data/sandbox.db, 240 accounts and the local key', () => {
    expect(parseSandboxCli([], {})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      db: 'data/sandbox.db',
      accounts: 240,
      apiKey: 'seam_sandbox_local',
      seed: 1,
      syncDelayMs: 1000,
      dataset: 'realistic',
      reset: false,
    })
  })

  it('seeds the hostile data set into a database of its own unless --db says otherwise', () => {
    expect(parseSandboxCli(['--dataset', 'hostile'], {})).toMatchObject({
      dataset: 'hostile',
      db: 'data/sandbox-hostile.db',
    })
    expect(parseSandboxCli([], { SANDBOX_DATASET: 'hostile' })).toMatchObject({
      dataset: 'hostile',
      db: 'data/sandbox-hostile.db',
    })
    expect(
      parseSandboxCli(['--dataset', 'realistic', '--db', 'x.db'], {
        SANDBOX_DATASET: 'hostile',
      }),
    ).toMatchObject({ dataset: 'realistic', db: 'x.db' })
    expect(parseSandboxCli([], { SANDBOX_DATASET: '' })).toMatchObject({
      dataset: 'realistic',
      db: 'data/sandbox.db',
    })
  })

  it('reads the environment, and flags win over it', () => {
    const env = {
      SANDBOX_PORT: '9000',
      SANDBOX_HOST: '0.0.0.0',
      SANDBOX_DB: ':memory:',
      SANDBOX_ACCOUNTS: '100000',
      SANDBOX_API_KEY: 'seam_custom_key',
      SANDBOX_SEED: '42',
      SANDBOX_SYNC_DELAY_MS: '0',
    }
    expect(parseSandboxCli([], env)).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      db: ':memory:',
      accounts: 100_000,
      apiKey: 'seam_custom_key',
      seed: 42,
      syncDelayMs: 0,
    })
    expect(
      parseSandboxCli(
        ['--port', '9100', '--accounts', '5', '--reset', '--db', 'x.db'],
        env,
      ),
    ).toMatchObject({ port: 9100, accounts: 5, reset: true, db: 'x.db' })
  })

  it.each([
    [
      ['--port', 'abc'],
      {},
      '--port / SANDBOX_PORT must be a whole number from 0 to 65535 (got "abc")',
    ],
    [[], { SANDBOX_PORT: '70000' }, 'SANDBOX_PORT'],
    [['--accounts', '100001'], {}, '--accounts / SANDBOX_ACCOUNTS'],
    [['--accounts', '-1'], {}, '--accounts'],
    [
      [],
      { SANDBOX_API_KEY: 'short' },
      'SANDBOX_API_KEY must be at least 8 characters',
    ],
    [['--bogus'], {}, "Unknown option '--bogus'"],
    [
      ['--dataset', 'evil'],
      {},
      '--dataset / SANDBOX_DATASET must be realistic or hostile (got "evil")',
    ],
    [
      [],
      { SANDBOX_DATASET: 'Hostile' },
      '--dataset / SANDBOX_DATASET must be realistic or hostile (got "Hostile")',
    ],
  ])('rejects %j %j with a message naming it', (argv, env, message) => {
    expect(() => parseSandboxCli(argv, env)).toThrow(message)
  })
})
