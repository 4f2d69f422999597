import { buildTriageData } from './build-data'
import type { TriageAccount, TriageData } from './model'
import type { AccountReading } from './read-account'
import type { ScanResult } from './scan'

/**
 * One scan's result, kept up to date account by account as writes go through
 * the dashboard. Only accounts with problems are held; the healthy ones are a
 * count, so totals after a write are exact for accounts the scan saw.
 */
export class TriageSnapshot {
  /** Upstream pages the scan read: what a fresh scan would cost. */
  readonly pages: number
  private readonly problemAccounts: Map<string, TriageAccount>
  private accountsScanned: number
  /** Accounts already taken out of the count, so a second removal does not count twice. */
  private readonly removed = new Set<string>()
  private data: TriageData | null = null
  private json: Uint8Array<ArrayBuffer> | null = null

  constructor(
    /** When the scan finished (ms since the epoch). */
    readonly generatedAt: number,
    result: ScanResult,
  ) {
    this.problemAccounts = result.problemAccounts
    this.accountsScanned = result.accountsScanned
    this.pages = result.pages
  }

  get accountCount(): number {
    return this.accountsScanned
  }

  apply(connectedAccountId: string, reading: AccountReading): void {
    // A scoped scan counts only its own accounts: one that left the scope
    // is taken out only if the scan held it. A healthy one that left, or
    // one that came in, shows with the next scan.
    if (
      reading.kind === 'outside' &&
      !this.problemAccounts.has(connectedAccountId)
    ) {
      return
    }
    if (reading.kind === 'gone' || reading.kind === 'outside') {
      if (this.removed.has(connectedAccountId)) return
      this.removed.add(connectedAccountId)
      this.accountsScanned = Math.max(0, this.accountsScanned - 1)
      this.problemAccounts.delete(connectedAccountId)
    } else if (reading.account) {
      this.problemAccounts.set(connectedAccountId, reading.account)
    } else {
      this.problemAccounts.delete(connectedAccountId)
    }
    this.data = null
    this.json = null
  }

  toData(): TriageData {
    this.data ??= buildTriageData(
      this.problemAccounts.values(),
      this.accountsScanned,
    )
    return this.data
  }

  /**
   * The data as UTF-8 JSON, serialized once per change: reads of a large
   * workspace then cost a copy, and bytes take half the memory of a string
   * that holds any character beyond Latin-1.
   */
  toJson(): Uint8Array<ArrayBuffer> {
    this.json ??= new TextEncoder().encode(JSON.stringify(this.toData()))
    return this.json
  }
}
