import type { ConnectedAccount } from '@seamapi/types/connect'
import { type SubmitEvent, useEffect, useId, useRef, useState } from 'react'

import { announce } from '../../../components/ui/announcer'
import { Button } from '../../../components/ui/button'
import { GuardedButton } from '../../../components/ui/guarded-button'
import {
  CheckCircleIcon,
  CloseIcon,
  PencilIcon,
  PlusIcon,
  UndoIcon,
} from '../../../components/ui/icons'
import { Input, inputClassName } from '../../../components/ui/input'
import { PlainText } from '../../../components/ui/plain-text'
import { cn } from '../../../lib/cn'
import type { Permission } from '../../../lib/permissions'
import {
  type OnAccountUpdated,
  useUpdateConnectedAccount,
} from '../api/update-connected-account'
import {
  type CustomMetadata,
  FORM_ERROR,
  METADATA_MAX_KEYS,
  type MetadataFormErrors,
  metadataFromRows,
  type MetadataRow,
  metadataServerErrors,
  newRowId,
  rowsFromMetadata,
  validateMetadataRows,
} from '../lib/account-form-schema'
import { DetailSection, FieldError } from './detail-section'

function MetadataTable({ metadata }: { metadata: CustomMetadata }) {
  const entries = Object.entries(metadata)
  if (entries.length === 0) {
    return (
      <p className="py-2 text-[13px] text-zinc-500 dark:text-zinc-400">
        No custom metadata on this account.
      </p>
    )
  }
  return (
    <table
      aria-label="Custom metadata"
      className="w-full table-fixed text-[13px]"
    >
      <thead>
        <tr className="text-left text-xs text-zinc-500 dark:text-zinc-400">
          <th scope="col" className="w-2/5 py-1.5 pr-3 font-medium">
            Key
          </th>
          <th scope="col" className="py-1.5 font-medium">
            Value
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th
              scope="row"
              className="py-2 pr-3 text-left align-baseline font-mono text-xs font-normal text-zinc-600 dark:text-zinc-400"
            >
              <PlainText truncate={false}>{key}</PlainText>
            </th>
            <td className="py-2 align-baseline text-zinc-900 dark:text-zinc-100">
              {typeof value === 'boolean' ? (
                <span className="inline-flex items-center gap-1.5">
                  <code className="rounded bg-zinc-100 px-1 font-mono text-[11px] dark:bg-zinc-800">
                    {String(value)}
                  </code>
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    boolean
                  </span>
                </span>
              ) : value === '' ? (
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  (empty string)
                </span>
              ) : (
                <PlainText truncate={false}>{value}</PlainText>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

interface Saved {
  previous: CustomMetadata
  undone: boolean
}

const hasLineBreak = (text: string) => /[\r\n]/.test(text)

/**
 * A one-line input drops line breaks from what it shows and from every edit,
 * so a stored key or value that has them gets a text area.
 */
function TextField({
  multiline,
  value,
  onValue,
  className,
  ...props
}: {
  multiline: boolean
  value: string
  onValue: (value: string) => void
  className?: string
  'aria-label': string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
  spellCheck?: boolean
}) {
  if (!multiline) {
    return (
      <Input
        {...props}
        value={value}
        autoComplete="off"
        className={className}
        onChange={(event) => {
          onValue(event.target.value)
        }}
      />
    )
  }
  return (
    <textarea
      {...props}
      value={value}
      rows={2}
      autoComplete="off"
      className={cn(inputClassName, 'h-auto resize-y py-1.5', className)}
      onChange={(event) => {
        onValue(event.target.value)
      }}
    />
  )
}

function MetadataForm({
  account,
  onUpdated,
  onDone,
}: {
  account: ConnectedAccount
  onUpdated: OnAccountUpdated | undefined
  onDone: (previous: CustomMetadata | null) => void
}) {
  const formId = useId()
  const formRef = useRef<HTMLFormElement>(null)
  const [rows, setRows] = useState<MetadataRow[]>(() =>
    rowsFromMetadata(account.custom_metadata),
  )
  // Fixed when the form opens, so a field does not change shape while typed in.
  const [multiline] = useState(
    () =>
      new Set(
        rows.flatMap((row) => [
          ...(hasLineBreak(row.key) ? [`${row.id}.key`] : []),
          ...(hasLineBreak(row.text) ? [`${row.id}.text`] : []),
        ]),
      ),
  )
  const [errors, setErrors] = useState<MetadataFormErrors>({})
  const update = useUpdateConnectedAccount({ onUpdated })

  // The button that opened the form is gone: the focus starts in the form.
  useEffect(() => {
    formRef.current
      ?.querySelector<HTMLElement>('input, textarea, select, button')
      ?.focus()
  }, [])

  const change = (id: string, patch: Partial<MetadataRow>) => {
    setRows((current) =>
      current.map((row) => (row.id === id ? { ...row, ...patch } : row)),
    )
  }

  const focusFirstInvalid = () => {
    requestAnimationFrame(() => {
      formRef.current
        ?.querySelector<HTMLElement>('[aria-invalid="true"]')
        ?.focus()
    })
  }

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (update.isPending) return
    const found = validateMetadataRows(rows)
    setErrors(found)
    const count = Object.keys(found).length
    if (count > 0) {
      announce(
        `Metadata not saved: ${count === 1 ? 'one field needs' : `${count} fields need`} fixing.`,
      )
      focusFirstInvalid()
      return
    }
    const previous = account.custom_metadata
    announce('Saving metadata…')
    update.mutate(
      {
        connected_account_id: account.connected_account_id,
        custom_metadata: metadataFromRows(rows),
      },
      {
        onSuccess: () => {
          onDone(previous)
        },
        onError: (error) => {
          const mapped = metadataServerErrors(error.fieldErrors, rows)
          if (Object.keys(mapped).length === 0)
            mapped[FORM_ERROR] = error.message
          setErrors(mapped)
          announce(`Metadata not saved: ${Object.values(mapped).join(' ')}`)
          focusFirstInvalid()
        },
      },
    )
  }

  const formError = errors[FORM_ERROR]
  const formErrorId = `${formId}-error`
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={submit}
      aria-label="Edit custom metadata"
    >
      <p className="mb-3 rounded-lg bg-brand-50 px-3 py-2 text-xs text-brand-800 dark:bg-brand-400/10 dark:text-brand-200">
        Saving replaces the account’s whole custom metadata with the pairs
        below: a pair removed here is removed from the account. Up to{' '}
        {METADATA_MAX_KEYS} pairs; keys up to 40 characters, text values up to
        500.
      </p>
      {rows.length === 0 ? (
        <p className="py-2 text-[13px] text-zinc-500 dark:text-zinc-400">
          No pairs. Saving now removes all custom metadata.
        </p>
      ) : (
        <ul className="space-y-3">
          <li
            aria-hidden="true"
            className="grid grid-cols-[minmax(0,2fr)_6.5rem_minmax(0,3fr)_2rem] gap-2 text-xs font-medium text-zinc-500 max-sm:hidden dark:text-zinc-400"
          >
            <span>Key</span>
            <span>Type</span>
            <span>Value</span>
          </li>
          {rows.map((row, index) => {
            const n = index + 1
            const keyError = errors[`${row.id}.key`]
            const textError = errors[`${row.id}.text`]
            const keyErrorId = `${formId}-${row.id}-key-error`
            const textErrorId = `${formId}-${row.id}-text-error`
            return (
              <li
                key={row.id}
                className="grid grid-cols-[minmax(0,1fr)_6.5rem_2rem] gap-2 sm:grid-cols-[minmax(0,2fr)_6.5rem_minmax(0,3fr)_2rem]"
              >
                <div className="min-w-0">
                  <TextField
                    multiline={multiline.has(`${row.id}.key`)}
                    aria-label={`Key ${n}`}
                    value={row.key}
                    spellCheck={false}
                    className="font-mono text-xs"
                    aria-invalid={keyError ? true : undefined}
                    aria-describedby={keyError ? keyErrorId : undefined}
                    onValue={(key) => {
                      change(row.id, { key })
                    }}
                  />
                  {keyError ? (
                    <FieldError id={keyErrorId}>{keyError}</FieldError>
                  ) : null}
                </div>
                <select
                  aria-label={`Type of value ${n}`}
                  value={row.type}
                  onChange={(event) => {
                    change(row.id, {
                      type:
                        event.target.value === 'boolean' ? 'boolean' : 'string',
                    })
                  }}
                  className="h-8 rounded-md bg-white px-2 text-[13px] shadow-xs ring-1 ring-zinc-950/10 ring-inset focus:ring-2 focus:ring-brand-500 focus:outline-none dark:bg-zinc-900 dark:ring-white/10"
                >
                  <option value="string">Text</option>
                  <option value="boolean">Boolean</option>
                </select>
                <div className="col-span-3 min-w-0 max-sm:row-start-2 sm:col-span-1">
                  {row.type === 'boolean' ? (
                    <label className="inline-flex h-8 items-center gap-2 text-[13px]">
                      <input
                        type="checkbox"
                        checked={row.flag}
                        aria-label={`Value ${n}`}
                        onChange={(event) => {
                          change(row.id, { flag: event.target.checked })
                        }}
                        className="size-4 accent-brand-600"
                      />
                      <span aria-hidden="true" className="font-mono text-xs">
                        {String(row.flag)}
                      </span>
                    </label>
                  ) : (
                    <TextField
                      multiline={multiline.has(`${row.id}.text`)}
                      aria-label={`Value ${n}`}
                      value={row.text}
                      aria-invalid={textError ? true : undefined}
                      aria-describedby={textError ? textErrorId : undefined}
                      onValue={(text) => {
                        change(row.id, { text })
                      }}
                    />
                  )}
                  {textError ? (
                    <FieldError id={textErrorId}>{textError}</FieldError>
                  ) : null}
                </div>
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove pair ${n}`}
                  title="Remove pair"
                  className="max-sm:col-start-3 max-sm:row-start-1"
                  onClick={() => {
                    setRows((current) => current.filter((r) => r.id !== row.id))
                    announce(`Removed pair ${n}.`)
                  }}
                >
                  <CloseIcon className="size-3.5" />
                </Button>
              </li>
            )
          })}
        </ul>
      )}
      {formError ? (
        <div
          role="alert"
          id={formErrorId}
          className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-xs text-red-800 dark:bg-red-500/10 dark:text-red-200"
        >
          {formError}
        </div>
      ) : null}
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <Button
          onClick={() => {
            const id = newRowId()
            setRows((current) => [
              ...current,
              { id, key: '', type: 'string', text: '', flag: false },
            ])
            requestAnimationFrame(() => {
              formRef.current
                ?.querySelector<HTMLInputElement>(
                  `li:last-of-type input[aria-label^="Key"]`,
                )
                ?.focus()
            })
          }}
        >
          <PlusIcon className="size-3.5" />
          Add pair
        </Button>
        <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {rows.length} of {METADATA_MAX_KEYS} pairs
        </span>
        <div className="ml-auto flex gap-2">
          <Button
            variant="ghost"
            disabled={update.isPending}
            onClick={() => {
              onDone(null)
            }}
          >
            Cancel
          </Button>
          <Button
            type="submit"
            variant="primary"
            aria-disabled={update.isPending}
            aria-describedby={formError ? formErrorId : undefined}
          >
            {update.isPending ? 'Saving…' : 'Save metadata'}
          </Button>
        </div>
      </div>
    </form>
  )
}

export function MetadataEditor({
  account,
  permission,
  onUpdated,
}: {
  account: ConnectedAccount
  /** Editing; undefined allows it. */
  permission?: Permission | undefined
  onUpdated?: OnAccountUpdated | undefined
}) {
  const [editingState, setEditing] = useState(false)
  const editing = editingState && permission?.allowed !== false
  const [saved, setSaved] = useState<Saved | null>(null)
  const editButtonRef = useRef<HTMLButtonElement>(null)
  const undoRef = useRef<HTMLButtonElement>(null)
  const undo = useUpdateConnectedAccount({ onUpdated })
  const [undoError, setUndoError] = useState<string | null>(null)

  return (
    <DetailSection
      title="Custom metadata"
      description="Your own key/value pairs for this account."
      actions={
        editing ? null : (
          <GuardedButton
            ref={editButtonRef}
            permission={permission}
            size="sm"
            onClick={() => {
              setSaved(null)
              setUndoError(null)
              setEditing(true)
            }}
          >
            <PencilIcon className="size-3.5" />
            Edit metadata
          </GuardedButton>
        )
      }
    >
      {editing ? (
        <MetadataForm
          account={account}
          onUpdated={onUpdated}
          onDone={(previous) => {
            setEditing(false)
            if (previous) {
              setSaved({ previous, undone: false })
              announce('Metadata saved. Undo is available.')
              requestAnimationFrame(() => undoRef.current?.focus())
            } else {
              requestAnimationFrame(() => editButtonRef.current?.focus())
            }
          }}
        />
      ) : (
        <>
          {saved ? (
            <div
              role="status"
              className="mb-3 flex flex-wrap items-center gap-2 rounded-lg bg-emerald-50 px-3 py-2 text-[13px] text-emerald-800 dark:bg-emerald-400/10 dark:text-emerald-200"
            >
              <CheckCircleIcon className="size-4 shrink-0" />
              <span className="flex-1">
                {saved.undone
                  ? 'Previous metadata restored.'
                  : 'Metadata saved.'}
              </span>
              {saved.undone ? null : (
                <GuardedButton
                  ref={undoRef}
                  permission={permission}
                  size="sm"
                  disabled={undo.isPending}
                  onClick={() => {
                    setUndoError(null)
                    announce('Restoring the previous metadata…')
                    undo.mutate(
                      {
                        connected_account_id: account.connected_account_id,
                        custom_metadata: saved.previous,
                      },
                      {
                        onSuccess: () => {
                          setSaved({ ...saved, undone: true })
                          announce('Previous metadata restored.')
                          // Undo is gone with the change it undid.
                          requestAnimationFrame(() =>
                            editButtonRef.current?.focus(),
                          )
                        },
                        onError: (error) => {
                          setUndoError(error.message)
                          announce(`Couldn’t undo: ${error.message}`)
                        },
                      },
                    )
                  }}
                >
                  <UndoIcon className="size-3.5" />
                  {undo.isPending ? 'Undoing…' : 'Undo'}
                </GuardedButton>
              )}
            </div>
          ) : null}
          {undoError ? (
            <p
              role="alert"
              className={cn('mb-3 text-xs text-red-700 dark:text-red-300')}
            >
              Couldn’t undo: {undoError}
            </p>
          ) : null}
          <MetadataTable metadata={account.custom_metadata} />
        </>
      )}
    </DetailSection>
  )
}
