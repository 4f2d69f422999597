import type { z } from 'zod'

import type { SandboxStore } from './store'

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

export interface RouteContext {
  store: SandboxStore
  /** Base URL clients reach this sandbox at, for `next_page_url` and `image_url`. */
  baseUrl: string
  requestSync: (connectedAccountId: string) => void
}

export interface SandboxRoute<S extends z.ZodTypeAny = z.ZodTypeAny> {
  path: string
  methods: readonly Method[]
  schema: S
  /** Returns the success body without `ok`, which the app adds. */
  handle(params: z.output<S>, context: RouteContext): Record<string, unknown>
}

export const defineRoute = <S extends z.ZodTypeAny>(
  route: SandboxRoute<S>,
): SandboxRoute<S> => route
