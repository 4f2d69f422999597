export type ToastTone = 'error' | 'info'

export interface ToastItem {
  id: number
  tone: ToastTone
  title: string
  description?: string
}

const DISMISS_AFTER_MS = 8_000
const MAX_VISIBLE = 3

let toasts: readonly ToastItem[] = []
let nextId = 1
const listeners = new Set<() => void>()

function emit(next: readonly ToastItem[]) {
  toasts = next
  for (const listener of listeners) listener()
}

export function dismissToast(id: number): void {
  emit(toasts.filter((t) => t.id !== id))
}

/** Shows a toast, unless the same one is already on screen. */
export function toast(item: Omit<ToastItem, 'id'>): void {
  const duplicate = toasts.some(
    (t) => t.title === item.title && t.description === item.description,
  )
  if (duplicate) return
  const id = nextId++
  emit([...toasts, { ...item, id }].slice(-MAX_VISIBLE))
  setTimeout(() => {
    dismissToast(id)
  }, DISMISS_AFTER_MS)
}

export function subscribeToToasts(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const getToasts = (): readonly ToastItem[] => toasts
