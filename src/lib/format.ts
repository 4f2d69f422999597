const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })

const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
]

const toTime = (date: Date | string | number): number =>
  date instanceof Date ? date.getTime() : new Date(date).getTime()

/** "3 days ago", "in 2 hours", "just now"; an empty string for a bad date. */
export function formatRelativeTime(
  date: Date | string | number,
  now: number = Date.now(),
): string {
  const time = toTime(date)
  if (Number.isNaN(time)) return ''
  const diff = time - now
  const distance = Math.abs(diff)
  if (distance < MINUTE) return 'just now'
  for (const [unit, size] of units) {
    if (distance >= size) {
      return relativeFormat.format(Math.trunc(diff / size), unit)
    }
  }
  return 'just now'
}

/** Building a formatter is slow next to using one: a table has many dates. */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()

/** The exact moment, with the time zone, in the reader's locale. */
export function formatDateTime(
  date: Date | string | number,
  locale?: string,
  timeZone?: string,
): string {
  const time = toTime(date)
  if (Number.isNaN(time)) return ''
  const key = `${locale ?? ''}|${timeZone ?? ''}`
  let format = dateTimeFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'long',
      ...(timeZone === undefined ? {} : { timeZone }),
    })
    dateTimeFormats.set(key, format)
  }
  return format.format(time)
}

/** "just now", "12s ago", "4 min ago", "2 h ago": for "updated … ago". */
export function formatAge(milliseconds: number): string {
  const ms = Math.max(0, milliseconds)
  if (ms < 5 * SECOND) return 'just now'
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)}s ago`
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`
  return `${Math.floor(ms / HOUR)} h ago`
}

const numberFormat = new Intl.NumberFormat()

export function formatNumber(value: number): string {
  return numberFormat.format(value)
}
