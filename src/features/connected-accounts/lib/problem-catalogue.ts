import type {
  KnownErrorCode,
  KnownWarningCode,
  Severity,
} from '../../../lib/status'

export interface ProblemGuide {
  /** A human title for the panel. */
  title: string
  /** What it means and what the support agent should do next. */
  remediation: string
}

/**
 * Written from Seam's connected_account reference. Typed as full records, so
 * a code added to `@seamapi/types` fails the type check until it has a text.
 */
export const errorGuides: Record<KnownErrorCode, ProblemGuide> = {
  account_disconnected: {
    title: 'Account disconnected',
    remediation:
      'Seam can no longer sign in to the provider, usually because the owner changed their password or revoked access. Ask the account owner to reconnect it through a new Connect Webview; a sync can clear a temporary disconnection.',
  },
  bridge_disconnected: {
    title: 'Seam Bridge offline',
    remediation:
      'Seam cannot reach Seam Bridge: the Bridge program stopped, or the computer running it is offline. Check that the computer is on and connected to the network and that Seam Bridge is running, then sync the account.',
  },
  salto_ks_subscription_limit_exceeded: {
    title: 'Salto KS user limit reached',
    remediation:
      'The site has reached the maximum number of users its Salto KS subscription allows, so no new access codes can be created. Raise the site’s user limit with Salto support, or remove users from the site in Salto KS.',
  },
}

export const warningGuides: Record<KnownWarningCode, ProblemGuide> = {
  account_reauthorization_requested: {
    title: 'Reauthorization requested',
    remediation:
      'The account still works but cannot use new features. Ask the owner to sign in again through a new Connect Webview soon: left too long, the account becomes disconnected.',
  },
  salto_ks_subscription_limit_almost_reached: {
    title: 'Salto KS user limit almost reached',
    remediation:
      'The site uses more than 80 % of the users its Salto KS subscription allows. Raise the subscription limit with Salto or delete unused users before new access codes start failing.',
  },
  scheduled_maintenance_window: {
    title: 'Scheduled maintenance',
    remediation:
      'The provider has planned downtime for this account. Devices may be unreachable during the window; no action is needed unless the problem remains after it ends.',
  },
  unknown_issue_with_connected_account: {
    title: 'Sync issue with the provider',
    remediation:
      'An unknown problem occurred while Seam synced the account with the provider, which may affect some devices. Sync the account; if the warning stays, contact Seam support with the account ID.',
  },
}

export interface ProblemDescription extends ProblemGuide {
  known: boolean
}

const hasOwn = <T extends object>(
  record: T,
  key: PropertyKey,
): key is keyof T => Object.prototype.hasOwnProperty.call(record, key)

/**
 * The guide for a code; a code this version does not know shows itself and
 * points at the API's message, which the panel shows next to it.
 */
export function describeProblem(
  severity: Severity,
  code: string,
): ProblemDescription {
  const guide =
    severity === 'error'
      ? hasOwn(errorGuides, code)
        ? errorGuides[code]
        : undefined
      : hasOwn(warningGuides, code)
        ? warningGuides[code]
        : undefined
  if (guide) return { ...guide, known: true }
  return {
    title: code,
    remediation:
      'This console does not know this code yet. Read the message from Seam below, and contact Seam support if it is unclear.',
    known: false,
  }
}
