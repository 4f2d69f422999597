export type ThemePreference = 'system' | 'light' | 'dark'

/** Where an explicit theme choice is kept; the page's boot script reads it too. */
export const THEME_STORAGE_KEY = 'seam-console:theme'
const listeners = new Set<() => void>()

function readStored(): ThemePreference {
  try {
    const value = window.localStorage.getItem(THEME_STORAGE_KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system'
  }
}

let current: ThemePreference | null = null

export function getThemePreference(): ThemePreference {
  current ??= readStored()
  return current
}

/**
 * The stylesheet follows the system by itself (no flash before this runs);
 * a class on <html> only records an explicit choice.
 */
export function applyTheme(preference: ThemePreference = getThemePreference()) {
  const root = document.documentElement
  root.classList.toggle('light', preference === 'light')
  root.classList.toggle('dark', preference === 'dark')
}

export function setThemePreference(preference: ThemePreference): void {
  current = preference
  try {
    if (preference === 'system')
      window.localStorage.removeItem(THEME_STORAGE_KEY)
    else window.localStorage.setItem(THEME_STORAGE_KEY, preference)
  } catch {
    // Private mode: the choice lasts until the tab closes.
  }
  applyTheme(preference)
  for (const listener of listeners) listener()
}

export function subscribeToTheme(listener: () => void): () => void {
  listeners.add(listener)
  // Another tab changed the choice.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY) return
    current = readStored()
    applyTheme(current)
    listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}
