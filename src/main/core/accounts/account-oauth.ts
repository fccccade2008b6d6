/**
 * OAuth 2.0 for accounts: which provider an account signs in at (its `auth` setting), the browser
 * sign-ins the person starts from the wizard or from "Sign in again", and the one TokenManager that
 * hands every protocol client its access token. Tokens never leave main: a sign-in answers only
 * success or failure, and a new account's tokens wait here (by sign-in id) until `add` takes them.
 */
import { AppError } from '../../../shared/errors'
import type { IncomingProtocol, OAuthAccountAuth, SignInRequest } from '../../../shared/model/account'
import { discoverProvider } from '../auth/discovery'
import type { HttpOptions } from '../auth/http'
import type { OAuthEndpoints, OAuthProviderConfig } from '../auth/oauth-config'
import {
  presetConfig,
  PROVIDER_PRESETS,
  type MailProtocol,
  type OAuthClientRegistry,
} from '../auth/providers'
import { signIn, type OpenExternal } from '../auth/sign-in'
import type { TokenSet } from '../auth/token-endpoint'
import { TokenManager } from '../auth/token-manager'
import type { SecretStore } from '../secrets/secret-store'
import type { AccountStore } from './account-store'

export interface AccountOAuthDeps {
  secrets: SecretStore
  store: AccountStore
  /** The app's client ids, by provider (build-time configuration: clientRegistryFromEnv). */
  clients: OAuthClientRegistry
  /** The system browser (Electron's shell.openExternal); tests drive Chromium with it. */
  openExternal: OpenExternal
  http?: HttpOptions
  /** How long the person has in the browser (default 5 minutes). */
  signInTimeoutMs?: number
  /** Access tokens are refreshed this long before they expire (TokenManager's default otherwise). */
  refreshMarginMs?: number
  /** The account's grant is gone: it shows "Sign in again"; mail and the outbox wait. */
  onSignInRequired(accountId: string): void
  /** A sign-in for an existing account finished: mail and the outbox resume. */
  onSignedIn(accountId: string): void
}

/** A new account's finished sign-in is kept this long for `add` to take. */
const PENDING_MS = 10 * 60_000
/** What a generic OpenID provider is asked for when the person names no scopes. */
const DEFAULT_SCOPES = ['openid', 'email', 'offline_access']

export class AccountOAuth {
  readonly tokens: TokenManager
  private readonly pending = new Map<string, { tokens: TokenSet; at: number }>()
  private readonly running = new Map<string, AbortController>()
  private readonly discovered = new Map<string, Promise<OAuthEndpoints>>()

  constructor(private readonly deps: AccountOAuthDeps) {
    this.tokens = new TokenManager({
      secrets: deps.secrets,
      grantOf: async (accountId) => {
        const account = deps.store.get(accountId)
        if (!account?.auth) throw new AppError('ACCOUNT_NOT_FOUND', `No OAuth account ${accountId}`)
        const config = await this.configFor(account.auth, account.incoming.protocol)
        return {
          tokenEndpoint: config.tokenEndpoint,
          client: {
            clientId: config.clientId,
            ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
          },
        }
      },
      ...(deps.http ? { http: deps.http } : {}),
      ...(deps.refreshMarginMs !== undefined ? { refreshMarginMs: deps.refreshMarginMs } : {}),
      onSignInRequired: (accountId) => deps.onSignInRequired(accountId),
    })
  }

  /** The sign-in configuration of an account's provider: its preset, or discovery from its issuer. */
  async configFor(auth: OAuthAccountAuth, incoming: IncomingProtocol): Promise<OAuthProviderConfig> {
    const protocols: MailProtocol[] = [incoming, 'smtp']
    if ('provider' in auth) {
      const config = presetConfig(auth.provider, protocols, this.deps.clients)
      if (config) return config
      throw new AppError(
        'AUTH_FAILED',
        `This build of the app cannot sign in at ${PROVIDER_PRESETS[auth.provider].name}`,
        {
          retryable: false,
          detail: { reason: 'no-client-id' },
        },
      )
    }
    let endpoints = this.discovered.get(auth.issuer)
    if (!endpoints) {
      endpoints = discoverProvider(auth.issuer, this.deps.http)
      this.discovered.set(auth.issuer, endpoints)
      // A failed discovery (offline) is tried again next time.
      endpoints.catch(() => this.discovered.delete(auth.issuer))
    }
    return { ...(await endpoints), clientId: auth.clientId, scopes: auth.scopes ?? DEFAULT_SCOPES }
  }

  /**
   * Opens the provider's page in the system browser and waits for the person. For a new account
   * the tokens wait under `signInId` for `takeSignIn`; for an existing one they replace its grant.
   */
  async signIn(signInId: string, request: SignInRequest): Promise<void> {
    this.running.get(signInId)?.abort()
    const controller = new AbortController()
    this.running.set(signInId, controller)
    try {
      let auth: OAuthAccountAuth
      let protocol: IncomingProtocol
      let loginHint: string
      if ('accountId' in request) {
        const account = this.deps.store.get(request.accountId)
        if (!account?.auth) {
          throw new AppError('ACCOUNT_NOT_FOUND', 'This account does not sign in with OAuth', {
            detail: { field: 'accountId' },
          })
        }
        ;({ auth } = account)
        protocol = account.incoming.protocol
        loginHint = account.incoming.username || account.address
      } else {
        ;({ auth, protocol } = request)
        loginHint = request.address
      }
      const provider = await this.configFor(auth, protocol)
      const tokens = await signIn({
        provider,
        openExternal: this.deps.openExternal,
        loginHint,
        signal: controller.signal,
        ...(this.deps.signInTimeoutMs !== undefined ? { timeoutMs: this.deps.signInTimeoutMs } : {}),
      })
      if ('accountId' in request) {
        await this.tokens.signedIn(request.accountId, tokens)
        this.deps.onSignedIn(request.accountId)
      } else {
        this.prune()
        this.pending.set(signInId, { tokens, at: Date.now() })
      }
    } finally {
      if (this.running.get(signInId) === controller) this.running.delete(signInId)
    }
  }

  /** The person closed the sign-in: the listener closes and `signIn` fails with CANCELLED. */
  cancelSignIn(signInId: string): void {
    this.running.get(signInId)?.abort()
  }

  /** A new account's tokens, once (they belong to the account from now on). */
  takeSignIn(signInId: string): TokenSet {
    this.prune()
    const entry = this.pending.get(signInId)
    if (!entry) {
      throw new AppError('AUTH_FAILED', 'Sign in with the provider first', {
        retryable: false,
        detail: { reason: 'no-sign-in', field: 'passwords.signInId' },
      })
    }
    return entry.tokens
  }

  /** After `add` saved the account: the sign-in is used up. */
  dropSignIn(signInId: string): void {
    this.pending.delete(signInId)
  }

  close(): void {
    for (const c of this.running.values()) c.abort()
    this.pending.clear()
  }

  private prune(): void {
    const now = Date.now()
    for (const [id, entry] of this.pending) if (now - entry.at > PENDING_MS) this.pending.delete(id)
  }
}
