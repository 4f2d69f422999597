// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { providerInitials, ProviderLogo } from './provider-logo'

afterEach(cleanup)

describe('providerInitials', () => {
  it.each([
    ['Salto KS', 'SK'],
    ['Salto Space', 'SS'],
    ['August', 'Au'],
    ['ecobee', 'Ec'],
    ['TTLock', 'Tt'],
    ['  yale  ', 'Ya'],
    ['Ünïcode Lock', 'ÜL'],
    ['', '?'],
    ['---', '?'],
  ])('%s -> %s', (name, initials) => {
    expect(providerInitials(name)).toBe(initials)
  })
})

describe('ProviderLogo', () => {
  it('shows the local logo of the account type, never a remote URL', () => {
    const { container } = render(
      <ProviderLogo accountType="august" displayName="August" />,
    )
    const img = container.querySelector('img')
    expect(img?.getAttribute('src')).toBe('/provider-logos/august.svg')
    expect(img?.getAttribute('alt')).toBe('')
  })

  it('falls back to initials when the logo fails to load', () => {
    const { container } = render(
      <ProviderLogo accountType="acme_locks" displayName="Acme Locks" />,
    )
    const img = container.querySelector('img')
    if (!img) throw new Error('expected an image first')
    fireEvent.error(img)
    expect(container.querySelector('img')).toBeNull()
    expect(screen.getByTestId('provider-initials').textContent).toBe('AL')
  })

  it('does not ask again for a logo that already failed', () => {
    const first = render(
      <ProviderLogo accountType="gone_provider" displayName="Gone" />,
    )
    const img = first.container.querySelector('img')
    if (!img) throw new Error('expected an image first')
    fireEvent.error(img)
    first.unmount()

    const again = render(
      <ProviderLogo accountType="gone_provider" displayName="Gone" />,
    )
    expect(again.container.querySelector('img')).toBeNull()
    expect(screen.getByTestId('provider-initials').textContent).toBe('Go')
  })

  it('shows initials straight away without an account type', () => {
    const { container } = render(
      <ProviderLogo accountType={undefined} displayName="Salto KS" />,
    )
    expect(container.querySelector('img')).toBeNull()
    expect(screen.getByTestId('provider-initials').textContent).toBe('SK')
  })

  it('keeps a strange account type inside the logo folder', () => {
    const { container } = render(
      <ProviderLogo accountType="../../api/x?y" displayName="X" />,
    )
    expect(container.querySelector('img')?.getAttribute('src')).toBe(
      '/provider-logos/..%2F..%2Fapi%2Fx%3Fy.svg',
    )
  })
})
