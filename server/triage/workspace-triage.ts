import type { TriageFailure, TriageProgress, TriageState } from './model'
import { readAccount, readScopedAccount } from './read-account'
import { scanWorkspace } from './scan'
import { TriageSnapshot } from './snapshot'
import type { UpstreamReadOptions } from './upstream-read'
import { UpstreamFailure } from './upstream-read'
import type { WriteEffect } from './write-effects'

export interface WorkspaceTriageOptions extends UpstreamReadOptions {
  /** Accounts per upstream page. */
  pageSize: number
  /** How long a scan's data is served without starting another. */
  freshMs: number
  /** How long after an accepted sync the upstream shows its effect. */
  syncSettleMs: number
  now: () => number
  /** The upstream's account count, when it can tell without a scan. */
  countAccounts?: () => number
  /**
   * `connected_accounts/list` filters that narrow the triage to a scope;
   * none (or empty) is the whole workspace.
   */
  filters?: Readonly<Record<string, unknown>>
  onScanFailure?: (failure: TriageFailure) => void
}

/** What a request shows: the state, and the data to serialize beside it. */
export interface TriageView {
  state: Omit<TriageState, 'data'>
  snapshot: TriageSnapshot | null
}

interface RunningScan {
  startedAt: number
  progress: TriageProgress
}

/** Re-reads run a few at a time, as a browser's bulk action would. */
const REREAD_CONCURRENCY = 8
/** Below this many due re-reads, reading accounts one by one always beats a rescan. */
const MIN_REREADS_BEFORE_RESCAN = 8

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The triage data of one workspace: stale-while-revalidate over a full scan,
 * at most one scan at a time, and account-level catch-up after writes made
 * through the dashboard.
 */
export class WorkspaceTriage {
  private snapshot: TriageSnapshot | null = null
  /** Set when a write could not be followed account by account: the next read rescans. */
  private invalidated = false
  private scan: RunningScan | null = null
  private failure: { error: TriageFailure; at: number } | null = null
  /** Accounts to read again, with the time from which a read shows the write. */
  private readonly pending = new Map<string, number>()
  /** Accounts written while a scan ran: its pages may predate the write. */
  private readonly writtenDuringScan = new Set<string>()
  private rereads: Promise<void> | null = null

  /** The scope's list filters; null for the whole workspace. */
  private readonly scopeFilters: Readonly<Record<string, unknown>> | null

  constructor(private readonly options: WorkspaceTriageOptions) {
    const { filters } = options
    this.scopeFilters =
      filters && Object.keys(filters).length > 0 ? filters : null
  }

  /** The current state; starts a scan when there is no data or it is stale. */
  async read(): Promise<TriageView> {
    await this.catchUp()
    if (!this.scan && this.needsScan()) this.startScan()
    return this.view()
  }

  /** Starts a scan now, or joins the one running. */
  refresh(): TriageView {
    if (!this.scan) this.startScan()
    return this.view()
  }

  /**
   * `inScope`: the account is known to be among this triage's accounts, so
   * a scoped triage can count a removal it would otherwise have to guess.
   */
  noteWrite(
    { kind, connectedAccountId: id }: WriteEffect,
    { inScope = false }: { inScope?: boolean } = {},
  ): void {
    if (this.scan) this.writtenDuringScan.add(id)
    if (!this.snapshot) return
    if (kind === 'removed') {
      this.snapshot.apply(id, {
        kind: this.scopeFilters && !inScope ? 'outside' : 'gone',
      })
      this.pending.delete(id)
      return
    }
    // A later due time wins: one read after a sync settles also shows any
    // edit made while it was settling.
    const due =
      this.options.now() + (kind === 'syncing' ? this.options.syncSettleMs : 0)
    this.pending.set(id, Math.max(this.pending.get(id) ?? 0, due))
  }

  private isStale(snapshot: TriageSnapshot): boolean {
    return (
      this.invalidated ||
      this.failure !== null ||
      this.options.now() - snapshot.generatedAt >= this.options.freshMs
    )
  }

  private needsScan(): boolean {
    if (this.snapshot && !this.isStale(this.snapshot)) return false
    // After a failure, reads wait a freshness window before trying again,
    // so a page polling a broken upstream does not hammer it; a manual
    // refresh does not wait.
    return (
      this.failure === null ||
      this.options.now() - this.failure.at >= this.options.freshMs
    )
  }

  private view(): TriageView {
    const { snapshot, scan, failure } = this
    return {
      state: {
        ok: true,
        status: snapshot ? 'ready' : failure && !scan ? 'error' : 'scanning',
        generated_at: snapshot ? iso(snapshot.generatedAt) : null,
        stale: snapshot ? this.isStale(snapshot) : false,
        progress: scan ? { ...scan.progress } : null,
        error: failure ? failure.error : null,
        accounts_pending_refresh: this.pending.size,
      },
      snapshot,
    }
  }

  private startScan(): void {
    const startedAt = this.options.now()
    const scan: RunningScan = {
      startedAt,
      progress: {
        started_at: iso(startedAt),
        pages_scanned: 0,
        accounts_scanned: 0,
        has_next_page: true,
        estimated_total:
          this.options.countAccounts?.() ?? this.snapshot?.accountCount ?? null,
      },
    }
    this.scan = scan
    void this.runScan(scan)
  }

  private async runScan(scan: RunningScan): Promise<void> {
    try {
      const result = await scanWorkspace({
        ...this.options,
        onPage: ({ pages, accounts, hasNextPage }) => {
          scan.progress.pages_scanned = pages
          scan.progress.accounts_scanned = accounts
          scan.progress.has_next_page = hasNextPage
        },
      })
      this.snapshot = new TriageSnapshot(this.options.now(), result)
      this.invalidated = false
      this.failure = null
      // The scan saw every write made before it started.
      for (const [id, due] of this.pending) {
        if (due <= scan.startedAt) this.pending.delete(id)
      }
      const now = this.options.now()
      for (const id of this.writtenDuringScan) {
        this.pending.set(id, Math.max(this.pending.get(id) ?? 0, now))
      }
    } catch (error) {
      const failure =
        error instanceof UpstreamFailure
          ? error.toJSON()
          : {
              type: 'internal_server_error',
              message: 'The triage scan failed unexpectedly.',
            }
      this.failure = { error: failure, at: this.options.now() }
      this.options.onScanFailure?.(failure)
    } finally {
      this.writtenDuringScan.clear()
      this.scan = null
    }
  }

  /** Reads again the accounts whose writes are due, before a request is answered. */
  private async catchUp(): Promise<void> {
    while (this.rereads) await this.rereads
    const { snapshot } = this
    if (!snapshot) return
    const now = this.options.now()
    const due: string[] = []
    for (const [id, at] of this.pending) {
      if (at <= now) due.push(id)
    }
    if (due.length === 0) return
    for (const id of due) this.pending.delete(id)
    // Past a point, one rescan costs the upstream fewer calls than a read
    // per account.
    if (due.length > Math.max(MIN_REREADS_BEFORE_RESCAN, snapshot.pages)) {
      this.invalidated = true
      return
    }
    const rereads = this.reread(due)
    this.rereads = rereads
    try {
      await rereads
    } finally {
      this.rereads = null
    }
  }

  private async reread(ids: string[]): Promise<void> {
    const queue = [...ids]
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          // A scoped triage reads through its filters, so an account that
          // left the scope reads as outside it.
          const reading = this.scopeFilters
            ? await readScopedAccount(this.options, this.scopeFilters, id)
            : await readAccount(this.options, id)
          // Applied to whichever snapshot is current: the reading is newer.
          this.snapshot?.apply(id, reading)
        } catch {
          // The account's state is unknown: the next scan tells.
          this.invalidated = true
        }
      }
    }
    await Promise.all(
      Array.from({ length: Math.min(REREAD_CONCURRENCY, ids.length) }, worker),
    )
  }
}
