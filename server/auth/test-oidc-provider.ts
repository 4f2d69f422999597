import { generateKeyPairSync, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Adapter, AdapterPayload, Configuration } from 'oidc-provider'
import Provider from 'oidc-provider'

/** A person who can sign in at the test provider. */
export interface TestOidcUser {
  /** The subject, and what to type as the username. */
  sub: string
  /** Left out: any password is accepted. */
  password?: string
  email?: string
  name?: string
  groups?: string[]
}

export interface TestOidcProviderOptions {
  /** 0 or left out: a free port. */
  port?: number
  /** Only loopback makes sense for a provider run by tests. */
  host?: string
  clientId: string
  clientSecret: string
  /** The dashboard's `<PUBLIC_URL>/auth/callback`. */
  redirectUri: string
  users: readonly TestOidcUser[]
}

export interface TestOidcProvider {
  /** The issuer identifier, `http://127.0.0.1:<port>`: set it as OIDC_ISSUER. */
  issuer: string
  port: number
  close(): Promise<void>
}

/**
 * The provider's state in this process only, so nothing is shared between
 * providers and oidc-provider does not warn about its own quick-start store.
 */
function memoryAdapter(): (name: string) => Adapter {
  const entries = new Map<
    string,
    { payload: AdapterPayload; expiresAt: number }
  >()
  return (name) => {
    const keyOf = (id: string) => `${name}:${id}`
    const live = (key: string): AdapterPayload | undefined => {
      const entry = entries.get(key)
      if (!entry) return undefined
      if (Date.now() >= entry.expiresAt) {
        entries.delete(key)
        return undefined
      }
      return entry.payload
    }
    const findBy = (
      field: 'uid' | 'userCode',
      value: string,
    ): AdapterPayload | undefined => {
      for (const key of entries.keys()) {
        if (!key.startsWith(`${name}:`)) continue
        const payload = live(key)
        if (payload?.[field] === value) return payload
      }
      return undefined
    }
    return {
      upsert(id, payload, expiresIn) {
        entries.set(keyOf(id), {
          payload,
          expiresAt:
            expiresIn === undefined ? Infinity : Date.now() + expiresIn * 1_000,
        })
        return Promise.resolve()
      },
      find: (id) => Promise.resolve(live(keyOf(id))),
      findByUid: (uid) => Promise.resolve(findBy('uid', uid)),
      findByUserCode: (userCode) =>
        Promise.resolve(findBy('userCode', userCode)),
      consume(id) {
        const payload = live(keyOf(id))
        if (payload) payload.consumed = Math.floor(Date.now() / 1_000)
        return Promise.resolve()
      },
      destroy(id) {
        entries.delete(keyOf(id))
        return Promise.resolve()
      },
      revokeByGrantId(grantId) {
        for (const [key, entry] of entries) {
          if (entry.payload.grantId === grantId) entries.delete(key)
        }
        return Promise.resolve()
      },
    }
  }
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${String(char.codePointAt(0) ?? 0)};`)

function loginPage(uid: string, error: string | null): string {
  const action = `/interaction/${encodeURIComponent(uid)}`
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Test sign-in</title>
<main>
<h1>Test sign-in</h1>
${error === null ? '' : `<p role="alert">${escapeHtml(error)}</p>`}
<form method="post" action="${action}/login">
<label>Username <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form>
<form method="post" action="${action}/abort"><button type="submit">Cancel</button></form>
</main></html>`
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  for await (const chunk of req) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  })
  res.end(html)
}

/**
 * A real OpenID provider (`oidc-provider`) on a local port, with one
 * confidential client and a plain sign-in page that also grants consent:
 * what the dashboard's sign-in is tested against, in Vitest and from the
 * Playwright journeys. Users release `sub`, `groups`, `email` and `name`
 * (the last two through userinfo, as most providers do).
 */
export async function startTestOidcProvider({
  port = 0,
  host = '127.0.0.1',
  clientId,
  clientSecret,
  redirectUri,
  users,
}: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const bySub = new Map(users.map((user) => [user.sub, user]))

  async function interaction(
    req: IncomingMessage,
    res: ServerResponse,
    oidc: Provider,
  ): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://provider.invalid').pathname
    const [, , uid = '', step] = path.split('/')
    if (req.method === 'GET' && step === undefined) {
      await oidc.interactionDetails(req, res)
      send(res, 200, loginPage(uid, null))
      return
    }
    if (req.method === 'POST' && step === 'abort') {
      await oidc.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'Sign-in cancelled.' },
        { mergeWithLastSubmission: false },
      )
      return
    }
    if (req.method !== 'POST' || step !== 'login') {
      send(res, 404, 'Not found')
      return
    }
    const details = await oidc.interactionDetails(req, res)
    const form = await formOf(req)
    const user = bySub.get(form.get('login')?.trim() ?? '')
    if (
      !user ||
      (user.password !== undefined && user.password !== form.get('password'))
    ) {
      send(res, 401, loginPage(uid, 'Unknown username or wrong password.'))
      return
    }
    // A first-party client: consent is granted along with the sign-in.
    const grant = new oidc.Grant({
      accountId: user.sub,
      clientId: String(details.params.client_id),
    })
    const scope = details.params.scope
    grant.addOIDCScope(typeof scope === 'string' ? scope : 'openid')
    const grantId = await grant.save()
    await oidc.interactionFinished(
      req,
      res,
      { login: { accountId: user.sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    )
  }

  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const name = host.includes(':') ? `[${host}]` : host
  const issuer = `http://${name}:${address.port}`

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    adapter: memoryAdapter(),
    jwks: {
      keys: [
        {
          ...privateKey.export({ format: 'jwk' }),
          kid: 'test-key',
          use: 'sig',
          alg: 'RS256',
        },
      ],
    },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub', 'groups'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    findAccount: (_ctx, sub) => {
      const user = bySub.get(sub)
      if (!user) return undefined
      return {
        accountId: sub,
        claims: () => ({
          sub,
          ...(user.email === undefined
            ? {}
            : { email: user.email, email_verified: true }),
          ...(user.name === undefined ? {} : { name: user.name }),
          groups: user.groups ?? [],
        }),
      }
    },
    interactions: {
      url: (_ctx, details) => `/interaction/${details.uid}`,
    },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
  }
  const provider = new Provider(issuer, configuration)
  const callback = provider.callback()
  // Listening first: the issuer names the port.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res, provider).catch((error: unknown) => {
        if (!res.headersSent) {
          send(
            res,
            400,
            escapeHtml(error instanceof Error ? error.message : String(error)),
          )
        }
      })
      return
    }
    void callback(req, res)
  })

  return {
    issuer,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => {
          if (error) reject(error)
          else resolve()
        })
      }),
  }
}
