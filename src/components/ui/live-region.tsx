import { useSyncExternalStore } from 'react'

import { getAnnouncement, subscribeToAnnouncements } from './announcer'

const empty = { id: 0, text: '' }

/**
 * The visually hidden region `announce()` writes into. Mounted once for the
 * whole app, so what a page announces is read even when it changes page.
 */
export function LiveRegion() {
  const announcement = useSyncExternalStore(
    subscribeToAnnouncements,
    getAnnouncement,
    () => empty,
  )
  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only">
      {/* A new node per announcement, so a repeated text is read again. */}
      <p key={announcement.id}>{announcement.text}</p>
    </div>
  )
}
