// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { AFTER_PAINT_FALLBACK_MS } from '../../lib/after-next-paint'
import { Pagination } from './pagination'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const SIZES = [25, 50] as const

/** A list whose page moves when its callbacks say so, as the router would. */
function Paged({
  onNavigate,
  canNext = true,
}: {
  onNavigate: (page: number) => void
  canNext?: boolean
}) {
  const [page, setPage] = useState(1)
  const go = (next: number) => {
    onNavigate(next)
    setPage(next)
  }
  return (
    <Pagination
      page={page}
      pageSize={25}
      pageSizes={SIZES}
      rowCount={25}
      canPrevious={page > 1}
      canNext={canNext}
      showFirst={page > 2}
      onPrevious={() => {
        go(page - 1)
      }}
      onNext={() => {
        go(page + 1)
      }}
      onFirst={() => {
        go(1)
      }}
      onPageSizeChange={vi.fn()}
    />
  )
}

const label = () => screen.getByText(/^Page \d+$/).textContent

describe('Pagination', () => {
  it('shows the page asked for at once and navigates after the next frame', async () => {
    vi.useFakeTimers()
    const onNavigate = vi.fn()
    render(<Paged onNavigate={onNavigate} />)
    expect(screen.getByText(/rows 1–25/)).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(label()).toBe('Page 2')
    // The row range of a page not yet loaded is not known.
    expect(screen.queryByText(/rows/)).toBeNull()
    expect(onNavigate).not.toHaveBeenCalled()

    await act(async () => {
      await vi.advanceTimersByTimeAsync(AFTER_PAINT_FALLBACK_MS)
    })
    expect(onNavigate).toHaveBeenCalledExactlyOnceWith(2)
    expect(label()).toBe('Page 2')
    expect(screen.getByText(/rows 26–50/)).toBeTruthy()
  })

  it('takes one page change at a time', async () => {
    vi.useFakeTimers()
    const onNavigate = vi.fn()
    render(<Paged onNavigate={onNavigate} />)

    fireEvent.click(screen.getByRole('button', { name: 'Next' }))
    fireEvent.click(screen.getByRole('button', { name: 'Next' }))
    await act(async () => {
      await vi.advanceTimersByTimeAsync(AFTER_PAINT_FALLBACK_MS)
    })
    expect(onNavigate).toHaveBeenCalledExactlyOnceWith(2)

    fireEvent.click(screen.getByRole('button', { name: 'Previous' }))
    expect(label()).toBe('Page 1')
    await act(async () => {
      await vi.advanceTimersByTimeAsync(AFTER_PAINT_FALLBACK_MS)
    })
    expect(onNavigate).toHaveBeenLastCalledWith(1)
    expect(onNavigate).toHaveBeenCalledTimes(2)
  })

  it('shows the current page again when the navigation goes nowhere', async () => {
    vi.useFakeTimers()
    render(
      <Pagination
        page={3}
        pageSize={25}
        pageSizes={SIZES}
        rowCount={25}
        canPrevious
        canNext
        showFirst={false}
        onPrevious={vi.fn()}
        onNext={vi.fn()}
        onFirst={vi.fn()}
        onPageSizeChange={vi.fn()}
      />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(label()).toBe('Page 4')
    await act(async () => {
      await vi.advanceTimersByTimeAsync(AFTER_PAINT_FALLBACK_MS)
    })
    expect(label()).toBe('Page 3')
  })

  it('drops a page change still waiting when it goes away', async () => {
    vi.useFakeTimers()
    const onNavigate = vi.fn()
    const { unmount } = render(<Paged onNavigate={onNavigate} />)
    fireEvent.click(screen.getByRole('button', { name: 'Next' }))
    unmount()
    await vi.advanceTimersByTimeAsync(AFTER_PAINT_FALLBACK_MS)
    expect(onNavigate).not.toHaveBeenCalled()
  })
})
