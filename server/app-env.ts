import type { Principal } from './auth/principal'
import type { EmbedSession } from './embed/sessions'

/** What middlewares share through the request context. */
export interface AppEnv {
  Variables: {
    requestId: string
    /** Calls made to the upstream for this request, for the log line. */
    upstreamAttempts: number
    /** The embedded session the request's bearer token names, if any. */
    session?: EmbedSession
    /** Who the request acts for; set on every request that got past sign-in. */
    principal?: Principal
  }
}
