/**
 * What clients wrote to a sandbox and which writes it acknowledged, to check
 * a database that was killed mid-stream: every acknowledged write must have
 * survived, and nothing that was never sent may appear. A write that was in
 * flight when the process died may or may not have landed; `reconcile` takes
 * whichever the database kept and carries on from there.
 */

export type Connection = 'connected' | 'disconnected'

/** One account as read back after a restart. */
export interface ObservedAccount {
  /** The `seq` counter in its custom_metadata, when it has one. */
  seq: number | undefined
  connection: Connection
}

interface Counter {
  /** Highest sequence number acknowledged with a 2xx. */
  acked: number
  /** Highest sequence number sent, acknowledged or not. */
  sent: number
}

interface Toggle {
  acked: Connection
  inFlight: Connection | null
}

export interface ReconcileResult {
  /** One line per broken promise; empty when the database kept every acknowledged write. */
  violations: string[]
  /** Acknowledged writes whose survival this reconcile proved. */
  ackedChecked: number
  /** Writes in flight at the crash that turned out to have landed. */
  inFlightLanded: number
  /** Writes in flight at the crash that did not land (never acknowledged, so allowed). */
  inFlightLost: number
}

export class WriteLedger {
  private readonly counters = new Map<string, Counter>()
  private readonly toggles = new Map<string, Toggle>()
  /** Accounts a delete was sent for: true once it was acknowledged. */
  private readonly deletes = new Map<string, boolean>()
  /** Acknowledged writes since the last reconcile. */
  private pendingAcks = 0
  /** Accounts known deleted (acknowledged, or found gone after a crash). */
  deletedCount = 0
  /** Acknowledged writes since the ledger began. */
  acknowledged = 0

  /** The next sequence number for an account's custom_metadata, marked as sent. */
  nextSeq(accountId: string): number {
    const counter = this.counters.get(accountId) ?? { acked: 0, sent: 0 }
    counter.sent += 1
    this.counters.set(accountId, counter)
    return counter.sent
  }

  ackSeq(accountId: string, seq: number): void {
    const counter = this.counters.get(accountId)
    if (!counter || seq > counter.sent)
      throw new Error(`seq ${seq} for ${accountId} was never sent`)
    counter.acked = Math.max(counter.acked, seq)
    this.ack()
  }

  /** Starts following an account whose connection a client flips. */
  trackConnection(accountId: string, state: Connection): void {
    this.toggles.set(accountId, { acked: state, inFlight: null })
  }

  /** The state last acknowledged (or found after a crash). */
  connectionOf(accountId: string): Connection {
    return this.toggleOf(accountId).acked
  }

  sendConnection(accountId: string, target: Connection): void {
    this.toggleOf(accountId).inFlight = target
  }

  ackConnection(accountId: string, target: Connection): void {
    const toggle = this.toggleOf(accountId)
    toggle.acked = target
    toggle.inFlight = null
    this.ack()
  }

  sendDelete(accountId: string): void {
    this.deletes.set(accountId, false)
  }

  ackDelete(accountId: string): void {
    if (!this.deletes.has(accountId))
      throw new Error(`no delete was sent for ${accountId}`)
    this.deletes.set(accountId, true)
    this.deletedCount += 1
    this.ack()
  }

  /**
   * Compares the accounts found after a restart with what was acknowledged,
   * then settles writes that were in flight to what the database kept.
   */
  reconcile(observed: ReadonlyMap<string, ObservedAccount>): ReconcileResult {
    const result: ReconcileResult = {
      violations: [],
      ackedChecked: this.pendingAcks,
      inFlightLanded: 0,
      inFlightLost: 0,
    }
    this.pendingAcks = 0
    for (const [id, counter] of this.counters) {
      const account = observed.get(id)
      if (!account) {
        result.violations.push(`${id}: the account is gone`)
        continue
      }
      const stored = account.seq ?? 0
      if (stored < counter.acked) {
        result.violations.push(
          `${id}: custom_metadata seq is ${stored}, but ${counter.acked} was acknowledged`,
        )
      } else if (stored > counter.sent) {
        result.violations.push(
          `${id}: custom_metadata seq is ${stored}, but only up to ${counter.sent} was sent`,
        )
      } else {
        if (counter.sent > counter.acked) {
          if (stored > counter.acked) result.inFlightLanded += 1
          else result.inFlightLost += 1
        }
        counter.acked = stored
        // `sent` stays: a number once sent is never reused.
      }
    }
    for (const [id, toggle] of this.toggles) {
      const account = observed.get(id)
      if (!account) {
        result.violations.push(`${id}: the account is gone`)
        continue
      }
      const allowed = [toggle.acked, toggle.inFlight]
      if (!allowed.includes(account.connection)) {
        result.violations.push(
          `${id}: the account is ${account.connection}, but ${toggle.acked} was acknowledged`,
        )
        continue
      }
      if (toggle.inFlight !== null) {
        if (toggle.inFlight === toggle.acked) result.inFlightLost += 1
        else if (account.connection === toggle.inFlight)
          result.inFlightLanded += 1
        else result.inFlightLost += 1
      }
      toggle.acked = account.connection
      toggle.inFlight = null
    }
    for (const [id, acked] of [...this.deletes]) {
      const present = observed.has(id)
      if (acked) {
        if (present)
          result.violations.push(
            `${id}: the account is back, but its delete was acknowledged`,
          )
        continue
      }
      if (present) {
        result.inFlightLost += 1
        this.deletes.delete(id)
      } else {
        result.inFlightLanded += 1
        this.deletes.set(id, true)
        this.deletedCount += 1
      }
    }
    return result
  }

  private ack(): void {
    this.acknowledged += 1
    this.pendingAcks += 1
  }

  private toggleOf(accountId: string): Toggle {
    const toggle = this.toggles.get(accountId)
    if (!toggle) throw new Error(`${accountId} is not tracked`)
    return toggle
  }
}
