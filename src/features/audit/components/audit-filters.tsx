import { type ReactNode, useId, useState } from 'react'

import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  type AuditAction,
  type AuditOutcome,
} from '../../../../server/audit/model'
import { Button } from '../../../components/ui/button'
import { Input, inputClassName, Label } from '../../../components/ui/input'
import { cn } from '../../../lib/cn'
import { ACTION_LABELS, OUTCOME_LABELS } from '../lib/summary'
import {
  type AuditFilters,
  emptyAuditFilters,
  hasAuditFilters,
} from '../lib/view-state'

function Field({
  label,
  className,
  children,
}: {
  label: string
  className?: string
  children: (id: string) => ReactNode
}) {
  const id = useId()
  return (
    <div className={cn('flex min-w-0 flex-col gap-1', className)}>
      <Label htmlFor={id}>{label}</Label>
      {children(id)}
    </div>
  )
}

function Select<T extends string>({
  id,
  value,
  options,
  labels,
  allLabel,
  onChange,
}: {
  id: string
  value: T | null
  options: readonly T[]
  labels: Record<T, string>
  allLabel: string
  onChange: (value: T | null) => void
}) {
  return (
    <select
      id={id}
      value={value ?? ''}
      onChange={(event) => {
        onChange(
          options.find((option) => option === event.target.value) ?? null,
        )
      }}
      className={cn(inputClassName, 'pr-8')}
    >
      <option value="">{allLabel}</option>
      {options.map((option) => (
        <option key={option} value={option}>
          {labels[option]}
        </option>
      ))}
    </select>
  )
}

export interface AuditFilterFormProps {
  /** The filters in force (the URL's). */
  filters: AuditFilters
  onApply: (filters: AuditFilters) => void
}

/**
 * The log's filters. Choices (action, outcome, dates) apply at once; typed
 * text applies on Enter, on leaving the field, or with Apply. When the
 * filters in force change (Back, Forward, a link), the fields follow them:
 * keep `filters` the same object while they are unchanged.
 */
export function AuditFilterForm({ filters, onApply }: AuditFilterFormProps) {
  const [draft, setDraft] = useState(filters)
  const [shown, setShown] = useState(filters)
  if (shown !== filters) {
    setShown(filters)
    setDraft(filters)
  }
  const changed = (next: AuditFilters) =>
    next.actor.trim() !== filters.actor ||
    next.account.trim() !== filters.account ||
    next.action !== filters.action ||
    next.outcome !== filters.outcome ||
    next.from !== filters.from ||
    next.to !== filters.to
  const apply = (next: AuditFilters) => {
    setDraft(next)
    if (changed(next)) onApply(next)
  }

  return (
    <search>
      <form
        aria-label="Filter the audit log"
        className="grid grid-cols-2 items-end gap-2.5 sm:grid-cols-4 xl:grid-cols-[minmax(0,1.2fr)_minmax(0,1.2fr)_minmax(0,1fr)_minmax(0,0.8fr)_minmax(0,0.8fr)_minmax(0,0.8fr)_auto]"
        onSubmit={(event) => {
          event.preventDefault()
          apply(draft)
        }}
      >
        <Field label="Actor" className="col-span-2 sm:col-span-2 xl:col-span-1">
          {(id) => (
            <Input
              id={id}
              type="search"
              value={draft.actor}
              placeholder="Email or user ID"
              onChange={(event) => {
                setDraft({ ...draft, actor: event.target.value })
              }}
              onBlur={() => {
                apply(draft)
              }}
            />
          )}
        </Field>
        <Field
          label="Connected account ID"
          className="col-span-2 sm:col-span-2 xl:col-span-1"
        >
          {(id) => (
            <Input
              id={id}
              type="search"
              value={draft.account}
              spellCheck={false}
              className="font-mono text-xs"
              onChange={(event) => {
                setDraft({ ...draft, account: event.target.value })
              }}
              onBlur={() => {
                apply(draft)
              }}
            />
          )}
        </Field>
        <Field label="Action">
          {(id) => (
            <Select<AuditAction>
              id={id}
              value={draft.action}
              options={AUDIT_ACTIONS}
              labels={ACTION_LABELS}
              allLabel="All actions"
              onChange={(action) => {
                apply({ ...draft, action })
              }}
            />
          )}
        </Field>
        <Field label="Outcome">
          {(id) => (
            <Select<AuditOutcome>
              id={id}
              value={draft.outcome}
              options={AUDIT_OUTCOMES}
              labels={OUTCOME_LABELS}
              allLabel="All outcomes"
              onChange={(outcome) => {
                apply({ ...draft, outcome })
              }}
            />
          )}
        </Field>
        <Field label="From">
          {(id) => (
            <Input
              id={id}
              type="date"
              value={draft.from}
              max={draft.to || undefined}
              onChange={(event) => {
                apply({ ...draft, from: event.target.value })
              }}
            />
          )}
        </Field>
        <Field label="To">
          {(id) => (
            <Input
              id={id}
              type="date"
              value={draft.to}
              min={draft.from || undefined}
              onChange={(event) => {
                apply({ ...draft, to: event.target.value })
              }}
            />
          )}
        </Field>
        <div className="col-span-2 flex gap-2 sm:col-span-4 xl:col-span-1">
          <Button type="submit">Apply</Button>
          {hasAuditFilters(filters) ? (
            <Button
              variant="ghost"
              onClick={() => {
                apply(emptyAuditFilters)
              }}
            >
              Clear
            </Button>
          ) : null}
        </div>
      </form>
    </search>
  )
}
