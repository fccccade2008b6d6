/**
 * Keeps each OAuth account's tokens where they belong: the refresh token in the SecretStore (the OS
 * keychain, like passwords), the access token in this process's memory only. Hands out access
 * tokens, refreshing them shortly before they expire, and once more when a server refuses one (it
 * may have been revoked or expired early). Refreshes of one account never overlap: providers rotate
 * refresh tokens, and a second refresh with the already-used one would fail, or make the provider
 * revoke the whole grant as a replay (RFC 9700 §4.14.2). When the provider says the grant is gone
 * (invalid_grant), the account needs a new sign-in: SignInAgainError, until `signedIn` is called.
 */
import { AppError } from '../../../shared/errors'
import type { SecretStore } from '../secrets/secret-store'
import type { HttpOptions } from './http'
import type { OAuthClient } from './oauth-config'
import { isSignInAgain, SignInAgainError } from './oauth-errors'
import { refreshTokens, type TokenSet } from './token-endpoint'

/** Where an account's grant is refreshed: from the account's settings (phase 2 wires this). */
export interface OAuthGrantSettings {
  tokenEndpoint: string
  client: OAuthClient
}

export interface TokenManagerOptions {
  secrets: SecretStore
  grantOf(accountId: string): OAuthGrantSettings | Promise<OAuthGrantSettings>
  now?: () => number
  /** Refresh this long before expiry (default 60 s; at most half of the token's lifetime). */
  refreshMarginMs?: number
  http?: HttpOptions
  /** Told once each time an account needs a new sign-in (for the "Sign in again" button). */
  onSignInRequired?(accountId: string, error: AppError): void
  /**
   * A rotated refresh token could not be saved in the SecretStore: it is kept in memory for this
   * session, so mail keeps working, but after a restart the account will need a new sign-in.
   */
  onSecretStoreError?(accountId: string, error: unknown): void
}

/** The keychain entry of an account's refresh token. */
export function refreshTokenKey(accountId: string): string {
  return `oauth:${accountId}:refresh-token`
}

interface Entry {
  accessToken?: string
  expiresAt: number | null
  obtainedAt: number
  /** The newest refresh token, also in memory: it is the one to use even if saving it failed. */
  refreshToken?: string
  refreshing?: Promise<string>
  signInRequired?: AppError
}

/**
 * Refusals a fresh token can cure. Not: a missing scope or a malformed request (a new token would
 * be refused the same way), a server without OAuth mechanisms, or a grant that is gone.
 */
function curableRefusal(err: unknown): boolean {
  if (!(err instanceof AppError) || err.code !== 'AUTH_FAILED' || isSignInAgain(err)) return false
  const reason = err.detail?.['reason']
  return reason !== 'insufficient-scope' && reason !== 'invalid-request' && reason !== 'no-oauth-mechanism'
}

export class TokenManager {
  private readonly entries = new Map<string, Entry>()
  private readonly now: () => number

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now
  }

  /** After a sign-in: keeps the refresh token in the SecretStore, the access token in memory. */
  async signedIn(accountId: string, tokens: TokenSet): Promise<void> {
    if (tokens.refreshToken !== undefined) {
      await this.options.secrets.set(refreshTokenKey(accountId), tokens.refreshToken)
    }
    this.entries.set(accountId, {
      accessToken: tokens.accessToken,
      expiresAt: tokens.expiresAt,
      obtainedAt: this.now(),
      ...(tokens.refreshToken !== undefined ? { refreshToken: tokens.refreshToken } : {}),
    })
  }

  /** True once the provider refused the grant, until the next sign-in. */
  needsSignIn(accountId: string): boolean {
    return this.entries.get(accountId)?.signInRequired !== undefined
  }

  /** A valid access token: the one in memory while it is fresh, else a refreshed one. */
  async accessToken(accountId: string): Promise<string> {
    const entry = this.entry(accountId)
    if (entry.signInRequired) throw entry.signInRequired
    if (entry.accessToken !== undefined && this.fresh(entry)) return entry.accessToken
    return this.refresh(accountId)
  }

  /**
   * Runs `use` (a login) with an access token. If the server refuses it, the token is dropped,
   * refreshed once (or taken from a refresh that happened meanwhile) and `use` runs once more; a
   * second refusal is the caller's error.
   */
  async withAccessToken<T>(accountId: string, use: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken(accountId)
    try {
      return await use(token)
    } catch (err) {
      if (!curableRefusal(err)) throw err
      const entry = this.entry(accountId)
      if (entry.accessToken === token) delete entry.accessToken
      const next =
        entry.accessToken !== undefined && this.fresh(entry)
          ? entry.accessToken
          : await this.refresh(accountId)
      return use(next)
    }
  }

  /** A new access token now (one refresh per account at a time; callers share it). */
  refresh(accountId: string): Promise<string> {
    const entry = this.entry(accountId)
    if (entry.signInRequired) return Promise.reject(entry.signInRequired)
    entry.refreshing ??= this.runRefresh(accountId, entry).finally(() => delete entry.refreshing)
    return entry.refreshing
  }

  /** Forgets the account's tokens, in memory and in the SecretStore (account removed, signed out). */
  async forget(accountId: string): Promise<void> {
    this.entries.delete(accountId)
    await this.options.secrets.delete(refreshTokenKey(accountId))
  }

  private entry(accountId: string): Entry {
    let entry = this.entries.get(accountId)
    if (!entry) {
      entry = { expiresAt: null, obtainedAt: 0 }
      this.entries.set(accountId, entry)
    }
    return entry
  }

  private fresh(entry: Entry): boolean {
    if (entry.expiresAt === null) return true
    const lifetime = entry.expiresAt - entry.obtainedAt
    const margin = Math.min(this.options.refreshMarginMs ?? 60_000, lifetime / 2)
    return this.now() < entry.expiresAt - margin
  }

  private async runRefresh(accountId: string, entry: Entry): Promise<string> {
    try {
      const refreshToken = entry.refreshToken ?? (await this.options.secrets.get(refreshTokenKey(accountId)))
      if (refreshToken === null) {
        throw new SignInAgainError('No sign-in is stored for this account')
      }
      const grant = await this.options.grantOf(accountId)
      const startedAt = this.now()
      const tokens = await refreshTokens(grant.tokenEndpoint, grant.client, refreshToken, {
        ...this.options.http,
        now: this.now,
      })
      entry.accessToken = tokens.accessToken
      entry.expiresAt = tokens.expiresAt
      entry.obtainedAt = startedAt
      // Rotation: the new refresh token replaces the old one, which the provider no longer takes.
      if (tokens.refreshToken !== undefined && tokens.refreshToken !== refreshToken) {
        entry.refreshToken = tokens.refreshToken
        // A sign-in that finished meanwhile replaced the entry: its refresh token stays stored.
        if (this.entries.get(accountId) !== entry) return tokens.accessToken
        await this.options.secrets
          .set(refreshTokenKey(accountId), tokens.refreshToken)
          .catch((err: unknown) => this.options.onSecretStoreError?.(accountId, err))
      } else {
        entry.refreshToken = refreshToken
      }
      return tokens.accessToken
    } catch (err) {
      if (isSignInAgain(err) && err instanceof AppError) {
        delete entry.accessToken
        delete entry.refreshToken
        entry.signInRequired = err
        this.options.onSignInRequired?.(accountId, err)
      }
      throw err
    }
  }
}
