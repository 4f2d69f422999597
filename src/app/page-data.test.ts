// @vitest-environment jsdom
import type { ConnectedAccount } from '@seamapi/types/connect'
import { afterEach, describe, expect, it } from 'vitest'

import {
  accountPageData,
  PAGE_DATA_ID,
  readPageData,
  serializePageData,
} from './page-data'

const ACCOUNT = {
  connected_account_id: '6fa459ea-ee8a-3ca4-894e-db77e160355e',
  display_name: '</script><script>alert(1)</script> & <!-- \u2028',
  custom_metadata: {},
} as unknown as ConnectedAccount

function placeData(text: string) {
  const script = document.createElement('script')
  script.type = 'application/json'
  script.id = PAGE_DATA_ID
  script.textContent = text
  document.body.append(script)
}

afterEach(() => {
  document.body.replaceChildren()
})

describe('page data', () => {
  it('comes back as it was sent, with nothing in it that reads as markup', () => {
    const state = accountPageData(ACCOUNT, null, 1_000)
    const text = serializePageData(state)

    expect(text).not.toMatch(/[<>&\u2028]/)
    placeData(text)
    expect(readPageData(document)).toEqual(state)
    expect(state.queries[0]?.state.data).toEqual(ACCOUNT)
    expect(state.queries[0]?.state.dataUpdatedAt).toBe(1_000)
  })

  it('is none when the page carries none, or none that reads', () => {
    expect(readPageData(document)).toBeNull()
    placeData('{"queries": [')
    expect(readPageData(document)).toBeNull()
    document.body.replaceChildren()
    placeData('{"queries": {}}')
    expect(readPageData(document)).toBeNull()
  })
})
