import { useId } from 'react'

import {
  type DashboardStatus,
  useDashboardStatus,
} from '../api/get-dashboard-status'

const modeLabels: Record<DashboardStatus['mode'], string> = {
  sandbox: 'Sandbox',
  seam: 'Seam workspace',
}

const countFormat = new Intl.NumberFormat('en-US')

function StatusDetails({ status }: { status: DashboardStatus }) {
  const modeId = useId()
  const countId = useId()
  const count = status.connected_account_count

  return (
    <dl className="grid gap-6 sm:grid-cols-2">
      <div className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
        <dt id={modeId} className="text-sm font-medium text-slate-600">
          Mode
        </dt>
        <dd aria-labelledby={modeId} className="mt-2">
          <span className="inline-flex items-center gap-2 rounded-full bg-amber-50 px-3 py-1 text-sm font-semibold text-amber-900 ring-1 ring-amber-300 ring-inset">
            <span
              aria-hidden="true"
              className="size-2 rounded-full bg-amber-500"
            />
            {modeLabels[status.mode]}
          </span>
        </dd>
      </div>
      <div className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
        <dt id={countId} className="text-sm font-medium text-slate-600">
          Connected accounts
        </dt>
        <dd
          aria-labelledby={countId}
          className="mt-1 text-3xl font-semibold text-slate-900 tabular-nums"
        >
          {count === null ? 'Not counted' : countFormat.format(count)}
        </dd>
      </div>
    </dl>
  )
}

function StatusBody() {
  const { data, error, isPending, isFetching, refetch } = useDashboardStatus()

  if (isPending) {
    return (
      <p role="status" className="flex items-center gap-3 text-slate-600">
        <span
          aria-hidden="true"
          className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600"
        />
        Loading workspace status…
      </p>
    )
  }

  if (error) {
    return (
      <div
        role="alert"
        className="rounded-xl bg-red-50 p-4 text-red-900 ring-1 ring-red-200 ring-inset"
      >
        <p className="font-semibold">Couldn’t load the workspace status.</p>
        <p className="mt-1 text-sm">{error.message}</p>
        <button
          type="button"
          onClick={() => void refetch()}
          disabled={isFetching}
          className="mt-3 rounded-lg bg-white px-3 py-1.5 text-sm font-semibold text-red-900 shadow-sm ring-1 ring-red-300 ring-inset hover:bg-red-100 disabled:cursor-wait disabled:opacity-60"
        >
          {isFetching ? 'Retrying…' : 'Try again'}
        </button>
      </div>
    )
  }

  return <StatusDetails status={data} />
}

export function StatusCard() {
  const headingId = useId()

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id={headingId} className="mb-4 text-lg font-semibold text-slate-900">
        Workspace status
      </h2>
      <StatusBody />
    </section>
  )
}
