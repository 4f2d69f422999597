import { describe, expect, it } from 'vitest'

import { describeAuthSource, describeRole } from './describe-principal'

describe('describeRole', () => {
  it('says what each role may do', () => {
    expect(describeRole('viewer')).toBe(
      'Can read everything, and change nothing.',
    )
    expect(describeRole('operator')).toMatch(/cannot delete/)
    expect(describeRole('admin')).toMatch(/audit log/)
  })
})

describe('describeAuthSource', () => {
  it('says how the person was identified', () => {
    expect(describeAuthSource('oidc')).toBe('Signed in with single sign-on.')
    expect(describeAuthSource('proxy')).toMatch(/proxy/)
    expect(describeAuthSource('none')).toMatch(/this machine/)
  })
})
