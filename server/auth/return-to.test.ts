import { describe, expect, it } from 'vitest'

import { safeReturnTo } from './return-to'

describe('safeReturnTo', () => {
  it.each([
    ['/', '/'],
    ['/accounts', '/accounts'],
    ['/accounts?q=ada&size=50', '/accounts?q=ada&size=50'],
    ['/accounts/acc_1#section', '/accounts/acc_1'],
    ['/triage/../accounts', '/accounts'],
  ])('keeps %j as %j', (value, kept) => {
    expect(safeReturnTo(value)).toBe(kept)
  })

  it.each([
    undefined,
    '',
    'accounts',
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '/\tevil',
    'javascript:alert(1)',
    '/auth/login',
    '/auth/logout',
    '/api/auth/me',
    `/${'a'.repeat(2100)}`,
  ])('replaces %j with /', (value) => {
    expect(safeReturnTo(value)).toBe('/')
  })
})
