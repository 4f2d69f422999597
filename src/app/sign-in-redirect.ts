import { useEffect, useRef } from 'react'
import { useLocation } from 'react-router'

import { onUnauthenticated } from '../lib/api-client'
import { paths } from './paths'

/** Leaves the SPA for a page of the server. */
export type Redirect = (url: string) => void

export const assignLocation: Redirect = (url) => {
  window.location.assign(url)
}

/**
 * Sends the browser to sign in, and back to the page it was on, as soon as
 * any API call answers 401 `unauthenticated` (a session that ended or
 * expired). Once: the other calls failing with it change nothing.
 */
export function useSignInRedirect(redirect: Redirect = assignLocation): void {
  const { pathname, search } = useLocation()
  const here = useRef(`${pathname}${search}`)
  useEffect(() => {
    here.current = `${pathname}${search}`
  }, [pathname, search])

  useEffect(() => {
    let sent = false
    return onUnauthenticated(() => {
      if (sent) return
      sent = true
      redirect(paths.signIn(here.current))
    })
  }, [redirect])
}
