import type { ConnectedAccount } from '@seamapi/types/connect'
import { useEffect, useRef } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'

import { Button, buttonClassName } from '../../components/ui/button'
import { ChevronLeftIcon, ErrorIcon } from '../../components/ui/icons'
import { toast } from '../../components/ui/toast-store'
import { RecentChanges } from '../../features/audit/components/recent-changes'
import {
  defaultAuditView,
  serializeAuditView,
} from '../../features/audit/lib/view-state'
import { useConnectedAccount } from '../../features/connected-accounts/api/get-connected-account'
import {
  AccountDetail,
  AccountDetailSkeleton,
} from '../../features/connected-accounts/components/account-detail'
import { isApiError } from '../../lib/api-error'
import { useEmbedding } from '../embedding'
import { paths as standalonePaths, usePaths } from '../paths'
import { usePagePermissions } from '../use-page-permissions'
import type { AccountLinkState } from './accounts'

/** The audit log showing only this account's records. */
function auditLogFor(connectedAccountId: string) {
  return {
    pathname: standalonePaths.audit,
    search: `?${serializeAuditView({
      ...defaultAuditView,
      account: connectedAccountId,
    }).toString()}`,
  }
}

function isNotFound(error: Error): boolean {
  if (!isApiError(error)) return false
  return (
    error.status === 404 ||
    // Not a UUID: no account can have this ID.
    (error.type === 'invalid_input' &&
      'connected_account_id' in error.fieldErrors)
  )
}

function listSearchFrom(state: unknown): string {
  const search = (state as Partial<AccountLinkState> | null)?.listSearch
  return typeof search === 'string' && search.startsWith('?') ? search : ''
}

/** Tells `onShown` about each account this page shows, once per account. */
function useReportShown(
  account: ConnectedAccount | undefined,
  onShown: ((account: ConnectedAccount) => void) | undefined,
) {
  const reported = useRef<string | null>(null)
  useEffect(() => {
    if (!account || !onShown) return
    if (reported.current === account.connected_account_id) return
    reported.current = account.connected_account_id
    onShown(account)
  }, [account, onShown])
}

export function AccountDetailRoute() {
  const { connected_account_id = '' } = useParams()
  const location = useLocation()
  const navigate = useNavigate()
  const paths = usePaths()
  const embedding = useEmbedding()
  const permissions = usePagePermissions()
  const { data, error, isPending, isFetching, refetch } = useConnectedAccount({
    connected_account_id,
  })
  const backTo = `${paths.accounts}${listSearchFrom(location.state)}`
  useReportShown(data, embedding?.onAccountShown)

  return (
    <div className="mx-auto max-w-6xl">
      <title>
        {data
          ? `${data.display_name} · Seam Accounts Console`
          : 'Account · Seam Accounts Console'}
      </title>
      <Link
        to={backTo}
        className={buttonClassName({
          variant: 'ghost',
          size: 'sm',
          className: '-ml-2 mb-3',
        })}
      >
        <ChevronLeftIcon className="size-3.5" />
        All accounts
      </Link>
      {data ? (
        <AccountDetail
          account={data}
          permissions={permissions.account}
          onUpdated={embedding?.onAccountUpdated}
          recentChanges={
            <RecentChanges
              connectedAccountId={data.connected_account_id}
              allChangesLink={
                permissions.canReadAuditLog
                  ? auditLogFor(data.connected_account_id)
                  : undefined
              }
            />
          }
          onDeleted={(account) => {
            embedding?.onAccountDeleted(account)
            toast({
              tone: 'info',
              title: 'Account deleted',
              description: `“${account.display_name}” was removed from this workspace.`,
            })
            void navigate(backTo, { replace: true })
          }}
        />
      ) : isPending ? (
        <div aria-busy="true" aria-label="Loading account">
          <AccountDetailSkeleton />
        </div>
      ) : isNotFound(error) ? (
        <div className="mx-auto max-w-md py-16 text-center">
          <title>Account not found · Seam Accounts Console</title>
          <h1 className="text-lg font-semibold tracking-tight">
            Account not found
          </h1>
          <p className="mt-1 text-[13px] break-words text-zinc-500 [overflow-wrap:anywhere] dark:text-zinc-400">
            No connected account has the ID{' '}
            <code className="font-mono text-xs">{connected_account_id}</code>.
            It may have been deleted, or the link is incomplete.
          </p>
          <Link
            to={paths.accounts}
            className={buttonClassName({ className: 'mt-4' })}
          >
            Back to the accounts list
          </Link>
        </div>
      ) : (
        <div role="alert" className="mx-auto max-w-md py-16 text-center">
          <h1 className="flex items-center justify-center gap-2 text-lg font-semibold tracking-tight">
            <ErrorIcon className="size-4 text-red-600 dark:text-red-400" />
            Couldn’t load this account
          </h1>
          <p className="mt-1 text-[13px] break-words text-zinc-600 dark:text-zinc-300">
            {error.message}
          </p>
          {isApiError(error) && error.requestId ? (
            <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
              Request ID{' '}
              <code className="font-mono select-all">{error.requestId}</code>
            </p>
          ) : null}
          <Button
            className="mt-4"
            disabled={isFetching}
            onClick={() => void refetch()}
          >
            {isFetching ? 'Retrying…' : 'Retry'}
          </Button>
        </div>
      )}
    </div>
  )
}

/** For the router's `lazy`: the detail page and its forms load on demand. */
export const Component = AccountDetailRoute
