import type { AuditRecord } from '../../../../server/audit/model'
import { Badge, type BadgeTone } from '../../../components/ui/badge'
import {
  CheckCircleIcon,
  ErrorIcon,
  WarningIcon,
} from '../../../components/ui/icons'
import { describeUpstream, OUTCOME_LABELS } from '../lib/summary'

const tones = { succeeded: 'green', failed: 'red', pending: 'amber' } as const

const icons = {
  succeeded: CheckCircleIcon,
  failed: ErrorIcon,
  pending: WarningIcon,
} as const

/** How a call ended, in words, with the upstream's status and error type. */
export function OutcomeBadge({
  record,
}: {
  record: Pick<AuditRecord, 'outcome' | 'upstream_status' | 'error_type'>
}) {
  const upstream = describeUpstream(record)
  const tone: BadgeTone = tones[record.outcome]
  const Icon = icons[record.outcome]
  return (
    <Badge
      tone={tone}
      title={
        upstream === null
          ? OUTCOME_LABELS[record.outcome]
          : `${OUTCOME_LABELS[record.outcome]}: upstream answered ${upstream}`
      }
    >
      <Icon className="size-3 shrink-0" />
      {OUTCOME_LABELS[record.outcome]}
      {upstream === null ? null : (
        <span className="font-normal whitespace-normal">
          {` · ${upstream}`}
        </span>
      )}
    </Badge>
  )
}
