// @vitest-environment jsdom
import { cleanup, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { announce, getAnnouncement } from '../../../components/ui/announcer'
import {
  describeResults,
  useResultsAnnouncement,
} from './use-results-announcement'

afterEach(cleanup)

interface Props {
  queryKey: string
  count: number | null
  hasMore: boolean
}

function renderAnnouncer(initial: Props) {
  announce('')
  const before = getAnnouncement().id
  const hook = renderHook(
    (props: Props) => {
      useResultsAnnouncement(props)
    },
    { initialProps: initial },
  )
  return {
    rerender: hook.rerender,
    /** Announcements made since the hook was first rendered. */
    count: () => getAnnouncement().id - before,
  }
}

describe('describeResults', () => {
  it('says none, one, several, and whether more pages follow', () => {
    expect(describeResults(0, false)).toBe('No accounts match.')
    expect(describeResults(1, false)).toBe('1 account found.')
    expect(describeResults(7, false)).toBe('7 accounts found.')
    expect(describeResults(25, true)).toBe(
      '25 accounts on this page; more on the next pages.',
    )
  })
})

describe('useResultsAnnouncement', () => {
  it('stays quiet on the first load, then announces each new query once it has loaded', () => {
    const view = renderAnnouncer({ queryKey: 'a', count: null, hasMore: false })
    view.rerender({ queryKey: 'a', count: 25, hasMore: true })
    expect(view.count()).toBe(0)

    // A new search: nothing while it loads, then its results.
    view.rerender({ queryKey: 'b', count: null, hasMore: false })
    expect(view.count()).toBe(0)
    view.rerender({ queryKey: 'b', count: 0, hasMore: false })
    expect(view.count()).toBe(1)
    expect(getAnnouncement().text).toBe('No accounts match.')

    // The same query again (a refetch) says nothing more.
    view.rerender({ queryKey: 'b', count: 0, hasMore: false })
    expect(view.count()).toBe(1)

    view.rerender({ queryKey: 'c', count: 1, hasMore: false })
    expect(view.count()).toBe(2)
    expect(getAnnouncement().text).toBe('1 account found.')
  })
})
