import { SearchIcon } from '../../../components/ui/icons'
import { Input, inputClassName, Label } from '../../../components/ui/input'
import { cn } from '../../../lib/cn'
import type { Option, TriageView } from '../lib/view-state'

function FilterSelect({
  id,
  label,
  value,
  options,
  allLabel,
  onChange,
}: {
  id: string
  label: string
  value: string | null
  options: readonly Option[]
  allLabel: string
  onChange: (value: string | null) => void
}) {
  // A value from a link that is no longer in the data still shows.
  const withCurrent =
    value !== null && !options.some((o) => o.value === value)
      ? [...options, { value, label: value }]
      : options
  return (
    <div className="flex min-w-0 flex-col gap-1 sm:w-56">
      <Label htmlFor={id}>{label}</Label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => {
          onChange(event.target.value || null)
        }}
        className={cn(inputClassName, 'pr-8')}
      >
        <option value="">{allLabel}</option>
        {withCurrent.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export function QueueFilters({
  view,
  customers,
  providers,
  onViewChange,
}: {
  view: TriageView
  customers: readonly Option[]
  providers: readonly Option[]
  onViewChange: (next: TriageView, options?: { replace?: boolean }) => void
}) {
  return (
    <search className="flex flex-col gap-2.5 sm:flex-row sm:items-end">
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <Label htmlFor="triage-search">Search the queue</Label>
        <div className="relative">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-zinc-400" />
          <Input
            id="triage-search"
            type="search"
            value={view.q}
            placeholder="Name, ID, customer key or metadata"
            // In place, so Back does not replay every keystroke.
            onChange={(event) => {
              onViewChange(
                { ...view, q: event.target.value },
                { replace: true },
              )
            }}
            className="pl-8"
          />
        </div>
      </div>
      <FilterSelect
        id="triage-customer"
        label="Customer"
        value={view.customer}
        options={customers}
        allLabel="All customers"
        onChange={(customer) => {
          onViewChange({ ...view, customer })
        }}
      />
      <FilterSelect
        id="triage-provider"
        label="Provider"
        value={view.provider}
        options={providers}
        allLabel="All providers"
        onChange={(provider) => {
          onViewChange({ ...view, provider })
        }}
      />
    </search>
  )
}
