import {
  type ColumnDef,
  getCoreRowModel,
  useReactTable,
} from '@tanstack/react-table'
import { type ReactNode, useMemo } from 'react'
import { Link, type To } from 'react-router'

import type { AuditRecord } from '../../../../server/audit/model'
import { CopyButton } from '../../../components/ui/copy-button'
import { DataTable } from '../../../components/ui/data-table'
import { RelativeTime } from '../../../components/ui/relative-time'
import { formatDateTime } from '../../../lib/format'
import { ACTION_LABELS, describeOrigin } from '../lib/summary'
import { ChangeList } from './change-list'
import { OutcomeBadge } from './outcome-badge'

/** Where an account's ID leads; the app decides, since only it knows its URLs. */
export type AuditAccountLink = (connectedAccountId: string) => To

const cellBase =
  'border-b border-zinc-100 px-2.5 py-2.5 align-top text-[13px] dark:border-zinc-800/70'
const headBase =
  'h-9 bg-zinc-50 px-2.5 shadow-[inset_0_-1px_0_var(--color-zinc-200)] dark:bg-zinc-900 dark:shadow-[inset_0_-1px_0_var(--color-zinc-800)]'
const muted = 'text-xs text-zinc-500 dark:text-zinc-400'

function Missing({ label }: { label: string }) {
  return (
    <span className="text-zinc-500 dark:text-zinc-400">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{label}</span>
    </span>
  )
}

function createAuditColumns(
  accountLink: AuditAccountLink,
): ColumnDef<AuditRecord>[] {
  const column = (
    id: string,
    header: string,
    widthClassName: string,
    cell: (record: AuditRecord) => ReactNode,
    first = false,
  ): ColumnDef<AuditRecord> => ({
    id,
    header,
    cell: ({ row }) => cell(row.original),
    meta: {
      widthClassName,
      headerClassName: `${headBase} ${first ? 'pl-4' : ''}`,
      cellClassName: `${cellBase} ${first ? 'pl-4' : ''}`,
    },
  })
  return [
    column(
      'time',
      'Time',
      'w-[10rem]',
      (record) => (
        <>
          <RelativeTime date={record.created_at} />
          <span className={`block ${muted}`}>
            {formatDateTime(record.created_at)}
          </span>
        </>
      ),
      true,
    ),
    column('actor', 'Actor', 'w-[13rem]', (record) => (
      <>
        <span className="block truncate" title={record.actor.id}>
          <bdi>{record.actor.name}</bdi>
        </span>
        {record.actor.email !== null &&
        record.actor.email !== record.actor.name ? (
          <span className={`block truncate ${muted}`}>
            <bdi>{record.actor.email}</bdi>
          </span>
        ) : null}
        <span className={`block truncate ${muted}`}>
          {record.role} · {describeOrigin(record)}
        </span>
      </>
    )),
    column('action', 'Action', 'w-[8.5rem]', (record) => (
      <span title={record.action}>{ACTION_LABELS[record.action]}</span>
    )),
    column('account', 'Account', 'w-[9rem]', (record) =>
      record.connected_account_id === null ? (
        <Missing label="No account" />
      ) : (
        <Link
          to={accountLink(record.connected_account_id)}
          title={record.connected_account_id}
          className="block truncate font-mono text-xs text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
        >
          {record.connected_account_id}
        </Link>
      ),
    ),
    column('changes', 'What changed', 'w-auto', (record) => (
      <ChangeList changes={record.changes} />
    )),
    column('outcome', 'Outcome', 'w-[12rem]', (record) => (
      <OutcomeBadge record={record} />
    )),
    column('request', 'Request ID', 'w-[8rem]', (record) => (
      <span className="flex min-w-0 items-center gap-0.5">
        <code
          title={record.request_id}
          className="min-w-0 truncate font-mono text-[11px] select-all"
        >
          {record.request_id}
        </code>
        <CopyButton value={record.request_id} label="request ID" />
      </span>
    )),
  ]
}

export interface AuditTableProps {
  records: readonly AuditRecord[]
  accountLink: AuditAccountLink
  loading: boolean
  busy: boolean
  skeletonRows: number
  fallback?: ReactNode
}

export function AuditTable({
  records,
  accountLink,
  loading,
  busy,
  skeletonRows,
  fallback,
}: AuditTableProps) {
  const columns = useMemo(() => createAuditColumns(accountLink), [accountLink])
  // TanStack Table keeps its own mutable state; the React Compiler cannot
  // memoize around it, and this component does not rely on it doing so.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: records as AuditRecord[],
    columns,
    getRowId: (record) => record.audit_id,
    getCoreRowModel: getCoreRowModel(),
  })
  return (
    <DataTable
      table={table}
      label="Audit log"
      loading={loading}
      busy={busy}
      skeletonRows={skeletonRows}
      fallback={fallback}
      className="overflow-x-auto"
      tableClassName="min-w-[72rem]"
      rowClassName="hover:bg-zinc-50 dark:hover:bg-zinc-900/70"
    />
  )
}
