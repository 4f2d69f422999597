import { describe, expect, it } from 'vitest'

import {
  cursorForPage,
  type CursorStorage,
  rememberCursor,
} from '../../../lib/cursor-stack'
import { cursorStackKey } from './cursor-stack'
import { defaultViewState } from './url-state'

function memoryStorage(): CursorStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, value)
    },
  }
}

describe('cursor stack', () => {
  const key = cursorStackKey(defaultViewState)

  it('answers null for the first page and undefined for an unseen page', () => {
    const storage = memoryStorage()
    expect(cursorForPage(key, 1, storage)).toBeNull()
    expect(cursorForPage(key, 2, storage)).toBeUndefined()
  })

  it('remembers the cursor of each page of a query', () => {
    const storage = memoryStorage()
    rememberCursor(key, 2, 'c2', storage)
    rememberCursor(key, 3, 'c3', storage)
    expect(cursorForPage(key, 2, storage)).toBe('c2')
    expect(cursorForPage(key, 3, storage)).toBe('c3')
  })

  it('keeps the stacks of different queries and page sizes apart', () => {
    const storage = memoryStorage()
    const other = cursorStackKey({ ...defaultViewState, search: 'gmail' })
    const bigger = cursorStackKey({ ...defaultViewState, pageSize: 50 })
    expect(new Set([key, other, bigger]).size).toBe(3)
    rememberCursor(key, 2, 'a', storage)
    rememberCursor(other, 2, 'b', storage)
    expect(cursorForPage(key, 2, storage)).toBe('a')
    expect(cursorForPage(other, 2, storage)).toBe('b')
    expect(cursorForPage(bigger, 2, storage)).toBeUndefined()
  })

  it('does not care about the order filters were added in', () => {
    const a = cursorStackKey({
      ...defaultViewState,
      metadata: [
        { key: 'a', value: '1' },
        { key: 'b', value: true },
      ],
    })
    const b = cursorStackKey({
      ...defaultViewState,
      metadata: [
        { key: 'b', value: true },
        { key: 'a', value: '1' },
      ],
    })
    expect(a).toBe(b)
  })

  it('forgets the oldest queries first', () => {
    const storage = memoryStorage()
    for (let i = 0; i < 40; i++) rememberCursor(`q${i}`, 2, `c${i}`, storage)
    expect(cursorForPage('q0', 2, storage)).toBeUndefined()
    expect(cursorForPage('q39', 2, storage)).toBe('c39')
  })

  it('survives corrupt storage and missing storage', () => {
    const storage = memoryStorage()
    storage.data.set('seam-console:accounts:cursors', '{not json')
    expect(cursorForPage(key, 2, storage)).toBeUndefined()
    rememberCursor(key, 2, 'c2', storage)
    expect(cursorForPage(key, 2, storage)).toBe('c2')
    expect(cursorForPage(key, 2, null)).toBeUndefined()
    expect(() => {
      rememberCursor(key, 2, 'c2', null)
    }).not.toThrow()
  })
})
