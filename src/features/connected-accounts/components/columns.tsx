import type { ConnectedAccount } from '@seamapi/types/connect'
import type { ColumnDef, SortingFn } from '@tanstack/react-table'
import { Link } from 'react-router'

import { PlainText } from '../../../components/ui/plain-text'
import { ProviderLogo } from '../../../components/ui/provider-logo'
import { RelativeTime } from '../../../components/ui/relative-time'
import { Skeleton } from '../../../components/ui/skeleton'
import { StatusBadges } from '../../../components/ui/status-badges'
import { statusRank } from '../../../lib/status'
import { ACCOUNT_COLUMN_LABELS, type AccountColumnId } from '../lib/column-ids'
import { MetadataChips } from './metadata-chips'

/** Where a row leads; the app decides, since only it knows its URLs. */
export type AccountLink = (account: ConnectedAccount) => {
  to: string
  state?: unknown
}

const collator = new Intl.Collator(undefined, {
  sensitivity: 'base',
  numeric: true,
})

const byText: SortingFn<ConnectedAccount> = (a, b, columnId) =>
  collator.compare(
    String(a.getValue(columnId) ?? ''),
    String(b.getValue(columnId) ?? ''),
  )

/*
 * Cells are table cells from `sm` up; below it each row becomes a card
 * (see `accountRowClassName`), so every cell also says how it lays out there.
 */
const cellBase =
  'border-b border-zinc-100 px-2.5 py-2.5 align-middle text-[13px] dark:border-zinc-800/70 max-sm:block max-sm:border-0 max-sm:p-0'
// The header's rule is a shadow: a collapsed border stays behind when the
// header sticks to the top of the window.
const headBase =
  'h-9 bg-zinc-50 px-2.5 shadow-[inset_0_-1px_0_var(--color-zinc-200)] dark:bg-zinc-900 dark:shadow-[inset_0_-1px_0_var(--color-zinc-800)] xl:sticky xl:top-0 xl:z-10'

const muted = 'text-zinc-500 dark:text-zinc-400'

function Missing({ label }: { label: string }) {
  return (
    <span className={muted}>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{label}</span>
    </span>
  )
}

/** A caption in front of a value, on cards only (tables have headers). */
function CardLabel({ children }: { children: string }) {
  return (
    <span className="mr-1 shrink-0 text-zinc-500 sm:hidden dark:text-zinc-400">
      {children}
    </span>
  )
}

const header = (id: AccountColumnId) => ACCOUNT_COLUMN_LABELS[id]

export function createAccountColumns(
  accountLink: AccountLink,
): ColumnDef<ConnectedAccount>[] {
  return [
    {
      id: 'provider',
      header: header('provider'),
      accessorFn: (account) => account.account_type_display_name,
      sortingFn: byText,
      meta: {
        widthClassName: 'w-[8rem]',
        headerClassName: `${headBase} pl-4`,
        cellClassName: `${cellBase} pl-4 max-sm:w-full max-sm:pl-0`,
        skeleton: (
          <span className="flex items-center gap-2">
            <Skeleton className="size-5 rounded-[5px]" />
            <Skeleton className="w-14" />
          </span>
        ),
      },
      cell: ({ row: { original: account } }) => (
        <span className="flex min-w-0 items-center gap-2">
          <ProviderLogo
            accountType={account.account_type}
            displayName={account.account_type_display_name}
          />
          <span className="min-w-0 text-zinc-700 max-sm:text-xs max-sm:text-zinc-500 dark:text-zinc-300 max-sm:dark:text-zinc-400">
            <PlainText>{account.account_type_display_name}</PlainText>
          </span>
        </span>
      ),
    },
    {
      id: 'display_name',
      header: header('display_name'),
      accessorFn: (account) => account.display_name,
      sortingFn: byText,
      meta: {
        headerClassName: headBase,
        cellClassName: `${cellBase} max-sm:w-full`,
        skeleton: (
          <span className="block space-y-1.5 py-0.5">
            <Skeleton className="w-2/3" />
            <Skeleton className="h-2.5 w-1/2" />
          </span>
        ),
      },
      cell: ({ row: { original: account } }) => {
        const link = accountLink(account)
        return (
          <span className="block min-w-0">
            <Link
              to={link.to}
              state={link.state}
              data-row-link=""
              title={account.display_name}
              className="block truncate rounded-sm font-medium text-zinc-900 hover:underline hover:decoration-zinc-400 hover:underline-offset-2 dark:text-zinc-50"
            >
              <bdi>{account.display_name}</bdi>
            </Link>
            <span className="block truncate font-mono text-[11px] leading-4 text-zinc-500 dark:text-zinc-400">
              {account.connected_account_id}
            </span>
          </span>
        )
      },
    },
    {
      id: 'status',
      header: header('status'),
      accessorFn: (account) => statusRank(account),
      sortDescFirst: true,
      meta: {
        widthClassName: 'w-[10.5rem]',
        headerClassName: headBase,
        cellClassName: `${cellBase} max-sm:w-full`,
        skeleton: <Skeleton className="h-5 w-20 rounded-md" />,
      },
      cell: ({ row: { original: account } }) => (
        <StatusBadges account={account} />
      ),
    },
    {
      id: 'customer_key',
      header: header('customer_key'),
      accessorFn: (account) => account.customer_key,
      sortingFn: byText,
      sortUndefined: 'last',
      meta: {
        widthClassName: 'w-[9rem]',
        headerClassName: headBase,
        cellClassName: `${cellBase} max-sm:max-w-full`,
        skeleton: <Skeleton className="w-4/5" />,
      },
      cell: ({ row: { original: account } }) => (
        <span className="flex min-w-0 items-baseline">
          <CardLabel>Customer</CardLabel>
          {account.customer_key ? (
            <PlainText className="min-w-0 text-zinc-700 dark:text-zinc-300">
              {account.customer_key}
            </PlainText>
          ) : (
            <Missing label="No customer key" />
          )}
        </span>
      ),
    },
    {
      id: 'user_identifier',
      header: header('user_identifier'),
      accessorFn: (account) =>
        account.user_identifier?.email ??
        account.user_identifier?.phone ??
        account.user_identifier?.username,
      sortingFn: byText,
      sortUndefined: 'last',
      meta: {
        widthClassName: 'w-[11rem]',
        headerClassName: headBase,
        cellClassName: `${cellBase} max-sm:w-full`,
        skeleton: (
          <span className="block space-y-1.5 py-0.5">
            <Skeleton className="w-5/6" />
            <Skeleton className="h-2.5 w-1/2" />
          </span>
        ),
      },
      cell: ({ row: { original: account } }) => {
        const identifier = account.user_identifier
        const primary =
          identifier?.email ?? identifier?.phone ?? identifier?.username
        if (primary === undefined) return <Missing label="No user identifier" />
        const secondary = [identifier?.phone, identifier?.username].filter(
          (value): value is string => value !== undefined && value !== primary,
        )
        return (
          <span className="block min-w-0">
            <PlainText className="text-zinc-700 dark:text-zinc-300">
              {primary}
            </PlainText>
            {secondary.length > 0 ? (
              <PlainText className="text-xs text-zinc-500 dark:text-zinc-400">
                {secondary.join(' · ')}
              </PlainText>
            ) : null}
          </span>
        )
      },
    },
    {
      id: 'custom_metadata',
      header: header('custom_metadata'),
      enableSorting: false,
      meta: {
        widthClassName: 'w-[11rem]',
        headerClassName: headBase,
        // An account without metadata gets no empty line on a card.
        cellClassName: `${cellBase} max-sm:w-full max-sm:has-[[data-empty]]:hidden`,
        skeleton: (
          <span className="flex gap-1">
            <Skeleton className="h-4 w-20 rounded" />
            <Skeleton className="h-4 w-14 rounded" />
          </span>
        ),
      },
      cell: ({ row: { original: account } }) => (
        <MetadataChips metadata={account.custom_metadata} max={1} nowrap />
      ),
    },
    {
      id: 'created_at',
      header: header('created_at'),
      accessorFn: (account) =>
        account.created_at ? Date.parse(account.created_at) : undefined,
      sortUndefined: 'last',
      meta: {
        widthClassName: 'w-[6.5rem]',
        headerClassName: headBase,
        cellClassName: `${cellBase} whitespace-nowrap`,
        skeleton: <Skeleton className="w-16" />,
      },
      cell: ({ row: { original: account } }) =>
        account.created_at ? (
          <span className="text-zinc-600 dark:text-zinc-400">
            <CardLabel>Created</CardLabel>
            <RelativeTime date={account.created_at} />
          </span>
        ) : (
          <Missing label="Creation time unknown" />
        ),
    },
    {
      id: 'automatically_manage_new_devices',
      header: 'Auto-manage',
      accessorFn: (account) => account.automatically_manage_new_devices,
      meta: {
        widthClassName: 'w-[7.25rem]',
        headerClassName: `${headBase} pr-4`,
        cellClassName: `${cellBase} pr-4 whitespace-nowrap`,
        skeleton: <Skeleton className="w-8" />,
      },
      cell: ({ row: { original: account } }) => (
        <span
          className={
            account.automatically_manage_new_devices
              ? 'text-zinc-700 dark:text-zinc-300'
              : 'text-zinc-500 dark:text-zinc-400'
          }
          title={
            account.automatically_manage_new_devices
              ? 'New devices are added automatically'
              : 'New devices are not added automatically'
          }
        >
          <CardLabel>Auto-manage devices</CardLabel>
          {account.automatically_manage_new_devices ? 'Yes' : 'No'}
        </span>
      ),
    },
  ]
}
