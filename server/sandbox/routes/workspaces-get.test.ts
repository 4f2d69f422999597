import type { SeamEvent, Workspace } from '@seamapi/types/connect'
import { schemas } from '@seamapi/types/connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { TestSandbox } from '../test-sandbox'
import { startTestSandbox } from '../test-sandbox'

let t: TestSandbox

beforeEach(() => {
  t = startTestSandbox({ accounts: 5 })
})
afterEach(() => {
  t.cleanup()
})

async function getWorkspace(sandbox: TestSandbox): Promise<Workspace> {
  const { status, body } = await sandbox.call('/workspaces/get', {})
  expect(status).toBe(200)
  return body.workspace as Workspace
}

describe('/workspaces/get', () => {
  it('returns the seeded sandbox workspace, parsing with schemas.workspace', async () => {
    const { status, body } = await t.call('/workspaces/get', {})
    expect(status).toBe(200)
    expect(body.ok).toBe(true)
    const parsed = schemas.workspace.strict().safeParse(body.workspace)
    expect(parsed.error?.issues ?? []).toEqual([])
    expect(body.workspace).toMatchObject({
      workspace_id: t.sandbox.store.workspaceId,
      name: 'Sandbox workspace',
      is_sandbox: true,
      is_suspended: false,
    })
  })

  it('has the workspace_id that events carry', async () => {
    const { body } = await t.call('/events/list', {
      since: '1970-01-01T00:00:00.000Z',
      limit: 1,
    })
    const [event] = body.events as SeamEvent[]
    expect((await getWorkspace(t)).workspace_id).toBe(event?.workspace_id)
  })

  it('answers GET with or without an empty query and POST without a body', async () => {
    const expected = await getWorkspace(t)
    for (const query of ['', undefined]) {
      const { status, body } = await t.call('/workspaces/get', undefined, {
        method: 'GET',
        ...(query === undefined ? {} : { query }),
      })
      expect(status).toBe(200)
      expect(body.workspace).toEqual(expected)
    }
    const { body } = await t.call('/workspaces/get')
    expect(body.workspace).toEqual(expected)
  })

  it('is deterministic: the same seed gives the same workspace_id', async () => {
    const same = startTestSandbox({ accounts: 5 })
    const other = startTestSandbox({ accounts: 5, seed: 8 })
    try {
      const mine = await getWorkspace(t)
      expect(await getWorkspace(same)).toEqual(mine)
      expect((await getWorkspace(other)).workspace_id).not.toBe(
        mine.workspace_id,
      )
    } finally {
      same.cleanup()
      other.cleanup()
    }
  })

  it('rejects any parameter with 400 naming it, on POST and GET', async () => {
    const post = await t.call('/workspaces/get', { workspace_id: 'x' })
    expect(post.status).toBe(400)
    expect(post.body.error?.type).toBe('invalid_input')
    expect(post.body.error?.message).toContain('workspace_id')
    const get = await t.call('/workspaces/get', undefined, {
      query: 'name=other',
    })
    expect(get.status).toBe(400)
    expect(get.body.error?.message).toContain('name')
  })

  it('needs the API key', async () => {
    const { status, body } = await t.call(
      '/workspaces/get',
      {},
      {
        headers: { authorization: 'Bearer wrong' },
      },
    )
    expect(status).toBe(401)
    expect(body.error?.type).toBe('unauthorized')
  })
})
