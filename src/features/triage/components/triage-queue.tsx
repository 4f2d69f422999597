import { useState } from 'react'
import { Link, type To } from 'react-router'

import { Button } from '../../../components/ui/button'
import {
  DisabledReason,
  usePermissionGuard,
} from '../../../components/ui/guarded-button'
import { InboxIcon } from '../../../components/ui/icons'
import { PlainText } from '../../../components/ui/plain-text'
import { ProviderLogo } from '../../../components/ui/provider-logo'
import { StatusBadges } from '../../../components/ui/status-badges'
import { cn } from '../../../lib/cn'
import { formatDateTime } from '../../../lib/format'
import type { Permission } from '../../../lib/permissions'
import { useNow } from '../../../lib/use-now'
import type { SyncResult } from '../api/use-bulk-sync'
import { formatAge } from '../lib/age'
import type { TriageAccount } from '../lib/types'
import { SyncResultNote } from './bulk-sync-bar'
import { ReconnectLink } from './reconnect-link'

const PAGE = 100

const cellBase =
  'border-b border-zinc-100 px-2.5 py-2.5 align-middle text-[13px] dark:border-zinc-800/70 max-sm:block max-sm:border-0 max-sm:p-0'
const headBase =
  'h-9 bg-zinc-50 px-2.5 text-left text-xs font-medium text-zinc-500 shadow-[inset_0_-1px_0_var(--color-zinc-200)] dark:bg-zinc-900 dark:text-zinc-400 dark:shadow-[inset_0_-1px_0_var(--color-zinc-800)]'

const checkboxClassName =
  'size-3.5 shrink-0 rounded accent-brand-600 dark:accent-brand-400'

/**
 * Picks accounts for bulk sync. Without sync it stays, inert and marked
 * disabled, and gives the reason on hover, on focus and to screen readers.
 */
function SelectBox({
  label,
  checked,
  onToggle,
  permission,
}: {
  label: string
  checked: boolean
  onToggle: () => void
  permission: Permission | undefined
}) {
  const guard = usePermissionGuard(permission)
  return (
    <DisabledReason guard={guard} align="start">
      <input
        type="checkbox"
        aria-label={label}
        aria-disabled={guard.blocked || undefined}
        aria-describedby={guard.reasonId}
        checked={checked}
        onChange={() => {
          if (guard.blocked) return
          onToggle()
        }}
        className={cn(
          checkboxClassName,
          guard.blocked && 'cursor-not-allowed opacity-45',
        )}
      />
    </DisabledReason>
  )
}

function QueueRow({
  account,
  now,
  link,
  selected,
  onToggle,
  result,
  permissions,
}: {
  account: TriageAccount
  now: number
  link: To
  selected: boolean
  onToggle: () => void
  result: SyncResult | undefined
  permissions: TriageQueuePermissions | undefined
}) {
  const age = formatAge(account.since, now)
  const name = account.display_name || account.connected_account_id
  return (
    <tr className="hover:bg-zinc-50/70 max-sm:flex max-sm:flex-col max-sm:gap-1.5 max-sm:border-b max-sm:border-zinc-100 max-sm:px-4 max-sm:py-3 dark:hover:bg-zinc-800/30 max-sm:dark:border-zinc-800/70">
      <td className={`${cellBase} pl-4 max-sm:pl-0`}>
        <div className="flex min-w-0 items-center gap-2.5">
          <SelectBox
            label={`Select ${name}`}
            checked={selected}
            onToggle={onToggle}
            permission={permissions?.sync}
          />
          <ProviderLogo
            accountType={account.account_type}
            displayName={account.account_type_display_name}
          />
          <div className="flex min-w-0 flex-col">
            <Link
              to={link}
              title={name}
              className="truncate rounded-sm font-medium text-zinc-900 hover:underline dark:text-zinc-100"
            >
              <bdi>{name}</bdi>
            </Link>
            <PlainText className="text-xs text-zinc-500 dark:text-zinc-400">
              {account.account_type_display_name || account.account_type}
            </PlainText>
          </div>
        </div>
      </td>
      <td className={cellBase}>
        {account.customer_key ? (
          <span
            title={account.customer_key}
            className="block truncate font-mono text-xs text-zinc-700 dark:text-zinc-300"
          >
            <span className="sr-only">Customer: </span>
            <bdi>{account.customer_key}</bdi>
          </span>
        ) : (
          <span className="text-xs text-zinc-500 max-sm:hidden dark:text-zinc-400">
            No customer
          </span>
        )}
      </td>
      <td className={cellBase}>
        <StatusBadges account={account} />
        {account.errors.some((e) => e.error_code === 'account_disconnected') ? (
          <ReconnectLink
            account={account}
            permission={permissions?.reconnect}
          />
        ) : null}
        <SyncResultNote result={result} />
      </td>
      <td
        className={`${cellBase} pr-4 text-zinc-600 tabular-nums dark:text-zinc-300 max-sm:pr-0 max-sm:text-xs`}
      >
        {account.since ? (
          <time dateTime={account.since} title={formatDateTime(account.since)}>
            <span className="sm:sr-only">Failing for </span>
            {age}
          </time>
        ) : (
          <span className="text-zinc-500 dark:text-zinc-400">Unknown</span>
        )}
      </td>
    </tr>
  )
}

export interface TriageQueuePermissions {
  sync: Permission
  reconnect: Permission
}

export function TriageQueue({
  accounts,
  total,
  accountLink,
  onClear,
  selected,
  onToggle,
  onToggleAll,
  results,
  permissions,
}: {
  accounts: readonly TriageAccount[]
  /** How many the queue holds before filtering. */
  total: number
  accountLink: (account: TriageAccount) => To
  onClear: () => void
  selected: ReadonlySet<string>
  onToggle: (id: string) => void
  /** Selects every account in the filtered queue, or none. */
  onToggleAll: () => void
  results: ReadonlyMap<string, SyncResult>
  /** What the reader's role may do; undefined allows everything. */
  permissions?: TriageQueuePermissions | undefined
}) {
  const now = useNow(60_000)
  const [shown, setShown] = useState(PAGE)
  const visible = accounts.slice(0, shown)

  if (accounts.length === 0) {
    return (
      <div className="mx-auto flex max-w-md flex-col items-center px-4 py-14 text-center text-[13px]">
        <span className="mb-3 inline-flex size-9 items-center justify-center rounded-lg bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
          <InboxIcon />
        </span>
        {total === 0 ? (
          <>
            <h3 className="font-medium text-zinc-900 dark:text-zinc-100">
              Nothing to triage
            </h3>
            <p className="mt-1 text-zinc-500 dark:text-zinc-400">
              Every connected account is healthy.
            </p>
          </>
        ) : (
          <>
            <h3 className="font-medium text-zinc-900 dark:text-zinc-100">
              No accounts match
            </h3>
            <p className="mt-1 text-zinc-500 dark:text-zinc-400">
              None of the {total} affected accounts match these filters.
            </p>
            <Button className="mt-4" onClick={onClear}>
              Clear search and filters
            </Button>
          </>
        )}
      </div>
    )
  }

  return (
    <>
      <table
        aria-label="Accounts with problems"
        className="w-full table-fixed border-collapse max-sm:block"
      >
        <thead className="max-sm:sr-only">
          <tr>
            <th scope="col" className={`${headBase} pl-4`}>
              <span className="flex items-center gap-2.5">
                <SelectBox
                  label={`Select all ${accounts.length} accounts in this view`}
                  checked={accounts.every((a) =>
                    selected.has(a.connected_account_id),
                  )}
                  onToggle={onToggleAll}
                  permission={permissions?.sync}
                />
                Account
              </span>
            </th>
            <th scope="col" className={`${headBase} w-[22%]`}>
              Customer
            </th>
            <th scope="col" className={`${headBase} w-[34%]`}>
              Problems
            </th>
            <th scope="col" className={`${headBase} w-28 pr-4`}>
              Age
            </th>
          </tr>
        </thead>
        <tbody className="max-sm:block">
          {visible.map((account) => (
            <QueueRow
              key={account.connected_account_id}
              account={account}
              now={now}
              link={accountLink(account)}
              selected={selected.has(account.connected_account_id)}
              onToggle={() => {
                onToggle(account.connected_account_id)
              }}
              result={results.get(account.connected_account_id)}
              permissions={permissions}
            />
          ))}
        </tbody>
      </table>
      {accounts.length > shown ? (
        <div className="flex items-center justify-between gap-4 px-4 py-2.5 text-xs text-zinc-500 dark:text-zinc-400">
          <span>
            Showing {visible.length} of {accounts.length}
          </span>
          <Button
            size="sm"
            onClick={() => {
              setShown((n) => n + PAGE)
            }}
          >
            Show {Math.min(PAGE, accounts.length - shown)} more
          </Button>
        </div>
      ) : null}
    </>
  )
}
