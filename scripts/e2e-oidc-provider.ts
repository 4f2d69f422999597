/**
 * The OpenID provider the sign-in journeys use: a real `oidc-provider` on
 * 127.0.0.1 with one registered client and three people, one per role.
 *
 *   npx tsx scripts/e2e-oidc-provider.ts <port> <dashboard-origin>
 */
import { E2E_OIDC_CLIENT, E2E_OIDC_USERS } from '../e2e/support/oidc-users'
import { startTestOidcProvider } from '../server/auth/test-oidc-provider'

const port = Number(process.argv[2] ?? '4176')
const dashboard = process.argv[3] ?? 'http://127.0.0.1:4175'

const provider = await startTestOidcProvider({
  port,
  clientId: E2E_OIDC_CLIENT.id,
  clientSecret: E2E_OIDC_CLIENT.secret,
  redirectUri: `${dashboard}/auth/callback`,
  users: E2E_OIDC_USERS,
})
console.log(`OpenID provider on ${provider.issuer}`)

const stop = () => {
  void provider.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
