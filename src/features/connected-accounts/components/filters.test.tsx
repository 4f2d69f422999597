// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  FIXED_FILTER_EXPLANATION,
  type FixedFilters,
} from '../lib/fixed-filters'
import { type AccountsQuery, defaultViewState } from '../lib/url-state'
import { ActiveFilters, FilterPanel } from './filters'

afterEach(cleanup)

const fixed: FixedFilters = {
  customerKey: 'acme',
  metadata: [{ key: 'region', value: 'eu' }],
}

const query = (patch: Partial<AccountsQuery> = {}): AccountsQuery => ({
  search: defaultViewState.search,
  customerKey: defaultViewState.customerKey,
  customerIds: defaultViewState.customerIds,
  userIdentifierKey: defaultViewState.userIdentifierKey,
  metadata: defaultViewState.metadata,
  ...patch,
})

describe('ActiveFilters with fixed filters', () => {
  it('shows each fixed filter as a locked chip with no remove button', () => {
    render(
      <ActiveFilters
        query={query()}
        fixed={fixed}
        onChange={vi.fn()}
        onClearAll={vi.fn()}
      />,
    )
    const chip = screen.getByRole('listitem', {
      name: 'Customer key acme (fixed)',
    })
    expect(chip).toHaveProperty('title', expect.stringContaining('portal'))
    expect(
      screen
        .getByRole('listitem', { name: 'Metadata region=eu (fixed)' })
        .querySelector('button'),
    ).toBeNull()
    expect(chip.querySelector('button')).toBeNull()
    expect(screen.queryByRole('button', { name: /remove filter/i })).toBeNull()
    const description = document.getElementById(
      chip.getAttribute('aria-describedby') ?? '',
    )
    expect(description?.textContent).toBe(FIXED_FILTER_EXPLANATION)
  })

  it('hides Clear all when only fixed filters remain', () => {
    render(
      <ActiveFilters
        query={query()}
        fixed={fixed}
        onChange={vi.fn()}
        onClearAll={vi.fn()}
      />,
    )
    expect(screen.queryByRole('button', { name: 'Clear all' })).toBeNull()
  })

  it('clears only the reader’s own filters and leaves the fixed ones', () => {
    const onClearAll = vi.fn()
    const onChange = vi.fn()
    render(
      <ActiveFilters
        // A link may carry values the portal overrides: they show as fixed.
        query={query({
          customerKey: 'other',
          metadata: [
            { key: 'region', value: 'us' },
            { key: 'vip', value: true },
          ],
        })}
        fixed={fixed}
        onChange={onChange}
        onClearAll={onClearAll}
      />,
    )
    const items = screen.getAllByRole('listitem')
    expect(items).toHaveLength(3)
    expect(screen.queryByText('other')).toBeNull()
    expect(screen.queryByText('region=us')).toBeNull()

    fireEvent.click(
      screen.getByRole('button', { name: 'Remove filter Metadata vip=true' }),
    )
    expect(onChange).toHaveBeenCalledWith({
      metadata: [{ key: 'region', value: 'us' }],
    })

    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }))
    expect(onClearAll).toHaveBeenCalledTimes(1)
  })

  it('keeps the locked chips after Clear all', () => {
    const { rerender } = render(
      <ActiveFilters
        query={query({ userIdentifierKey: 'me@example.com' })}
        fixed={fixed}
        onChange={vi.fn()}
        onClearAll={vi.fn()}
      />,
    )
    expect(screen.getAllByRole('listitem')).toHaveLength(3)
    // What the screen does on Clear all: the reader's filters go.
    rerender(
      <ActiveFilters
        query={query()}
        fixed={fixed}
        onChange={vi.fn()}
        onClearAll={vi.fn()}
      />,
    )
    expect(
      screen
        .getAllByRole('listitem')
        .map((item) => item.getAttribute('aria-label')),
    ).toEqual(['Customer key acme (fixed)', 'Metadata region=eu (fixed)'])
    expect(screen.queryByRole('button', { name: 'Clear all' })).toBeNull()
  })

  it('shows nothing without any filter', () => {
    const { container } = render(
      <ActiveFilters query={query()} onChange={vi.fn()} onClearAll={vi.fn()} />,
    )
    expect(container.innerHTML).toBe('')
  })
})

describe('FilterPanel with fixed filters', () => {
  it('disables a fixed field, shows its value and says why', () => {
    render(<FilterPanel query={query()} fixed={fixed} onChange={vi.fn()} />)
    const input = screen.getByLabelText<HTMLInputElement>('Customer key')
    expect(input.disabled).toBe(true)
    expect(input.value).toBe('acme')
    const note = document.getElementById(
      input.getAttribute('aria-describedby') ?? '',
    )
    expect(note?.textContent).toBe(FIXED_FILTER_EXPLANATION)
    expect(
      screen.getByLabelText<HTMLInputElement>('User identifier key').disabled,
    ).toBe(false)
  })

  it('applies only the fields the reader may change', () => {
    const onChange = vi.fn()
    render(<FilterPanel query={query()} fixed={fixed} onChange={onChange} />)
    fireEvent.change(screen.getByLabelText('User identifier key'), {
      target: { value: ' me@example.com ' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }))
    expect(onChange).toHaveBeenCalledWith({
      customerIds: [],
      userIdentifierKey: 'me@example.com',
    })
  })

  it('refuses a metadata pair on a fixed key', () => {
    const onChange = vi.fn()
    render(<FilterPanel query={query()} fixed={fixed} onChange={onChange} />)
    fireEvent.change(screen.getByLabelText('Custom metadata'), {
      target: { value: 'region=us' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Add' }))
    expect(onChange).not.toHaveBeenCalled()
    expect(
      screen.getByText(/The portal sets the metadata key “region”/),
    ).toBeTruthy()
  })
})
