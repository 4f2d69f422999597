/**
 * C0 and C1 controls (tab and newlines included), DEL, and the Unicode
 * marks that reorder or hide text: bidi embeddings, overrides and isolates,
 * directional marks, and line and paragraph separators. Each one becomes
 * U+FFFD, so a reader sees that something was there.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu

/** Halves of a surrogate pair without their other half: not valid UTF-8. */
const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export const REPLACEMENT = '\ufffd'

/** What a stored string is cut to: identifiers, values, and error types. */
export const MAX_LENGTH = {
  id: 256,
  value: 1_024,
  type: 128,
} as const

/** Depth of nested values kept in `changes`; deeper ones are summarised. */
const MAX_DEPTH = 6

export interface Sanitizer {
  /** Set once any value was cut to fit. */
  truncated: boolean
  text(value: string, max?: number): string
  /** A JSON value with every string, and every object key, made safe. */
  value(value: unknown, depth?: number): unknown
}

/**
 * Characters are counted as code points, so a cut never splits a surrogate
 * pair; what was cut is said in the value itself.
 */
function cut(value: string, max: number): string | null {
  const chars = Array.from(value)
  if (chars.length <= max) return null
  const removed = chars.length - max
  return `${chars.slice(0, max).join('')}…[+${removed} characters]`
}

export function createSanitizer(): Sanitizer {
  const sanitizer: Sanitizer = {
    truncated: false,
    text(value, max = MAX_LENGTH.value) {
      const safe = value
        .replace(LONE_SURROGATE, REPLACEMENT)
        .replace(UNSAFE, REPLACEMENT)
      const short = cut(safe, max)
      if (short === null) return safe
      sanitizer.truncated = true
      return short
    },
    value(value, depth = 0) {
      if (typeof value === 'string') return sanitizer.text(value)
      if (
        value === null ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value))
      ) {
        return value
      }
      if (typeof value !== 'object') return null
      if (depth >= MAX_DEPTH) {
        sanitizer.truncated = true
        return '…[nested value left out]'
      }
      if (Array.isArray(value)) {
        return value.map((item) => sanitizer.value(item, depth + 1))
      }
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          sanitizer.text(key, MAX_LENGTH.id),
          sanitizer.value(item, depth + 1),
        ]),
      )
    },
  }
  return sanitizer
}

/** One string made safe, for callers that do not track truncation. */
export const sanitizeText = (value: string, max?: number): string =>
  createSanitizer().text(value, max)
