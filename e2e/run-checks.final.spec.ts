import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import {
  RESPONSE_LOG_DIR,
  type ResponseKind,
  type ResponseRecord,
} from './support/response-checks'
import { secretValues } from './support/secrets'
import { expect, test } from './support/test'

const LOG_DIR = join('test-results', 'logs')

function readRecords(): ResponseRecord[] {
  if (!existsSync(RESPONSE_LOG_DIR)) return []
  return readdirSync(RESPONSE_LOG_DIR)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) =>
      readFileSync(join(RESPONSE_LOG_DIR, file), 'utf8')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as ResponseRecord),
    )
}

test('every response of the run carried the security headers and no secret', () => {
  const records = readRecords()
  const fromDashboard = records.filter((record) => record.dashboard)
  expect(fromDashboard.length).toBeGreaterThan(1000)
  const seen = new Set(fromDashboard.map((record) => record.kind))
  const expected: ResponseKind[] = [
    'html',
    'script',
    'stylesheet',
    'image',
    'api-json',
    'api-error',
    'csv',
    'redirect',
  ]
  expect([...seen].sort()).toEqual(expect.arrayContaining(expected.sort()))
  const bad = records.filter((record) => record.problems.length > 0)
  expect(bad).toEqual([])
})

test('no configured secret reached a server log line', () => {
  // Locally a reused server writes no log here; the clean run always does.
  test.skip(
    !process.env.CI && !existsSync(LOG_DIR),
    'servers were reused from an earlier run',
  )
  const logs = readdirSync(LOG_DIR).filter((file) => file.endsWith('.log'))
  expect(logs).toEqual(
    expect.arrayContaining([
      'dashboard.log',
      'oidc-dashboard.log',
      'oidc-provider.log',
      'hostile-dashboard.log',
    ]),
  )
  let lines = 0
  for (const file of logs) {
    const text = readFileSync(join(LOG_DIR, file), 'utf8')
    lines += text.split('\n').length
    for (const secret of secretValues()) {
      expect(text.includes(secret), `${file} holds a secret`).toBe(false)
    }
  }
  // The dashboards log one line per request: the run made thousands.
  expect(lines).toBeGreaterThan(1000)
})

test('no configured secret is in a file the server serves', () => {
  // Every file of the build, including lazy chunks no journey happened to load.
  const files = readdirSync('dist', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
  expect(files.some((file) => file.endsWith('.js'))).toBe(true)
  for (const file of files) {
    const text = readFileSync(file, 'latin1')
    for (const secret of secretValues()) {
      expect(text.includes(secret), `${file} holds a secret`).toBe(false)
    }
  }
})
