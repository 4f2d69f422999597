import type { EmbedScope } from '../embed/model'
import { isEmptyScope, scopeKey } from '../embed/scope'
import type { Upstream } from '../upstream'
import type { WorkspaceTriage } from './workspace-triage'

/** Scoped triage states kept at once; the least recently read goes first. */
export const MAX_SCOPED_TRIAGES = 32

/**
 * One triage state per workspace the server reaches, and per scope an
 * embedded session narrows it to. Keying by upstream keeps a workspace's
 * cached accounts from ever being served for another once sign-in brings
 * more; keying by scope keeps a scoped frame to its own accounts.
 */
export class TriageCache {
  private readonly workspaces = new Map<string, WorkspaceTriage>()
  /** In order of last use: the first is the least recently used. */
  private readonly scoped = new Map<string, WorkspaceTriage>()

  constructor(
    private readonly create: (
      upstream: Upstream,
      scope: EmbedScope,
    ) => WorkspaceTriage,
    private readonly maxScoped = MAX_SCOPED_TRIAGES,
  ) {}

  /** The state held for a workspace and scope, without creating it or counting a use. */
  peek(
    upstream: Upstream,
    scope: EmbedScope = {},
  ): WorkspaceTriage | undefined {
    return isEmptyScope(scope)
      ? this.workspaces.get(upstream.key)
      : this.scoped.get(this.keyOf(upstream, scope))
  }

  private keyOf(upstream: Upstream, scope: EmbedScope): string {
    return JSON.stringify([upstream.key, scopeKey(scope)])
  }

  for(upstream: Upstream, scope: EmbedScope = {}): WorkspaceTriage {
    if (isEmptyScope(scope)) {
      let triage = this.workspaces.get(upstream.key)
      if (!triage) {
        triage = this.create(upstream, {})
        this.workspaces.set(upstream.key, triage)
      }
      return triage
    }
    const key = this.keyOf(upstream, scope)
    let triage = this.scoped.get(key)
    if (triage) {
      this.scoped.delete(key)
    } else {
      triage = this.create(upstream, scope)
      while (this.scoped.size >= this.maxScoped) {
        const oldest = this.scoped.keys().next()
        if (oldest.done) break
        this.scoped.delete(oldest.value)
      }
    }
    this.scoped.set(key, triage)
    return triage
  }

  /** Every state held, for news that concerns them all (a write). */
  all(): WorkspaceTriage[] {
    return [...this.workspaces.values(), ...this.scoped.values()]
  }

  get scopedCount(): number {
    return this.scoped.size
  }
}
