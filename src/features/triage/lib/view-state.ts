import type { TriageAccount } from './types'

/** Everything the triage page lets the reader narrow, as in the URL. */
export interface TriageView {
  code: string | null
  customer: string | null
  provider: string | null
  q: string
}

const param = (params: URLSearchParams, name: string): string | null => {
  const value = params.get(name)?.trim()
  return value ? value : null
}

export function parseTriageView(params: URLSearchParams): TriageView {
  return {
    code: param(params, 'code'),
    customer: param(params, 'customer'),
    provider: param(params, 'provider'),
    q: params.get('q') ?? '',
  }
}

/** Only what is set, in a stable order, so links stay short and equal. */
export function serializeTriageView(view: TriageView): URLSearchParams {
  const params = new URLSearchParams()
  if (view.code) params.set('code', view.code)
  if (view.customer) params.set('customer', view.customer)
  if (view.provider) params.set('provider', view.provider)
  if (view.q.trim() !== '') params.set('q', view.q)
  return params
}

export function hasTriageFilters(view: TriageView): boolean {
  return (
    view.code !== null ||
    view.customer !== null ||
    view.provider !== null ||
    view.q.trim() !== ''
  )
}

export function hasCode(account: TriageAccount, code: string): boolean {
  return (
    account.errors.some((e) => e.error_code === code) ||
    account.warnings.some((w) => w.warning_code === code)
  )
}

function matchesSearch(account: TriageAccount, needle: string): boolean {
  const haystack = [
    account.display_name,
    account.connected_account_id,
    account.customer_key ?? '',
    ...Object.values(account.custom_metadata).map(String),
  ]
  return haystack.some((value) => value.toLowerCase().includes(needle))
}

/** Keeps the server's order (severity, then oldest problem first). */
export function filterQueue(
  queue: readonly TriageAccount[],
  view: TriageView,
): TriageAccount[] {
  const needle = view.q.trim().toLowerCase()
  return queue.filter(
    (account) =>
      (view.code === null || hasCode(account, view.code)) &&
      (view.customer === null || account.customer_key === view.customer) &&
      (view.provider === null || account.account_type === view.provider) &&
      (needle === '' || matchesSearch(account, needle)),
  )
}

export interface Option {
  value: string
  label: string
}

const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label)

export function customerOptions(queue: readonly TriageAccount[]): Option[] {
  const keys = new Set<string>()
  for (const account of queue) {
    if (account.customer_key) keys.add(account.customer_key)
  }
  return [...keys].map((key) => ({ value: key, label: key })).sort(byLabel)
}

export function providerOptions(queue: readonly TriageAccount[]): Option[] {
  const names = new Map<string, string>()
  for (const account of queue) {
    names.set(
      account.account_type,
      account.account_type_display_name || account.account_type,
    )
  }
  return [...names].map(([value, label]) => ({ value, label })).sort(byLabel)
}
