import type { Workspace } from '@seamapi/types/connect'
import { z } from 'zod'

import { defineRoute } from '../route'

export const WORKSPACE_NAME = 'Sandbox workspace'

export const workspacesGet = defineRoute({
  path: '/workspaces/get',
  methods: ['GET', 'POST'],
  schema: z.object({}).strict(),
  handle(_params, { store }) {
    const workspace: Workspace = {
      workspace_id: store.workspaceId,
      name: WORKSPACE_NAME,
      company_name: WORKSPACE_NAME,
      is_sandbox: true,
      connect_webview_customization: {},
      is_suspended: false,
      connect_partner_name: WORKSPACE_NAME,
      is_publishable_key_auth_enabled: false,
    }
    return { workspace }
  },
})
