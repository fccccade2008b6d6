/**
 * Accounts: who the person is and how to reach their servers. Passwords are never part of these
 * types: they go to the SecretStore and never come back across IPC.
 */

/** Connection security. 'none' is only ever chosen by hand, with a warning (RFC 8314 prefers 'tls'). */
export type Security = 'tls' | 'starttls' | 'none'

export type IncomingProtocol = 'imap' | 'pop3'

/** How to log in. 'auto' picks the best mechanism the server offers (from CAPABILITY/CAPA/EHLO). */
export type AuthMethod = 'auto' | 'plain' | 'login'

export interface ServerSettings {
  host: string
  port: number
  security: Security
  username: string
  authMethod: AuthMethod
}

/** The providers the app has presets for (src/main/core/auth/providers.ts). */
export type OAuthProviderId = 'google' | 'microsoft' | 'yahoo' | 'aol' | 'fastmail'

/**
 * An account that signs in with OAuth 2.0 instead of a password, at a known provider or at any
 * OpenID Connect issuer (endpoints found by discovery; the app's client id there given by the
 * person). Never a token: the refresh token lives in the keychain, the access token in main's memory.
 */
export type OAuthAccountAuth =
  | { kind: 'oauth2'; provider: OAuthProviderId }
  | { kind: 'oauth2'; issuer: string; clientId: string; scopes?: string[] }

export interface IncomingSettings extends ServerSettings {
  protocol: IncomingProtocol
}

export type OutgoingSettings = ServerSettings

export interface Identity {
  id: string
  name: string
  address: string
  /** Plain text; the composer adds it below "-- " (RFC 3676 signature separator). */
  signature?: string
}

/** POP3-only options, as Thunderbird has them. */
export interface Pop3Options {
  leaveOnServer: boolean
  /** Delete from the server after this many days (null: keep until deleted locally or forever). */
  deleteAfterDays: number | null
  deleteOnServerWhenDeletedLocally: boolean
  checkEveryMinutes: number
  checkAtStart: boolean
}

/** Thunderbird's defaults: keep mail on the server, check at start and every 10 minutes. */
export const DEFAULT_POP3_OPTIONS: Readonly<Pop3Options> = {
  leaveOnServer: true,
  deleteAfterDays: null,
  deleteOnServerWhenDeletedLocally: false,
  checkEveryMinutes: 10,
  checkAtStart: true,
}

/** How a POP3 account's last check went (shown on the accounts page). */
export interface Pop3Status {
  /**
   * How messages are recognized: by the server's UIDL (RFC 1939), or, on servers without UIDL, by a
   * hash of their content (then every check downloads every message to compare).
   */
  identity: 'uidl' | 'content-hash'
  lastCheckAt: number | null
  lastError: string | null
}

/**
 * A certificate the person chose to trust for one server of one account (SHA-256 of the server's
 * own certificate, hex with colons): trusted whoever issued it (itself, or an authority this
 * computer does not know), as long as it is in its validity period and, unless
 * `allowNameMismatch`, issued for the server's name (docs/architecture.md, Certificate exceptions).
 */
export interface CertificatePin {
  host: string
  port: number
  fingerprint: string
  /**
   * The person also accepted that this certificate names another server than `host` (they were
   * shown its names). Without it the host name is checked as for any certificate.
   */
  allowNameMismatch?: boolean
  /**
   * The certificate itself (PEM). Main fills it in when the pin is saved, so that the certificate
   * can act as a trust anchor for itself; the renderer only ever sends the fingerprint.
   */
  pem?: string
}

export interface Account {
  id: string
  displayName: string
  address: string
  incoming: IncomingSettings
  outgoing: OutgoingSettings
  /** At least one; the first is the default From. */
  identities: Identity[]
  pop3?: Pop3Options
  pins: CertificatePin[]
  /**
   * This account's own certificate authority (PEM: one or more CA certificates; an enterprise's
   * private CA): trusted for this account's two servers only, with the usual checks (host name,
   * dates). Not secret: the renderer shows and edits it.
   */
  trustedCa?: string
  /** Signs in with OAuth 2.0 (both servers, one grant); absent: passwords. */
  auth?: OAuthAccountAuth
  /**
   * Not stored: the provider refused the account's grant (revoked, expired) and the person must
   * sign in again; mail and the outbox wait until then. Set by the accounts service's list().
   */
  needsSignIn?: boolean
  createdAt: number
}

/** Which of an account's two servers. Each has its own password entry in the keychain. */
export type ServerRole = 'incoming' | 'outgoing'

/** An identity as the person edits it: a new one has no id yet. */
export type IdentityDraft = Omit<Identity, 'id'> & { id?: string }

/** An account as the person enters or edits it: everything but its id and creation time. */
export interface AccountDraft {
  displayName: string
  address: string
  incoming: IncomingSettings
  outgoing: OutgoingSettings
  /** At least one; the first is the default From. */
  identities: IdentityDraft[]
  pop3?: Pop3Options
  /** Certificates the person chose to trust (fingerprint only; main keeps the certificate). */
  pins?: CertificatePin[]
  /** The account's own certificate authority (PEM), see Account.trustedCa. */
  trustedCa?: string
  /** OAuth 2.0 instead of passwords (see Account.auth). */
  auth?: OAuthAccountAuth
}

/** Passwords for a new account. The outgoing server uses the incoming one's when none is given. */
export interface AccountPasswords {
  incoming: string
  outgoing?: string
}

/**
 * How a new OAuth account proves itself: the id of a finished sign-in (`signIn`); main keeps its
 * tokens until the account is added (or a few minutes pass) and never hands them out.
 */
export interface OAuthCredentials {
  signInId: string
}

/** What a sign-in is for: a new account's provider, or an existing account ("Sign in again"). */
export type SignInRequest =
  { auth: OAuthAccountAuth; address: string; protocol: IncomingProtocol } | { accountId: string }

/** Password changes for an existing account: only what is given changes (and is verified). */
export interface PasswordChanges {
  incoming?: string
  outgoing?: string
}
