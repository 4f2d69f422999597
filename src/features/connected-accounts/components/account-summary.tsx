import type { ConnectedAccount } from '@seamapi/types/connect'
import type { ReactNode } from 'react'

import { PlainText } from '../../../components/ui/plain-text'
import { ProviderLogo } from '../../../components/ui/provider-logo'
import { RelativeTime } from '../../../components/ui/relative-time'
import { Skeleton } from '../../../components/ui/skeleton'
import { StatusBadges } from '../../../components/ui/status-badges'
import { MetadataChips } from './metadata-chips'

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-[13px] text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 text-[13px] text-zinc-900 dark:text-zinc-100">
        {children}
      </dd>
    </div>
  )
}

/** The essentials of one account; the full detail view grows from here. */
export function AccountSummary({ account }: { account: ConnectedAccount }) {
  const identifier = account.user_identifier
  return (
    <div>
      <div className="flex items-start gap-3">
        <ProviderLogo
          accountType={account.account_type}
          displayName={account.account_type_display_name}
          className="mt-0.5 size-9 rounded-lg text-xs"
        />
        <div className="min-w-0">
          <h1 className="text-lg font-semibold tracking-tight break-words text-zinc-900 [overflow-wrap:anywhere] dark:text-zinc-50">
            <bdi>{account.display_name}</bdi>
          </h1>
          <PlainText className="text-[13px] text-zinc-500 dark:text-zinc-400">
            {account.account_type_display_name}
          </PlainText>
        </div>
      </div>
      <dl className="mt-6 divide-y divide-zinc-100 border-y border-zinc-100 dark:divide-zinc-800 dark:border-zinc-800">
        <Field label="Connected account ID">
          <code className="font-mono text-xs break-all select-all">
            {account.connected_account_id}
          </code>
        </Field>
        <Field label="Status">
          <StatusBadges account={account} />
        </Field>
        <Field label="Customer key">
          {account.customer_key ? (
            <PlainText truncate={false} className="font-mono text-xs">
              {account.customer_key}
            </PlainText>
          ) : (
            '—'
          )}
        </Field>
        <Field label="User identifier">
          {[identifier?.email, identifier?.phone, identifier?.username]
            .filter((value): value is string => Boolean(value))
            .join(' · ') || '—'}
        </Field>
        <Field label="Custom metadata">
          <MetadataChips metadata={account.custom_metadata} max={50} />
        </Field>
        <Field label="Created">
          {account.created_at ? (
            <RelativeTime date={account.created_at} />
          ) : (
            '—'
          )}
        </Field>
        <Field label="Auto-manage new devices">
          {account.automatically_manage_new_devices ? 'Yes' : 'No'}
        </Field>
      </dl>
    </div>
  )
}

export function AccountSummarySkeleton() {
  return (
    <div aria-hidden="true">
      <div className="flex items-start gap-3">
        <Skeleton className="size-9 rounded-lg" />
        <div className="flex-1 space-y-2 pt-1">
          <Skeleton className="h-4 w-64 max-w-full" />
          <Skeleton className="w-24" />
        </div>
      </div>
      <div className="mt-6 space-y-5 border-y border-zinc-100 py-4 dark:border-zinc-800">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} className="w-2/3" />
        ))}
      </div>
    </div>
  )
}
