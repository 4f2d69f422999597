export type MetadataValue = string | boolean

/** One `custom_metadata_has` condition. */
export interface MetadataPair {
  key: string
  value: MetadataValue
}

/** Seam's limits on custom metadata. */
export const METADATA_KEY_MAX = 40
export const METADATA_VALUE_MAX = 500

export type MetadataParseResult =
  { ok: true; pair: MetadataPair } | { ok: false; error: string }

/**
 * Parses `key=value` (spaces around either side ignored). The first `=`
 * splits, so values may contain `=`. `true` and `false` become booleans, since
 * Seam stores booleans and `custom_metadata_has` compares by type.
 */
export function parseMetadataPair(input: string): MetadataParseResult {
  const separator = input.indexOf('=')
  if (separator === -1) {
    return { ok: false, error: 'Write the condition as key=value.' }
  }
  const key = input.slice(0, separator).trim()
  const raw = input.slice(separator + 1).trim()
  if (key === '') return { ok: false, error: 'The key before = is empty.' }
  if (key.length > METADATA_KEY_MAX) {
    return {
      ok: false,
      error: `Keys are at most ${METADATA_KEY_MAX} characters.`,
    }
  }
  if (raw.length > METADATA_VALUE_MAX) {
    return {
      ok: false,
      error: `Values are at most ${METADATA_VALUE_MAX} characters.`,
    }
  }
  const value = raw === 'true' ? true : raw === 'false' ? false : raw
  return { ok: true, pair: { key, value } }
}

export function formatMetadataPair({ key, value }: MetadataPair): string {
  return `${key}=${String(value)}`
}

/** Adds a condition, replacing any earlier one on the same key. */
export function withMetadataPair(
  pairs: readonly MetadataPair[],
  pair: MetadataPair,
): MetadataPair[] {
  const index = pairs.findIndex((p) => p.key === pair.key)
  if (index === -1) return [...pairs, pair]
  return pairs.map((p, i) => (i === index ? pair : p))
}

/** `Object.fromEntries` defines own properties, so even `__proto__` is kept. */
export function toCustomMetadataHas(
  pairs: readonly MetadataPair[],
): Record<string, MetadataValue> {
  return Object.fromEntries(pairs.map(({ key, value }) => [key, value]))
}
