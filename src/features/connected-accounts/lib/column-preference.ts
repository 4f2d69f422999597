import { type AccountColumnId, HIDEABLE_COLUMN_IDS } from './column-ids'

const STORAGE_KEY = 'seam-console:accounts:hidden-columns'

/** The columns this browser hid last time; none when it never chose. */
export function readHiddenColumnsPreference(): AccountColumnId[] {
  try {
    const value: unknown = JSON.parse(
      window.localStorage.getItem(STORAGE_KEY) ?? '[]',
    )
    if (!Array.isArray(value)) return []
    return HIDEABLE_COLUMN_IDS.filter((id) => value.includes(id))
  } catch {
    return []
  }
}

export function writeHiddenColumnsPreference(
  hidden: readonly AccountColumnId[],
): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(hidden))
  } catch {
    // Storage off: the choice still holds through the URL.
  }
}
