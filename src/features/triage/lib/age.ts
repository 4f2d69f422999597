const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`

/** How long a problem has lasted: "3 days", "5 hours", "under a minute". */
export function formatAge(since: string | null, now: number): string {
  if (since === null) return ''
  const time = new Date(since).getTime()
  if (Number.isNaN(time)) return ''
  const age = Math.max(0, now - time)
  if (age >= DAY) return plural(Math.floor(age / DAY), 'day')
  if (age >= HOUR) return plural(Math.floor(age / HOUR), 'hour')
  if (age >= MINUTE) return plural(Math.floor(age / MINUTE), 'minute')
  return 'under a minute'
}
