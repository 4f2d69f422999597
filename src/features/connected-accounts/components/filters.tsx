import { type ReactNode, useId, useState } from 'react'

import { Button } from '../../../components/ui/button'
import { CloseIcon, LockIcon, PlusIcon } from '../../../components/ui/icons'
import { Input, Label } from '../../../components/ui/input'
import {
  FIXED_FILTER_EXPLANATION,
  fixedFilterCount,
  type FixedFilters,
  isFixedMetadataKey,
  normalizeFixedFilters,
  userFilters,
} from '../lib/fixed-filters'
import {
  formatMetadataPair,
  type MetadataPair,
  parseMetadataPair,
  withMetadataPair,
} from '../lib/metadata-filter'
import { type AccountsQuery, isUuid, splitList } from '../lib/url-state'

type FilterChange = Partial<
  Pick<
    AccountsQuery,
    'customerKey' | 'customerIds' | 'userIdentifierKey' | 'metadata'
  >
>

export function activeFilterCount(query: AccountsQuery): number {
  return (
    (query.customerKey ? 1 : 0) +
    query.customerIds.length +
    (query.userIdentifierKey ? 1 : 0) +
    query.metadata.length
  )
}

function FieldError({ id, children }: { id: string; children: string }) {
  return (
    <p id={id} className="text-xs text-red-600 dark:text-red-400">
      {children}
    </p>
  )
}

function FixedNote({ id }: { id: string }) {
  return (
    <p
      id={id}
      className="flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400"
    >
      <LockIcon className="size-3 shrink-0" />
      {FIXED_FILTER_EXPLANATION}
    </p>
  )
}

/** A text filter, or its fixed value, disabled, with the reason under it. */
function FilterField({
  id,
  label,
  fixedValue,
  className,
  children,
}: {
  id: string
  label: string
  /** Set when the portal fixes this field. */
  fixedValue: string | null
  className?: string
  children: ReactNode
}) {
  const noteId = `${id}-fixed`
  return (
    <div className={className ?? 'grid gap-1'}>
      <Label htmlFor={id}>{label}</Label>
      {fixedValue === null ? (
        children
      ) : (
        <>
          <Input
            id={id}
            value={fixedValue}
            disabled
            readOnly
            aria-describedby={noteId}
            className="font-mono opacity-70"
          />
          <FixedNote id={noteId} />
        </>
      )}
    </div>
  )
}

/**
 * The exact-match filters. Its inputs start from the current filters; the
 * parent remounts it (by key) when they change elsewhere, e.g. back/forward.
 * Fields the portal fixes show their value, disabled, and say why.
 */
export function FilterPanel({
  query,
  fixed,
  onChange,
}: {
  query: AccountsQuery
  fixed?: FixedFilters | undefined
  onChange: (change: FilterChange) => void
}) {
  const ids = {
    customerKey: useId(),
    customerIds: useId(),
    customerIdsHelp: useId(),
    customerIdsError: useId(),
    userIdentifierKey: useId(),
    metadata: useId(),
    metadataHelp: useId(),
    metadataError: useId(),
  }
  const locked = normalizeFixedFilters(fixed)
  const fixedCustomerKey = locked.customerKey || null
  const fixedCustomerIds =
    locked.customerIds.length > 0 ? locked.customerIds.join(', ') : null
  const fixedUserIdentifierKey = locked.userIdentifierKey || null
  const [customerKey, setCustomerKey] = useState(query.customerKey)
  const [customerIds, setCustomerIds] = useState(query.customerIds.join(', '))
  const [userIdentifierKey, setUserIdentifierKey] = useState(
    query.userIdentifierKey,
  )
  const [customerIdsError, setCustomerIdsError] = useState<string | null>(null)
  const [metadata, setMetadata] = useState('')
  const [metadataError, setMetadataError] = useState<string | null>(null)
  const anyEditable =
    fixedCustomerKey === null ||
    fixedCustomerIds === null ||
    fixedUserIdentifierKey === null

  const apply = (event: { preventDefault: () => void }) => {
    event.preventDefault()
    const change: FilterChange = {}
    if (fixedCustomerIds === null) {
      const parsedIds = splitList(customerIds)
      const invalid = parsedIds.filter((id) => !isUuid(id))
      if (invalid.length > 0) {
        setCustomerIdsError(
          `Customer IDs are UUIDs; “${invalid[0] ?? ''}” is not one.`,
        )
        return
      }
      change.customerIds = [...new Set(parsedIds)]
    }
    setCustomerIdsError(null)
    if (fixedCustomerKey === null) change.customerKey = customerKey.trim()
    if (fixedUserIdentifierKey === null) {
      change.userIdentifierKey = userIdentifierKey.trim()
    }
    onChange(change)
  }

  const addMetadata = (event: { preventDefault: () => void }) => {
    event.preventDefault()
    const parsed = parseMetadataPair(metadata)
    if (!parsed.ok) {
      setMetadataError(parsed.error)
      return
    }
    if (isFixedMetadataKey(fixed, parsed.pair.key)) {
      setMetadataError(
        `The portal sets the metadata key “${parsed.pair.key}”; it can’t be changed here.`,
      )
      return
    }
    setMetadataError(null)
    setMetadata('')
    onChange({ metadata: withMetadataPair(query.metadata, parsed.pair) })
  }

  const fixedKeys = locked.metadata.map((pair) => pair.key)
  return (
    <div className="grid gap-4 rounded-lg bg-zinc-50 p-3 ring-1 ring-zinc-950/5 ring-inset sm:p-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] dark:bg-zinc-900/60 dark:ring-white/5">
      <form
        onSubmit={apply}
        aria-label="Account filters"
        className="grid content-start gap-3 sm:grid-cols-2"
      >
        <FilterField
          id={ids.customerKey}
          label="Customer key"
          fixedValue={fixedCustomerKey}
        >
          <Input
            id={ids.customerKey}
            value={customerKey}
            placeholder="cust_…"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setCustomerKey(event.target.value)
            }}
          />
        </FilterField>
        <FilterField
          id={ids.userIdentifierKey}
          label="User identifier key"
          fixedValue={fixedUserIdentifierKey}
        >
          <Input
            id={ids.userIdentifierKey}
            value={userIdentifierKey}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setUserIdentifierKey(event.target.value)
            }}
          />
        </FilterField>
        <FilterField
          id={ids.customerIds}
          label="Customer IDs"
          fixedValue={fixedCustomerIds}
          className="grid gap-1 sm:col-span-2"
        >
          <Input
            id={ids.customerIds}
            value={customerIds}
            placeholder="UUIDs, separated by commas or spaces"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={customerIdsError !== null}
            aria-describedby={
              customerIdsError ? ids.customerIdsError : undefined
            }
            className="font-mono"
            onChange={(event) => {
              setCustomerIds(event.target.value)
            }}
          />
          {customerIdsError ? (
            <FieldError id={ids.customerIdsError}>
              {customerIdsError}
            </FieldError>
          ) : null}
        </FilterField>
        {anyEditable ? (
          <div className="sm:col-span-2">
            <Button type="submit" variant="primary" size="sm">
              Apply filters
            </Button>
          </div>
        ) : null}
      </form>

      <form
        onSubmit={addMetadata}
        aria-label="Metadata filter"
        className="grid content-start gap-1"
      >
        <Label htmlFor={ids.metadata}>Custom metadata</Label>
        <div className="flex gap-2">
          <Input
            id={ids.metadata}
            value={metadata}
            placeholder="key=value"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={metadataError !== null}
            aria-describedby={
              metadataError ? ids.metadataError : ids.metadataHelp
            }
            className="font-mono"
            onChange={(event) => {
              setMetadata(event.target.value)
            }}
          />
          <Button type="submit" size="md">
            <PlusIcon className="size-3.5" />
            Add
          </Button>
        </div>
        {metadataError ? (
          <FieldError id={ids.metadataError}>{metadataError}</FieldError>
        ) : (
          <p
            id={ids.metadataHelp}
            className="text-xs text-zinc-500 dark:text-zinc-400"
          >
            Accounts must have every pair. true and false match booleans.
            {fixedKeys.length > 0 ? (
              <>
                {' '}
                The portal sets{' '}
                {fixedKeys.length === 1 ? 'the key' : 'the keys'}{' '}
                <bdi className="font-mono">{fixedKeys.join(', ')}</bdi>;{' '}
                {fixedKeys.length === 1 ? 'it' : 'they'} can’t be changed here.
              </>
            ) : null}
          </p>
        )}
      </form>
    </div>
  )
}

const chipClassName =
  'inline-flex h-6 max-w-full min-w-0 items-center gap-1 rounded-md text-xs ring-1 ring-inset'

function Chip({
  label,
  value,
  mono = false,
  onRemove,
}: {
  label: string
  value: string
  mono?: boolean
  onRemove: () => void
}) {
  return (
    <li
      className={`${chipClassName} bg-white pl-2 shadow-xs ring-zinc-950/10 dark:bg-zinc-900 dark:ring-white/10`}
    >
      <span className="shrink-0 text-zinc-500 dark:text-zinc-400">{label}</span>
      <span
        title={value}
        className={`truncate font-medium text-zinc-800 dark:text-zinc-200 ${mono ? 'font-mono text-[11px]' : ''}`}
      >
        <bdi>{value}</bdi>
      </span>
      <button
        type="button"
        aria-label={`Remove filter ${label} ${value}`}
        onClick={onRemove}
        className="inline-flex size-6 shrink-0 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-700 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
      >
        <CloseIcon className="size-3" />
      </button>
    </li>
  )
}

/** A filter the portal sets: a lock and the words, and nothing to remove. */
function LockedChip({
  label,
  value,
  describedBy,
}: {
  label: string
  value: string
  describedBy: string
}) {
  return (
    <li
      aria-label={`${label} ${value} (fixed)`}
      aria-describedby={describedBy}
      title={`${label}: ${value}\n${FIXED_FILTER_EXPLANATION}`}
      className={`${chipClassName} bg-zinc-100 px-2 ring-zinc-950/10 dark:bg-zinc-800 dark:ring-white/10`}
    >
      <LockIcon className="size-3 shrink-0 text-zinc-500 dark:text-zinc-400" />
      <span className="shrink-0 text-zinc-600 dark:text-zinc-400">{label}</span>
      <span className="truncate font-mono text-[11px] font-medium text-zinc-800 dark:text-zinc-200">
        <bdi>{value}</bdi>
      </span>
      <span className="sr-only"> (fixed)</span>
    </li>
  )
}

function LockedChips({
  fixed,
  describedBy,
}: {
  fixed: FixedFilters | undefined
  describedBy: string
}) {
  const locked = normalizeFixedFilters(fixed)
  return (
    <>
      {locked.customerKey ? (
        <LockedChip
          label="Customer key"
          value={locked.customerKey}
          describedBy={describedBy}
        />
      ) : null}
      {locked.customerIds.map((id) => (
        <LockedChip
          key={id}
          label="Customer ID"
          value={id}
          describedBy={describedBy}
        />
      ))}
      {locked.userIdentifierKey ? (
        <LockedChip
          label="User identifier key"
          value={locked.userIdentifierKey}
          describedBy={describedBy}
        />
      ) : null}
      {locked.metadata.map((pair) => (
        <LockedChip
          key={pair.key}
          label="Metadata"
          value={formatMetadataPair(pair)}
          describedBy={describedBy}
        />
      ))}
    </>
  )
}

/**
 * The filters in force: the portal's fixed ones, locked, then the reader's
 * own, each removable. "Clear all" clears only the reader's own.
 */
export function ActiveFilters({
  query,
  fixed,
  onChange,
  onClearAll,
}: {
  query: AccountsQuery
  fixed?: FixedFilters | undefined
  onChange: (change: FilterChange) => void
  onClearAll: () => void
}) {
  const explanationId = useId()
  const own = userFilters(query, fixed)
  const ownCount = activeFilterCount(own)
  const lockedCount = fixedFilterCount(fixed)
  if (ownCount + lockedCount === 0) return null
  const withoutPair = (pair: MetadataPair) =>
    query.metadata.filter((p) => p.key !== pair.key)
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <ul aria-label="Active filters" className="contents">
        {lockedCount > 0 ? (
          <LockedChips fixed={fixed} describedBy={explanationId} />
        ) : null}
        {own.customerKey ? (
          <Chip
            label="Customer key"
            value={own.customerKey}
            mono
            onRemove={() => {
              onChange({ customerKey: '' })
            }}
          />
        ) : null}
        {own.customerIds.map((id) => (
          <Chip
            key={id}
            label="Customer ID"
            value={id}
            mono
            onRemove={() => {
              onChange({
                customerIds: query.customerIds.filter((other) => other !== id),
              })
            }}
          />
        ))}
        {own.userIdentifierKey ? (
          <Chip
            label="User identifier key"
            value={own.userIdentifierKey}
            mono
            onRemove={() => {
              onChange({ userIdentifierKey: '' })
            }}
          />
        ) : null}
        {own.metadata.map((pair) => (
          <Chip
            key={pair.key}
            label="Metadata"
            value={formatMetadataPair(pair)}
            mono
            onRemove={() => {
              onChange({ metadata: withoutPair(pair) })
            }}
          />
        ))}
      </ul>
      {lockedCount > 0 ? (
        <span id={explanationId} hidden>
          {FIXED_FILTER_EXPLANATION}
        </span>
      ) : null}
      {ownCount > 0 ? (
        <Button variant="ghost" size="sm" onClick={onClearAll}>
          Clear all
        </Button>
      ) : null}
      {lockedCount > 0 ? (
        <p className="flex basis-full items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400">
          <LockIcon className="size-3 shrink-0" />
          Locked filters are set by the portal and can’t be changed here.
        </p>
      ) : null}
    </div>
  )
}
