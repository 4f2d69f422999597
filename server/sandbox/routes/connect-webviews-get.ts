import { z } from 'zod'

import { connectWebviewNotFound } from '../errors'
import { uuidField } from '../fields'
import { defineRoute } from '../route'
import { toConnectWebview } from '../store'

export const connectWebviewsGet = defineRoute({
  path: '/connect_webviews/get',
  methods: ['GET', 'POST'],
  schema: z
    .object({ connect_webview_id: uuidField('connect_webview_id') })
    .strict(),
  handle({ connect_webview_id }, { store, baseUrl }) {
    const webview = store.getConnectWebview(connect_webview_id)
    if (!webview) throw connectWebviewNotFound()
    return {
      connect_webview: toConnectWebview(webview, store.workspaceId, baseUrl),
    }
  },
})
