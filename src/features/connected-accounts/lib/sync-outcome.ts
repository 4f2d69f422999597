import { deriveStatus, type StatusInput } from '../../../lib/status'

export interface SyncOutcome {
  /** Problems (by label) present before and gone after. */
  cleared: string[]
  /** Problems present after, new or not. */
  remaining: string[]
  /** Problems that were not there before. */
  appeared: string[]
}

const labels = (account: StatusInput) =>
  deriveStatus(account).badges.map((badge) => badge.label)

export function compareProblems(
  before: StatusInput,
  after: StatusInput,
): SyncOutcome {
  const was = labels(before)
  const now = labels(after)
  return {
    cleared: was.filter((label) => !now.includes(label)),
    remaining: now,
    appeared: now.filter((label) => !was.includes(label)),
  }
}

/** One sentence for the status line and the screen reader. */
export function describeSyncOutcome(
  outcome: SyncOutcome,
  timedOut: boolean,
): string {
  const { cleared, remaining, appeared } = outcome
  const parts = [
    timedOut
      ? 'Sync requested, but nothing changed within 10 seconds.'
      : 'Sync finished.',
  ]
  if (cleared.length > 0) parts.push(`Cleared: ${cleared.join(', ')}.`)
  if (appeared.length > 0) parts.push(`New: ${appeared.join(', ')}.`)
  if (remaining.length > 0) {
    parts.push(`Still present: ${remaining.join(', ')}.`)
  } else {
    parts.push('The account has no problems.')
  }
  return parts.join(' ')
}
