import { describe, expect, it } from 'vitest'

import { accountIdOf, pageFileFor } from './page-files'

describe('pageFileFor', () => {
  it.each([
    ['/', 'pages/accounts.html'],
    ['/accounts', 'pages/accounts.html'],
    ['/accounts/ca_1', 'pages/account.html'],
    ['/accounts/ca_1/', 'pages/account.html'],
    ['/triage', 'pages/triage.html'],
    ['/audit', 'index.html'],
    ['/accounts/ca_1/devices', 'index.html'],
  ])('answers %s with %s', (path, file) => {
    expect(pageFileFor(path)).toBe(file)
  })
})

describe('accountIdOf', () => {
  it('names the account of an account page, decoded', () => {
    expect(accountIdOf('/accounts/6fa459ea-ee8a-3ca4-894e-db77e160355e')).toBe(
      '6fa459ea-ee8a-3ca4-894e-db77e160355e',
    )
    expect(accountIdOf('/accounts/a%20b/')).toBe('a b')
  })

  it('is null for other pages and for an ID that does not decode', () => {
    expect(accountIdOf('/accounts')).toBeNull()
    expect(accountIdOf('/triage')).toBeNull()
    expect(accountIdOf('/accounts/a/b')).toBeNull()
    expect(accountIdOf('/accounts/%E0%A4%A')).toBeNull()
  })
})
