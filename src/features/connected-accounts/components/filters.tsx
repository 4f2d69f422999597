import { useId, useState } from 'react'

import { Button } from '../../../components/ui/button'
import { CloseIcon, PlusIcon } from '../../../components/ui/icons'
import { Input, Label } from '../../../components/ui/input'
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

/**
 * The exact-match filters. Its inputs start from the current filters; the
 * parent remounts it (by key) when they change elsewhere, e.g. back/forward.
 */
export function FilterPanel({
  query,
  onChange,
}: {
  query: AccountsQuery
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
  const [customerKey, setCustomerKey] = useState(query.customerKey)
  const [customerIds, setCustomerIds] = useState(query.customerIds.join(', '))
  const [userIdentifierKey, setUserIdentifierKey] = useState(
    query.userIdentifierKey,
  )
  const [customerIdsError, setCustomerIdsError] = useState<string | null>(null)
  const [metadata, setMetadata] = useState('')
  const [metadataError, setMetadataError] = useState<string | null>(null)

  const apply = (event: { preventDefault: () => void }) => {
    event.preventDefault()
    const parsedIds = splitList(customerIds)
    const invalid = parsedIds.filter((id) => !isUuid(id))
    if (invalid.length > 0) {
      setCustomerIdsError(
        `Customer IDs are UUIDs; “${invalid[0] ?? ''}” is not one.`,
      )
      return
    }
    setCustomerIdsError(null)
    onChange({
      customerKey: customerKey.trim(),
      customerIds: [...new Set(parsedIds)],
      userIdentifierKey: userIdentifierKey.trim(),
    })
  }

  const addMetadata = (event: { preventDefault: () => void }) => {
    event.preventDefault()
    const parsed = parseMetadataPair(metadata)
    if (!parsed.ok) {
      setMetadataError(parsed.error)
      return
    }
    setMetadataError(null)
    setMetadata('')
    onChange({ metadata: withMetadataPair(query.metadata, parsed.pair) })
  }

  return (
    <div className="grid gap-4 rounded-lg bg-zinc-50 p-3 ring-1 ring-zinc-950/5 ring-inset sm:p-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] dark:bg-zinc-900/60 dark:ring-white/5">
      <form
        onSubmit={apply}
        aria-label="Account filters"
        className="grid gap-3 sm:grid-cols-2"
      >
        <div className="grid gap-1">
          <Label htmlFor={ids.customerKey}>Customer key</Label>
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
        </div>
        <div className="grid gap-1">
          <Label htmlFor={ids.userIdentifierKey}>User identifier key</Label>
          <Input
            id={ids.userIdentifierKey}
            value={userIdentifierKey}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              setUserIdentifierKey(event.target.value)
            }}
          />
        </div>
        <div className="grid gap-1 sm:col-span-2">
          <Label htmlFor={ids.customerIds}>Customer IDs</Label>
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
        </div>
        <div className="sm:col-span-2">
          <Button type="submit" variant="primary" size="sm">
            Apply filters
          </Button>
        </div>
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
          </p>
        )}
      </form>
    </div>
  )
}

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
    <li className="inline-flex h-6 max-w-full min-w-0 items-center gap-1 rounded-md bg-white pl-2 text-xs shadow-xs ring-1 ring-zinc-950/10 ring-inset dark:bg-zinc-900 dark:ring-white/10">
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
        className="inline-flex size-6 shrink-0 items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
      >
        <CloseIcon className="size-3" />
      </button>
    </li>
  )
}

/** The filters in force, each removable, and "Clear all". */
export function ActiveFilters({
  query,
  onChange,
  onClearAll,
}: {
  query: AccountsQuery
  onChange: (change: FilterChange) => void
  onClearAll: () => void
}) {
  if (activeFilterCount(query) === 0) return null
  const withoutPair = (pair: MetadataPair) =>
    query.metadata.filter((p) => p.key !== pair.key)
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <ul aria-label="Active filters" className="contents">
        {query.customerKey ? (
          <Chip
            label="Customer key"
            value={query.customerKey}
            mono
            onRemove={() => {
              onChange({ customerKey: '' })
            }}
          />
        ) : null}
        {query.customerIds.map((id) => (
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
        {query.userIdentifierKey ? (
          <Chip
            label="User identifier key"
            value={query.userIdentifierKey}
            mono
            onRemove={() => {
              onChange({ userIdentifierKey: '' })
            }}
          />
        ) : null}
        {query.metadata.map((pair) => (
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
      <Button variant="ghost" size="sm" onClick={onClearAll}>
        Clear all
      </Button>
    </div>
  )
}
