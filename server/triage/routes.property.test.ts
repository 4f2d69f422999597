import { afterEach, beforeEach, describe, it } from 'vitest'

import type { FuzzDashboard } from '../test-support/dashboard'
import { fuzzRoute, startFuzzDashboard } from '../test-support/dashboard'
import { PROPERTY_TIMEOUT_MS, RUNS } from '../test-support/fuzz'

let d: FuzzDashboard

beforeEach(() => {
  d = startFuzzDashboard()
})
afterEach(() => {
  d.cleanup()
})

describe(
  'triage routes under 1,000 generated requests each',
  { timeout: PROPERTY_TIMEOUT_MS },
  () => {
    it.each([
      ['GET', '/api/dashboard/triage'],
      ['POST', '/api/dashboard/triage/refresh'],
    ])(
      '%s %s answers 2xx or a Seam 4xx, in time, changing nothing',
      async (method, path) => {
        await fuzzRoute(d, {
          method,
          path,
          reached: { '2xx': RUNS / 10, '4xx': RUNS / 10 },
        })
      },
    )
  },
)
