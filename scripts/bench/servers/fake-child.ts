/**
 * `@seamapi/fake-seam-connect` holding the same connected accounts as a
 * sandbox database: what a Seam developer would otherwise run locally.
 *
 *   (started by the benchmark) fake-child.ts <db-file>
 */
import { createFake, type Fake } from '@seamapi/fake-seam-connect'

import { openDatabase } from '../../../server/sandbox/db'
import { SandboxStore, toConnectedAccount } from '../../../server/sandbox/store'
import { serveParent } from './child-ipc'

type FakeState = Awaited<ReturnType<Fake['toJSON']>>
/** The fake's own accounts carry no `connect_webview_id` either. */
type FakeAccount = Omit<
  FakeState['connected_accounts'][number],
  'connect_webview_id'
>

const dbFile = process.argv[2]
if (!dbFile) throw new Error('Usage: fake-child.ts <db-file>')

function accountsOf(file: string, workspaceId: string): FakeAccount[] {
  const { db } = openDatabase(file)
  try {
    const store = new SandboxStore(db)
    return store
      .listAccounts({}, null, store.countAccounts())
      .map((account) => {
        // The fake answers with what it stores: every field Seam returns,
        // plus the ones the fake's own logic reads.
        const fields: FakeAccount = {
          connected_account_id: account.connected_account_id,
          created_at: account.created_at,
          workspace_id: workspaceId,
          provider: account.account_type,
          user_identifier: account.user_identifier ?? {},
          display_name: account.display_name,
          account_type: account.account_type,
          account_type_display_name: account.account_type_display_name,
          automatically_manage_new_devices:
            account.automatically_manage_new_devices,
          custom_metadata: account.custom_metadata,
          bridge_id: null,
          accepted_capabilities: account.accepted_capabilities,
        }
        const stored: FakeAccount = {
          ...toConnectedAccount(account, undefined),
          ...fields,
        }
        return stored
      })
  } finally {
    db.close()
  }
}

const fake = await createFake()
const seed = await fake.seed()
const state = await fake.toJSON()
// Only the sandbox's accounts: the fake's own seeded ones are replaced.
state.connected_accounts = accountsOf(
  dbFile,
  seed.seed_workspace_1,
) as FakeState['connected_accounts']
await fake.loadJSON(state)
const server = await fake.startServer()
serveParent({ url: server.serverUrl, apiKey: seed.seam_apikey1_token }, () =>
  fake.stopServer(),
)
