import { describe, expect, it } from 'vitest'

import type { ObservedAccount } from './crash-ledger'
import { WriteLedger } from './crash-ledger'

const A = 'account-a'
const B = 'account-b'

const seen = (
  entries: Record<string, Partial<ObservedAccount>>,
): Map<string, ObservedAccount> =>
  new Map(
    Object.entries(entries).map(([id, account]) => [
      id,
      { seq: undefined, connection: 'connected', ...account },
    ]),
  )

describe('WriteLedger', () => {
  it('accepts the last acknowledged value, or the one in flight after it', () => {
    const ledger = new WriteLedger()
    ledger.ackSeq(A, ledger.nextSeq(A))
    ledger.ackSeq(A, ledger.nextSeq(A))
    ledger.nextSeq(A) // 3 in flight at the crash
    const kept = ledger.reconcile(seen({ [A]: { seq: 2 } }))
    expect(kept).toEqual({
      violations: [],
      ackedChecked: 2,
      inFlightLanded: 0,
      inFlightLost: 1,
    })

    ledger.nextSeq(A) // 4 in flight at the next crash
    const landed = ledger.reconcile(seen({ [A]: { seq: 4 } }))
    expect(landed.violations).toEqual([])
    expect(landed.inFlightLanded).toBe(1)
    expect(ledger.acknowledged).toBe(2)
  })

  it('flags an acknowledged write that was lost', () => {
    const ledger = new WriteLedger()
    for (let i = 0; i < 3; i++) ledger.ackSeq(A, ledger.nextSeq(A))
    expect(ledger.reconcile(seen({ [A]: { seq: 2 } })).violations).toEqual([
      'account-a: custom_metadata seq is 2, but 3 was acknowledged',
    ])
  })

  it('flags a value that was never sent, and an account that vanished', () => {
    const ledger = new WriteLedger()
    ledger.ackSeq(A, ledger.nextSeq(A))
    ledger.nextSeq(B)
    expect(ledger.reconcile(seen({ [A]: { seq: 5 } })).violations).toEqual([
      'account-a: custom_metadata seq is 5, but only up to 1 was sent',
      'account-b: the account is gone',
    ])
  })

  it('never reuses a sequence number that was sent but lost', () => {
    const ledger = new WriteLedger()
    ledger.nextSeq(A)
    ledger.reconcile(seen({ [A]: {} }))
    expect(ledger.nextSeq(A)).toBe(2)
  })

  it('refuses an acknowledgement for a value never sent', () => {
    const ledger = new WriteLedger()
    expect(() => {
      ledger.ackSeq(A, 1)
    }).toThrow(/never sent/)
    expect(() => {
      ledger.ackDelete(A)
    }).toThrow(/no delete/)
  })

  it('checks connection flips against the acknowledged state', () => {
    const ledger = new WriteLedger()
    ledger.trackConnection(A, 'connected')
    ledger.sendConnection(A, 'disconnected')
    ledger.ackConnection(A, 'disconnected')
    expect(ledger.connectionOf(A)).toBe('disconnected')
    expect(
      ledger.reconcile(seen({ [A]: { connection: 'connected' } })).violations,
    ).toEqual([
      'account-a: the account is connected, but disconnected was acknowledged',
    ])

    ledger.sendConnection(A, 'connected') // in flight at the crash
    const result = ledger.reconcile(seen({ [A]: { connection: 'connected' } }))
    expect(result.violations).toEqual([])
    expect(result.inFlightLanded).toBe(1)
    expect(ledger.connectionOf(A)).toBe('connected')
  })

  it('keeps acknowledged deletes deleted and settles one in flight', () => {
    const ledger = new WriteLedger()
    ledger.sendDelete(A)
    ledger.ackDelete(A)
    ledger.sendDelete(B) // in flight at the crash, did not land
    const result = ledger.reconcile(seen({ [B]: {} }))
    expect(result).toMatchObject({ violations: [], inFlightLost: 1 })
    expect(ledger.deletedCount).toBe(1)

    expect(ledger.reconcile(seen({ [A]: {} })).violations).toEqual([
      'account-a: the account is back, but its delete was acknowledged',
    ])
  })

  it('counts a delete in flight that landed as deleted', () => {
    const ledger = new WriteLedger()
    ledger.sendDelete(A)
    const result = ledger.reconcile(new Map())
    expect(result.inFlightLanded).toBe(1)
    expect(ledger.deletedCount).toBe(1)
  })
})
