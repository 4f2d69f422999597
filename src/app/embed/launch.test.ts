// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'

import { consumeEmbedLaunch, takeEmbedLaunch } from './launch'

const open = (url: string) => {
  window.history.replaceState(null, '', url)
}
const address = () =>
  `${window.location.pathname}${window.location.search}${window.location.hash}`

afterEach(() => {
  vi.restoreAllMocks()
  open('/')
})

describe('takeEmbedLaunch', () => {
  it('takes the token from the fragment and removes it from the address', () => {
    open('/embed/accounts?theme=dark#token=sace1.abc.def')
    const replace = vi.spyOn(window.history, 'replaceState')
    const launch = takeEmbedLaunch()
    expect(launch?.token).toBe('sace1.abc.def')
    expect(launch?.params.get('theme')).toBe('dark')
    expect(replace).toHaveBeenCalledTimes(1)
    expect(address()).toBe('/embed/accounts?theme=dark')
  })

  it('takes the token from the query and keeps the other parameters', () => {
    open('/embed/triage?token=t1&accent=0a7&customer_key=acme#section')
    const launch = takeEmbedLaunch()
    expect(launch?.token).toBe('t1')
    expect(launch?.params.toString()).toBe('accent=0a7&customer_key=acme')
    expect(address()).toBe('/embed/triage?accent=0a7&customer_key=acme#section')
  })

  it('prefers the fragment and removes both', () => {
    open('/embed?token=from-query#token=from-fragment')
    expect(takeEmbedLaunch()?.token).toBe('from-fragment')
    expect(address()).toBe('/embed')
  })

  it('hands the token out once', () => {
    open('/embed/accounts#token=once')
    takeEmbedLaunch()
    expect(consumeEmbedLaunch().token).toBe('once')
    expect(consumeEmbedLaunch().token).toBeNull()
  })

  it('leaves the address alone when there is no token', () => {
    open('/embed/accounts?q=lock')
    const replace = vi.spyOn(window.history, 'replaceState')
    expect(takeEmbedLaunch()?.token).toBeNull()
    expect(replace).not.toHaveBeenCalled()
  })

  it('does nothing outside /embed', () => {
    open('/accounts?token=not-an-embed-token')
    const replace = vi.spyOn(window.history, 'replaceState')
    expect(takeEmbedLaunch()).toBeNull()
    expect(replace).not.toHaveBeenCalled()
    open('/embedded?token=x')
    expect(takeEmbedLaunch()).toBeNull()
  })
})
