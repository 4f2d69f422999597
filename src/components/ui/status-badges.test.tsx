// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { StatusBadges } from './status-badges'

afterEach(cleanup)

describe('StatusBadges', () => {
  it('says Healthy without problems', () => {
    const { container } = render(
      <StatusBadges account={{ errors: [], warnings: [] }} />,
    )
    expect(container.textContent).toBe('Healthy')
  })

  it('names each problem in words, with its kind for assistive tech', () => {
    render(
      <StatusBadges
        account={{
          errors: [
            { error_code: 'account_disconnected', message: 'Gone.' },
            { error_code: 'account_disconnected', message: 'Still gone.' },
          ],
          warnings: [
            {
              warning_code: 'scheduled_maintenance_window',
              message: 'Sunday night.',
            },
          ],
        }}
      />,
    )
    const items = screen.getAllByRole('listitem')
    expect(items.map((item) => item.textContent)).toEqual([
      'Error: Disconnected×2, 2 times',
      'Warning: Maintenance planned',
    ])
    expect(items[0]?.firstElementChild?.getAttribute('title')).toBe(
      'Error: account_disconnected\nGone.\nStill gone.',
    )
  })

  it('shows an unknown code raw, with its message', () => {
    render(
      <StatusBadges
        account={{
          errors: [
            {
              error_code: 'brand_new_error',
              message: 'Something Seam just started reporting.',
            },
          ],
          warnings: [],
        }}
      />,
    )
    const [item] = screen.getAllByRole('listitem')
    expect(item?.textContent).toBe(
      'Error: brand_new_error: Something Seam just started reporting.',
    )
  })

  it('renders hostile messages as text', () => {
    const { container } = render(
      <StatusBadges
        account={{
          errors: [{ error_code: '<img src=x onerror=alert(1)>' }],
          warnings: [],
        }}
      />,
    )
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>')
  })
})
