import type { ConnectedAccount } from '@seamapi/types/connect'
import { type ReactNode, useState } from 'react'

import { CopyButton } from '../../../components/ui/copy-button'
import { GuardedButton } from '../../../components/ui/guarded-button'
import {
  CheckCircleIcon,
  ErrorIcon,
  TrashIcon,
  WarningIcon,
} from '../../../components/ui/icons'
import { PlainText } from '../../../components/ui/plain-text'
import { ProviderLogo } from '../../../components/ui/provider-logo'
import { RelativeTime } from '../../../components/ui/relative-time'
import { Skeleton } from '../../../components/ui/skeleton'
import { cn } from '../../../lib/cn'
import { formatDateTime } from '../../../lib/format'
import type { AccountPermissions } from '../../../lib/permissions'
import { deriveStatus } from '../../../lib/status'
import type { OnAccountUpdated } from '../api/update-connected-account'
import { AccountActivity } from './account-activity'
import { AccountProperties } from './account-properties'
import { DeleteAccountDialog } from './delete-account-dialog'
import { DetailSection } from './detail-section'
import { DeviceCount } from './device-count'
import { MetadataEditor } from './metadata-editor'
import { ProblemPanels } from './problem-panels'
import { useSyncAction } from './sync-button'
import { SaltoUsage } from './usage-bars'

const plural = (count: number, word: string) =>
  `${count} ${word}${count === 1 ? '' : 's'}`

function HealthSummary({ account }: { account: ConnectedAccount }) {
  const status = deriveStatus(account)
  if (status.healthy) {
    return (
      <span className="inline-flex items-center gap-1.5 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-600/15 ring-inset dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/20">
        <CheckCircleIcon className="size-3.5" />
        Healthy: no errors or warnings
      </span>
    )
  }
  const hasErrors = status.errorCount > 0
  const Icon = hasErrors ? ErrorIcon : WarningIcon
  const parts = [
    status.errorCount > 0 ? plural(status.errorCount, 'error') : null,
    status.warningCount > 0 ? plural(status.warningCount, 'warning') : null,
  ].filter((part): part is string => part !== null)
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        hasErrors
          ? 'bg-red-50 text-red-700 ring-red-600/15 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/25'
          : 'bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-400/10 dark:text-amber-200 dark:ring-amber-400/25',
      )}
    >
      <Icon className="size-3.5" />
      {hasErrors ? 'Needs attention' : 'Working, with warnings'}:{' '}
      {parts.join(', ')}
    </span>
  )
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 min-w-0 text-[13px] text-zinc-900 dark:text-zinc-100">
        {children}
      </dd>
    </div>
  )
}

export interface AccountDetailProps {
  account: ConnectedAccount
  onDeleted: (account: ConnectedAccount) => void
  /**
   * What the reader's role may do; undefined allows everything. An action
   * not allowed stays on screen, disabled, with the reason.
   */
  permissions?: AccountPermissions | undefined
  /**
   * Called after every successful update with the account as saved and the
   * fields the update set, e.g. `['display_name']`.
   */
  onUpdated?: OnAccountUpdated | undefined
  /**
   * The body of a "Recent changes" card: what this dashboard changed on the
   * account, and who. Left out, the card is not shown.
   */
  recentChanges?: ReactNode
}

export function AccountDetail({
  account,
  onDeleted,
  permissions,
  onUpdated,
  recentChanges,
}: AccountDetailProps) {
  const [deleteOpen, setDeleteOpen] = useState(false)
  const sync = useSyncAction(account, permissions?.sync)
  const canDelete = permissions?.delete.allowed !== false

  return (
    <div className="space-y-5">
      <header className="rounded-xl bg-white p-4 ring-1 ring-zinc-950/[0.08] sm:p-5 dark:bg-zinc-900/40 dark:ring-white/[0.08]">
        <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
          <ProviderLogo
            accountType={account.account_type}
            displayName={account.account_type_display_name}
            className="size-10 rounded-lg text-sm"
          />
          <div className="min-w-0 flex-1 basis-64">
            <h1 className="text-lg leading-6 font-semibold tracking-tight break-words text-zinc-900 [overflow-wrap:anywhere] dark:text-zinc-50">
              <bdi>{account.display_name}</bdi>
            </h1>
            <PlainText className="text-[13px] text-zinc-500 dark:text-zinc-400">
              {account.account_type_display_name}
            </PlainText>
            <div className="mt-2">
              <HealthSummary account={account} />
            </div>
          </div>
          <div className="flex shrink-0 gap-2">
            {sync.button}
            <GuardedButton
              permission={permissions?.delete}
              onClick={() => {
                setDeleteOpen(true)
              }}
              className="text-red-700 dark:text-red-300"
            >
              <TrashIcon className="size-3.5" />
              Delete
            </GuardedButton>
          </div>
        </div>
        {sync.status ? <div className="mt-3">{sync.status}</div> : null}
        <dl className="mt-4 grid gap-x-6 gap-y-3 border-t border-zinc-100 pt-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,1.5fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,0.6fr)] dark:border-zinc-800/70">
          <Fact label="Connected account ID">
            <span className="flex items-center gap-1">
              <code className="min-w-0 truncate font-mono text-xs select-all">
                {account.connected_account_id}
              </code>
              <CopyButton
                value={account.connected_account_id}
                label="connected account ID"
              />
            </span>
          </Fact>
          <Fact label="Customer key">
            {account.customer_key ? (
              <span className="flex items-center gap-1">
                <PlainText className="min-w-0 font-mono text-xs">
                  {account.customer_key}
                </PlainText>
                <CopyButton value={account.customer_key} label="customer key" />
              </span>
            ) : (
              <span className="text-zinc-500 dark:text-zinc-400">None</span>
            )}
          </Fact>
          <Fact label="Created">
            {account.created_at ? (
              <>
                <RelativeTime date={account.created_at} />
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                  {formatDateTime(account.created_at)}
                </span>
              </>
            ) : (
              'Unknown'
            )}
          </Fact>
          <Fact label="Devices">
            <DeviceCount connectedAccountId={account.connected_account_id} />
          </Fact>
        </dl>
      </header>

      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-5">
          <ProblemPanels account={account} />
          <SaltoUsage account={account} />
          <MetadataEditor
            account={account}
            permission={permissions?.edit}
            onUpdated={onUpdated}
          />
          <AccountActivity account={account} />
        </div>
        <div className="min-w-0 space-y-5">
          <AccountProperties
            account={account}
            permission={permissions?.edit}
            onUpdated={onUpdated}
          />
          {recentChanges === undefined ? null : (
            <DetailSection
              title="Recent changes"
              description="Made through this dashboard, newest first."
            >
              {recentChanges}
            </DetailSection>
          )}
        </div>
      </div>

      <DeleteAccountDialog
        account={account}
        open={deleteOpen && canDelete}
        onClose={() => {
          setDeleteOpen(false)
        }}
        onDeleted={onDeleted}
      />
    </div>
  )
}

export function AccountDetailSkeleton() {
  return (
    <div aria-hidden="true" className="space-y-5">
      <div className="rounded-xl p-5 ring-1 ring-zinc-950/[0.08] dark:ring-white/[0.08]">
        <div className="flex items-start gap-4">
          <Skeleton className="size-10 rounded-lg" />
          <div className="flex-1 space-y-2 pt-1">
            <Skeleton className="h-4 w-64 max-w-full" />
            <Skeleton className="w-24" />
            <Skeleton className="h-5 w-40 rounded-full" />
          </div>
        </div>
        <div className="mt-5 grid gap-4 border-t border-zinc-100 pt-4 sm:grid-cols-4 dark:border-zinc-800">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="w-3/4" />
          ))}
        </div>
      </div>
      <div className="grid gap-5 lg:grid-cols-[3fr_2fr]">
        <Skeleton className="h-48 rounded-xl" />
        <Skeleton className="h-48 rounded-xl" />
      </div>
    </div>
  )
}
