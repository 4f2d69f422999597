import type { ConnectedAccount } from '@seamapi/types/connect'
import {
  type ReactNode,
  type SubmitEvent,
  useId,
  useRef,
  useState,
} from 'react'

import { announce } from '../../../components/ui/announcer'
import { Badge } from '../../../components/ui/badge'
import { Button } from '../../../components/ui/button'
import { CopyButton } from '../../../components/ui/copy-button'
import {
  describedBy,
  DisabledReason,
  GuardedButton,
  usePermissionGuard,
} from '../../../components/ui/guarded-button'
import { LockIcon, PencilIcon } from '../../../components/ui/icons'
import { Input } from '../../../components/ui/input'
import { PlainText } from '../../../components/ui/plain-text'
import { cn } from '../../../lib/cn'
import type { Permission } from '../../../lib/permissions'
import {
  type OnAccountUpdated,
  useUpdateConnectedAccount,
} from '../api/update-connected-account'
import { validateDisplayName } from '../lib/account-form-schema'
import { DetailSection, FieldError } from './detail-section'

function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-[13px] text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 text-[13px] text-zinc-900 dark:text-zinc-100">
        {children}
      </dd>
    </div>
  )
}

const none = (
  <span className="text-zinc-500 dark:text-zinc-400">
    <span aria-hidden="true">—</span>
    <span className="sr-only">None</span>
  </span>
)

interface EditProps {
  account: ConnectedAccount
  /** Editing; undefined allows it. */
  permission?: Permission | undefined
  onUpdated?: OnAccountUpdated | undefined
}

function DisplayNameField({ account, permission, onUpdated }: EditProps) {
  const [editing, setEditing] = useState(false)
  const [value, setValue] = useState(account.display_name)
  const [error, setError] = useState<string | null>(null)
  const update = useUpdateConnectedAccount({ onUpdated })
  const inputRef = useRef<HTMLInputElement>(null)
  const editRef = useRef<HTMLButtonElement>(null)
  const errorId = useId()

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (update.isPending || permission?.allowed === false) return
    const problem = validateDisplayName(value)
    if (problem) {
      setError(problem)
      announce(`Display name not saved: ${problem}`)
      inputRef.current?.focus()
      return
    }
    setError(null)
    update.mutate(
      {
        connected_account_id: account.connected_account_id,
        display_name: value,
      },
      {
        onSuccess: () => {
          setEditing(false)
          announce('Display name saved.')
          requestAnimationFrame(() => editRef.current?.focus())
        },
        onError: (failure) => {
          const message =
            failure.fieldErrors.display_name?.join(' ') ?? failure.message
          setError(message)
          announce(`Display name not saved: ${message}`)
          inputRef.current?.focus()
        },
      },
    )
  }

  if (!editing || permission?.allowed === false) {
    return (
      <div className="flex min-w-0 items-start gap-2">
        <PlainText truncate={false} className="min-w-0 flex-1">
          {account.display_name}
        </PlainText>
        <GuardedButton
          ref={editRef}
          permission={permission}
          size="sm"
          variant="ghost"
          className="-my-1"
          onClick={() => {
            setValue(account.display_name)
            setError(null)
            setEditing(true)
            requestAnimationFrame(() => inputRef.current?.select())
          }}
        >
          <PencilIcon className="size-3.5" />
          Edit<span className="sr-only"> display name</span>
        </GuardedButton>
      </div>
    )
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <Input
        ref={inputRef}
        aria-label="Display name"
        value={value}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          setValue(event.target.value)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !update.isPending) {
            setEditing(false)
            requestAnimationFrame(() => editRef.current?.focus())
          }
        }}
      />
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
      <div className="flex gap-2">
        <Button
          type="submit"
          size="sm"
          variant="primary"
          aria-disabled={update.isPending}
        >
          {update.isPending ? 'Saving…' : 'Save name'}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          disabled={update.isPending}
          onClick={() => {
            setEditing(false)
            requestAnimationFrame(() => editRef.current?.focus())
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  )
}

function AutoManageSwitch({ account, permission, onUpdated }: EditProps) {
  const update = useUpdateConnectedAccount({ onUpdated })
  const [error, setError] = useState<string | null>(null)
  const labelId = useId()
  const guard = usePermissionGuard(permission)
  const on = account.automatically_manage_new_devices
  return (
    <div>
      <div className="flex items-center gap-2">
        <DisabledReason guard={guard} align="start">
          <button
            type="button"
            role="switch"
            aria-checked={on}
            aria-labelledby={labelId}
            aria-disabled={guard.blocked || undefined}
            aria-describedby={describedBy(guard.reasonId)}
            onClick={() => {
              if (guard.reason !== null) {
                announce(guard.reason)
                return
              }
              if (update.isPending) return
              setError(null)
              const next = !on
              update.mutate(
                {
                  connected_account_id: account.connected_account_id,
                  automatically_manage_new_devices: next,
                },
                {
                  onSuccess: () => {
                    announce(
                      next
                        ? 'New devices will be managed automatically.'
                        : 'New devices will no longer be managed automatically.',
                    )
                  },
                  onError: (failure) => {
                    setError(failure.message)
                    announce(`Setting not changed: ${failure.message}`)
                  },
                },
              )
            }}
            className={cn(
              'relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors',
              on
                ? 'bg-brand-600 dark:bg-brand-500'
                : 'bg-zinc-300 dark:bg-zinc-700',
              update.isPending && 'opacity-60',
              guard.blocked && 'cursor-not-allowed opacity-45',
            )}
          >
            <span
              aria-hidden="true"
              className={cn(
                'inline-block size-4 rounded-full bg-white shadow transition-transform',
                on ? 'translate-x-4.5' : 'translate-x-0.5',
              )}
            />
          </button>
        </DisabledReason>
        <span id={labelId} className="sr-only">
          Automatically manage new devices
        </span>
        <span aria-hidden="true">{on ? 'On' : 'Off'}</span>
        {guard.blocked ? (
          <LockIcon className="size-3 shrink-0 text-zinc-500 dark:text-zinc-400" />
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          Couldn’t change the setting: {error}
        </p>
      ) : null}
    </div>
  )
}

export function AccountProperties({
  account,
  permission,
  onUpdated,
}: EditProps) {
  const identifier = account.user_identifier
  const capabilities = account.accepted_capabilities
  return (
    <DetailSection title="Properties" bodyClassName="py-1">
      <dl className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
        <Field label="Display name">
          <DisplayNameField
            key={account.display_name}
            account={account}
            permission={permission}
            onUpdated={onUpdated}
          />
        </Field>
        <Field label="Account type">
          <PlainText truncate={false}>
            {account.account_type_display_name}
          </PlainText>{' '}
          <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
            {account.account_type}
          </code>
        </Field>
        <Field label="Auto-manage new devices">
          <AutoManageSwitch
            account={account}
            permission={permission}
            onUpdated={onUpdated}
          />
        </Field>
        <Field label="Accepted capabilities">
          {capabilities.length > 0 ? (
            <ul className="flex flex-wrap gap-1">
              {capabilities.map((capability) => (
                <li key={capability}>
                  <Badge>{capability.replaceAll('_', ' ')}</Badge>
                </li>
              ))}
            </ul>
          ) : (
            none
          )}
        </Field>
        <Field label="Customer key">
          {account.customer_key ? (
            <span className="flex items-start gap-1">
              <PlainText truncate={false} className="min-w-0 font-mono text-xs">
                {account.customer_key}
              </PlainText>
              <CopyButton
                value={account.customer_key}
                label="customer key"
                className="-my-1"
              />
            </span>
          ) : (
            none
          )}
        </Field>
        <Field
          label={
            <span className="flex flex-wrap items-center gap-1.5">
              User identifier
              <Badge tone="amber">Deprecated</Badge>
            </span>
          }
        >
          {identifier ? (
            <dl className="grid grid-cols-[5.5rem_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-[13px]">
              {(
                [
                  ['Email', identifier.email],
                  ['Phone', identifier.phone],
                  ['Username', identifier.username],
                  ['API URL', identifier.api_url],
                ] as const
              ).map(([label, value]) =>
                value ? (
                  <div key={label} className="contents">
                    <dt className="text-zinc-500 dark:text-zinc-400">
                      {label}
                    </dt>
                    <dd className="min-w-0">
                      <PlainText truncate={false}>{value}</PlainText>
                    </dd>
                  </div>
                ) : null,
              )}
              <dt className="text-zinc-500 dark:text-zinc-400">Exclusive</dt>
              <dd>{identifier.exclusive ? 'Yes' : 'No'}</dd>
            </dl>
          ) : (
            none
          )}
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            Seam deprecated this field; use the display name instead.
          </p>
        </Field>
      </dl>
    </DetailSection>
  )
}
