import { useSyncExternalStore } from 'react'

import { cn } from '../../lib/cn'
import {
  getThemePreference,
  setThemePreference,
  subscribeToTheme,
  type ThemePreference,
} from '../../lib/theme'
import { MonitorIcon, MoonIcon, SunIcon } from './icons'

const options: {
  value: ThemePreference
  label: string
  Icon: typeof SunIcon
}[] = [
  { value: 'system', label: 'System theme', Icon: MonitorIcon },
  { value: 'light', label: 'Light theme', Icon: SunIcon },
  { value: 'dark', label: 'Dark theme', Icon: MoonIcon },
]

export function ThemeToggle() {
  const preference = useSyncExternalStore(
    subscribeToTheme,
    getThemePreference,
    () => 'system' as const,
  )
  return (
    <div
      role="group"
      aria-label="Theme"
      className="inline-flex items-center gap-0.5 rounded-lg p-0.5 ring-1 ring-zinc-950/10 ring-inset dark:ring-white/10"
    >
      {options.map(({ value, label, Icon }) => (
        <button
          key={value}
          type="button"
          aria-label={label}
          title={label}
          aria-pressed={preference === value}
          onClick={() => {
            setThemePreference(value)
          }}
          className={cn(
            'inline-flex size-6 items-center justify-center rounded-md transition-colors',
            preference === value
              ? 'bg-zinc-100 text-zinc-900 shadow-xs dark:bg-zinc-800 dark:text-zinc-100'
              : 'text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
          )}
        >
          <Icon className="size-3.5" />
        </button>
      ))}
    </div>
  )
}
