import { formatMetadataPair } from './metadata-filter'
import type { AccountsQuery } from './url-state'

/** Each active search or filter in words, for the empty state. */
export function describeQuery(query: AccountsQuery): string[] {
  const parts: string[] = []
  if (query.search) parts.push(`search “${query.search}”`)
  if (query.customerKey) parts.push(`customer key “${query.customerKey}”`)
  if (query.customerIds.length === 1) {
    parts.push(`customer ID ${query.customerIds.join('')}`)
  } else if (query.customerIds.length > 1) {
    parts.push(`${query.customerIds.length} customer IDs`)
  }
  if (query.userIdentifierKey) {
    parts.push(`user identifier key “${query.userIdentifierKey}”`)
  }
  for (const pair of query.metadata) {
    parts.push(`metadata ${formatMetadataPair(pair)}`)
  }
  return parts
}

/** "a", "a and b", "a, b and c". */
export function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`
}
