/**
 * One polite live region for the whole app: actions call `announce()` and
 * screen readers read the text once, even when the same text repeats.
 */
export interface Announcement {
  id: number
  text: string
}

let current: Announcement = { id: 0, text: '' }
const listeners = new Set<() => void>()

export function announce(text: string): void {
  current = { id: current.id + 1, text }
  for (const listener of listeners) listener()
}

export function subscribeToAnnouncements(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const getAnnouncement = (): Announcement => current
