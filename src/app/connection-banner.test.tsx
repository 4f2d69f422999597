// @vitest-environment jsdom
import { onlineManager } from '@tanstack/react-query'
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  BACK_ONLINE_MS,
  ConnectionBanner,
  createConnectionStore,
} from './connection-banner'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  onlineManager.setOnline(true)
})

describe('ConnectionBanner', () => {
  it('says nothing while online', () => {
    render(<ConnectionBanner />)
    expect(screen.getByRole('status')).toHaveProperty('textContent', '')
  })

  it('says the browser is offline, then back online, then goes away', () => {
    vi.useFakeTimers()
    render(<ConnectionBanner />)
    act(() => {
      onlineManager.setOnline(false)
    })
    expect(screen.getByRole('status').textContent).toMatch(
      /^You’re offline\. .*changes can’t be sent/,
    )
    act(() => {
      onlineManager.setOnline(true)
    })
    expect(screen.getByRole('status').textContent).toBe(
      'Back online. Loading the latest data.',
    )
    act(() => {
      vi.advanceTimersByTime(BACK_ONLINE_MS)
    })
    expect(screen.getByRole('status').textContent).toBe('')
  })

  it('follows the browser’s own online and offline events', () => {
    render(<ConnectionBanner />)
    act(() => {
      window.dispatchEvent(new Event('offline'))
    })
    expect(screen.getByRole('status').textContent).toMatch(/^You’re offline/)
    act(() => {
      window.dispatchEvent(new Event('online'))
    })
    expect(screen.getByRole('status').textContent).toMatch(/^Back online/)
  })
})

describe('createConnectionStore', () => {
  it('starts offline when the source is, and stops listening when unused', () => {
    let listener: ((online: boolean) => void) | null = null
    const source = {
      isOnline: () => false,
      subscribe: (next: (online: boolean) => void) => {
        listener = next
        return () => {
          listener = null
        }
      },
    }
    const store = createConnectionStore(source, 10)
    expect(store.getSnapshot()).toBe('offline')
    const unsubscribe = store.subscribe(() => undefined)
    expect(listener).not.toBeNull()
    unsubscribe()
    expect(listener).toBeNull()
  })

  it('shows "back online" only after an outage', () => {
    const changes: string[] = []
    let emit: (online: boolean) => void = () => undefined
    const store = createConnectionStore({
      isOnline: () => true,
      subscribe: (next) => {
        emit = next
        return () => undefined
      },
    })
    store.subscribe(() => changes.push(store.getSnapshot()))
    emit(true)
    expect(changes).toEqual([])
    emit(false)
    emit(true)
    expect(changes).toEqual(['offline', 'back-online'])
  })
})
