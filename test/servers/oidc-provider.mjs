// An OAuth 2.0 / OpenID Connect authorization server for the test run: oidc-provider (a certified
// OpenID Provider implementation) on http://127.0.0.1:$OIDC_PORT, started and stopped by
// start-oidc.sh / stop-oidc.sh. Plain HTTP on loopback only: the issuer is a test stand-in for
// Google, Microsoft and the like, which the app reaches over verified HTTPS.
//
// Clients (what a provider registers for a mail app and for its mail servers):
//   mailroom        public native client (RFC 8252): no secret, PKCE S256 required, loopback
//                   redirect http://127.0.0.1/<any path>... on any port (RFC 8252 §7.3)
//   mailroom-short  the same, but its access tokens live SHORT_AT_TTL seconds: expiry tests
//   dovecot         confidential (client_secret_basic): only introspects tokens (RFC 7662) for
//                   Dovecot's oauth2 passdb
// Accounts: the users of Dovecot's passwd-file ($USERS_FILE, re-read on every look-up), so a test
// user made with createTestUser() can sign in at once; sub == email == the address. The login page
// is oidc-provider's own development login page, which accepts any password for a known user.
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import Provider from 'oidc-provider'

const PORT = Number(process.env.OIDC_PORT)
const ISSUER = `http://127.0.0.1:${PORT}`
const USERS_FILE = process.env.USERS_FILE
const INTROSPECTION_SECRET = process.env.OIDC_INTROSPECTION_SECRET
const SHORT_AT_TTL = Number(process.env.SHORT_AT_TTL || 3)
if (!PORT || !USERS_FILE || !INTROSPECTION_SECRET) {
  console.error('oidc-provider: OIDC_PORT, USERS_FILE and OIDC_INTROSPECTION_SECRET are required')
  process.exit(2)
}

/** The mail scope Dovecot requires (dovecot-oauth2.conf.ext `scope = mail`). */
const SCOPES = ['openid', 'email', 'offline_access', 'mail']

function knownUser(id) {
  const lines = readFileSync(USERS_FILE, 'utf8').split('\n')
  return lines.some((line) => line.slice(0, line.indexOf(':')).toLowerCase() === String(id).toLowerCase())
}

const nativeClient = (clientId) => ({
  client_id: clientId,
  application_type: 'native',
  token_endpoint_auth_method: 'none',
  // For http loopback redirect URIs oidc-provider ignores the port when comparing (RFC 8252 §7.3);
  // the path must match, so the app's random path is registered as a pattern below.
  redirect_uris: ['http://127.0.0.1/oauth'],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  scope: SCOPES.join(' '),
})

const configuration = {
  clients: [
    nativeClient('mailroom'),
    nativeClient('mailroom-short'),
    {
      client_id: 'dovecot',
      client_secret: INTROSPECTION_SECRET,
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: [],
      grant_types: [],
      response_types: [],
    },
  ],
  scopes: SCOPES,
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  async findAccount(_ctx, id) {
    if (!knownUser(id)) return undefined
    return { accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true }) }
  },
  // Opaque access tokens: introspection returns these claims, and Dovecot matches `email` with the
  // user name the client sent in its SASL message (username_attribute = email).
  async extraTokenClaims(_ctx, token) {
    return token.kind === 'AccessToken' ? { email: token.accountId } : undefined
  },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    introspection: {
      enabled: true,
      allowedPolicy: async (_ctx, client, token) =>
        client.clientId === 'dovecot' || client.clientId === token.clientId,
    },
    revocation: { enabled: true },
  },
  ttl: {
    AccessToken: (_ctx, _token, client) => (client?.clientId === 'mailroom-short' ? SHORT_AT_TTL : 3600),
    AuthorizationCode: 60,
    RefreshToken: 14 * 24 * 3600,
    Grant: 14 * 24 * 3600,
    Session: 14 * 24 * 3600,
    Interaction: 600,
    IdToken: 3600,
  },
  cookies: { keys: [randomBytes(24).toString('base64url')] },
}

const provider = new Provider(ISSUER, configuration)

// The app's loopback listener takes a random path as well as a random port, so that a web page
// probing local ports cannot feed it a forged redirect without guessing the path. oidc-provider
// only lets the port vary (RFC 8252 §7.3), so accept any long random segment under /oauth/ too.
const { Client } = provider
const redirectUriAllowed = Client.prototype.redirectUriAllowed
Client.prototype.redirectUriAllowed = function allowLoopback(value) {
  try {
    const url = new URL(value)
    if (
      this.applicationType === 'native' &&
      url.protocol === 'http:' &&
      url.hostname === '127.0.0.1' &&
      /^\/oauth\/[A-Za-z0-9_-]{16,}$/.test(url.pathname) &&
      url.search === '' &&
      url.hash === ''
    ) {
      return true
    }
  } catch {
    return false
  }
  return redirectUriAllowed.call(this, value)
}

provider.on('server_error', (_ctx, err) => console.error('server_error', err))
provider.on('grant.error', (_ctx, err) =>
  console.error('grant.error', err.message, err.error_description ?? ''),
)
provider.use(async (ctx, next) => {
  await next()
  // One line per request (never a token: only method, path and status), for debugging a run.
  console.log(ctx.method, ctx.path, ctx.status)
})

const server = provider.listen(PORT, '127.0.0.1', () => console.log(`oidc-provider ${ISSUER} ready`))
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)))
