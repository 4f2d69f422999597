import type { Upstream } from '../upstream'
import type { WorkspaceTriage } from './workspace-triage'

/**
 * One triage state per workspace the server reaches. There is one today;
 * keying by upstream keeps a workspace's cached accounts from ever being
 * served for another once sign-in brings more.
 */
export class TriageCache {
  private readonly workspaces = new Map<string, WorkspaceTriage>()

  constructor(
    private readonly create: (upstream: Upstream) => WorkspaceTriage,
  ) {}

  for(upstream: Upstream): WorkspaceTriage {
    let triage = this.workspaces.get(upstream.key)
    if (!triage) {
      triage = this.create(upstream)
      this.workspaces.set(upstream.key, triage)
    }
    return triage
  }
}
