// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { SEARCH_DEBOUNCE_MS, SearchBox } from './search-box'

/** The URL takes a moment to follow a search, as a router navigation does. */
const URL_LAG_MS = 50

/** Stands in for the URL: the box's searches become its value. */
function Harness({
  onSearch,
  external,
}: {
  onSearch: (value: string) => void
  external?: string
}) {
  const [value, setValue] = useState('')
  return (
    <>
      <SearchBox
        value={value}
        onSearch={(next) => {
          onSearch(next)
          setTimeout(() => {
            setValue(next)
          }, URL_LAG_MS)
        }}
      />
      <button
        type="button"
        onClick={() => {
          setValue(external ?? '')
        }}
      >
        navigate
      </button>
    </>
  )
}

const box = () => screen.getByRole<HTMLInputElement>('searchbox')
const type = (text: string) => {
  fireEvent.change(box(), { target: { value: text } })
}
const wait = (ms: number) => {
  act(() => {
    vi.advanceTimersByTime(ms)
  })
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('SearchBox', () => {
  it('searches once typing pauses, with the trimmed text', () => {
    const onSearch = vi.fn()
    render(<Harness onSearch={onSearch} />)
    type('m')
    wait(100)
    type('me')
    wait(100)
    type(' mei ')
    wait(SEARCH_DEBOUNCE_MS - 1)
    expect(onSearch).not.toHaveBeenCalled()
    wait(1)
    expect(onSearch).toHaveBeenCalledExactlyOnceWith('mei')
  })

  it('does not undo typing that continued while a search was sent', () => {
    const onSearch = vi.fn()
    render(<Harness onSearch={onSearch} />)
    type('mei')
    wait(SEARCH_DEBOUNCE_MS)
    type('mei.garcia')
    wait(URL_LAG_MS)
    // The URL now says "mei"; the box must keep what was typed since.
    expect(box().value).toBe('mei.garcia')
    wait(SEARCH_DEBOUNCE_MS)
    expect(onSearch).toHaveBeenLastCalledWith('mei.garcia')
    expect(box().value).toBe('mei.garcia')
  })

  it('shows a search changed elsewhere, such as back/forward', () => {
    const onSearch = vi.fn()
    render(<Harness onSearch={onSearch} external="from the url" />)
    type('typed')
    wait(SEARCH_DEBOUNCE_MS + URL_LAG_MS)
    fireEvent.click(screen.getByRole('button', { name: 'navigate' }))
    expect(box().value).toBe('from the url')
    wait(SEARCH_DEBOUNCE_MS * 2)
    expect(onSearch).toHaveBeenCalledTimes(1)
  })

  it('searches at once on Enter and clears on Escape', () => {
    const onSearch = vi.fn()
    render(<Harness onSearch={onSearch} />)
    type('+1555')
    fireEvent.keyDown(box(), { key: 'Enter' })
    expect(onSearch).toHaveBeenLastCalledWith('+1555')
    wait(URL_LAG_MS)
    fireEvent.keyDown(box(), { key: 'Escape' })
    expect(box().value).toBe('')
    expect(onSearch).toHaveBeenLastCalledWith('')
    // One step at a time: inside one act() React would not render between
    // timers, which no browser does.
    wait(URL_LAG_MS)
    wait(SEARCH_DEBOUNCE_MS)
    expect(onSearch.mock.calls).toEqual([['+1555'], ['']])
  })
})

describe('SearchBox clear button', () => {
  it('empties the box and searches for everything at once', () => {
    const onSearch = vi.fn()
    render(<Harness onSearch={onSearch} />)
    type('mei')
    wait(SEARCH_DEBOUNCE_MS + URL_LAG_MS)
    fireEvent.click(screen.getByRole('button', { name: 'Clear search' }))
    expect(box().value).toBe('')
    expect(onSearch).toHaveBeenLastCalledWith('')
    wait(SEARCH_DEBOUNCE_MS * 2)
    expect(onSearch.mock.calls).toEqual([['mei'], ['']])
  })
})
