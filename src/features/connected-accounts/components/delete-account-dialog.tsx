import type { ConnectedAccount } from '@seamapi/types/connect'
import { type SubmitEvent, useEffect, useId, useRef, useState } from 'react'

import { announce } from '../../../components/ui/announcer'
import { Button } from '../../../components/ui/button'
import { Dialog } from '../../../components/ui/dialog'
import { Input, Label } from '../../../components/ui/input'
import type { ApiError } from '../../../lib/api-error'
import { useDeleteConnectedAccount } from '../api/delete-connected-account'

/** The typed text confirms when it is the display name or the ID exactly. */
export function confirmsDeletion(
  typed: string,
  account: Pick<ConnectedAccount, 'display_name' | 'connected_account_id'>,
): boolean {
  const text = typed.trim()
  if (text === '') return false
  return (
    text === account.display_name.trim() ||
    text.toLowerCase() === account.connected_account_id.toLowerCase()
  )
}

/** Without an answer the delete may have happened: the text says so. */
export function deleteFailurePrefix(error: ApiError): string {
  return error.mayHaveApplied
    ? 'No answer came back, so the account may or may not be deleted. Reload to check before trying again:'
    : 'The account was not deleted:'
}

export function DeleteAccountDialog({
  account,
  open,
  onClose,
  onDeleted,
}: {
  account: ConnectedAccount
  open: boolean
  onClose: () => void
  onDeleted: (account: ConnectedAccount) => void
}) {
  const inputId = useId()
  const hintId = useId()
  const [typed, setTyped] = useState('')
  const remove = useDeleteConnectedAccount()
  const confirmed = confirmsDeletion(typed, account)
  const inputRef = useRef<HTMLInputElement>(null)

  // After the dialog's own effect has opened it (child effects run first):
  // the field to type in, not the close button, gets the focus.
  useEffect(() => {
    if (open) inputRef.current?.focus()
  }, [open])

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (!confirmed || remove.isPending) return
    announce('Deleting the account…')
    remove.mutate(
      { connected_account_id: account.connected_account_id },
      {
        onSuccess: () => {
          onDeleted(account)
        },
        onError: (error) => {
          announce(`${deleteFailurePrefix(error)} ${error.message}`)
        },
      },
    )
  }

  return (
    <Dialog
      open={open}
      onClose={() => {
        if (remove.isPending) return
        setTyped('')
        remove.reset()
        onClose()
      }}
      title="Delete this connected account?"
    >
      <form onSubmit={submit} noValidate>
        <ul className="list-disc space-y-1 pl-4 text-[13px] text-zinc-600 dark:text-zinc-300">
          <li>
            Seam removes the account and its devices, access codes and events
            from this workspace.
          </li>
          <li>
            Nothing changes at the provider: the locks, codes and the owner’s
            account there stay as they are.
          </li>
          <li>
            This cannot be undone. Reconnecting needs a new Connect Webview.
          </li>
        </ul>
        <div className="mt-4">
          <Label htmlFor={inputId}>
            Type the display name or the account ID to confirm
          </Label>
          <p
            id={hintId}
            className="mt-0.5 text-xs break-words text-zinc-500 [overflow-wrap:anywhere] dark:text-zinc-400"
          >
            <bdi className="font-medium text-zinc-700 dark:text-zinc-200">
              {account.display_name}
            </bdi>{' '}
            or{' '}
            <code className="font-mono text-[11px] select-all">
              {account.connected_account_id}
            </code>
          </p>
          <Input
            ref={inputRef}
            id={inputId}
            className="mt-1.5"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={hintId}
            onChange={(event) => {
              setTyped(event.target.value)
            }}
          />
        </div>
        {remove.error ? (
          <p
            role="alert"
            className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-xs text-red-800 dark:bg-red-500/10 dark:text-red-200"
          >
            {deleteFailurePrefix(remove.error)} {remove.error.message}
          </p>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <Button
            variant="ghost"
            disabled={remove.isPending}
            onClick={() => {
              setTyped('')
              remove.reset()
              onClose()
            }}
          >
            Cancel
          </Button>
          <Button
            type="submit"
            disabled={!confirmed || remove.isPending}
            className="bg-red-600 text-white ring-0 hover:bg-red-700 dark:bg-red-600 dark:text-white dark:hover:bg-red-500"
          >
            {remove.isPending ? 'Deleting…' : 'Delete account'}
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
