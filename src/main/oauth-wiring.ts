/**
 * How OAuth 2.0 accounts hang together with the running services (used by services.ts): one token
 * manager for every protocol client, "sign in again" shown on the account, and, after a new
 * sign-in, mail sync and the outbox resume what waited for it.
 */
import { isSignInAgain } from './core/auth/oauth-errors'
import { clientRegistryFromEnv, type OAuthClientRegistry } from './core/auth/providers'
import type { OpenExternal } from './core/auth/sign-in'
import { AccountOAuth } from './core/accounts/account-oauth'
import type { AccountStore } from './core/accounts/account-store'
import type { EventBus } from './core/events'
import type { Outbox } from './core/outbox/outbox-types'
import type { SecretStore } from './core/secrets/secret-store'
import type { HttpOptions } from './core/auth/http'

export interface OAuthWiringOptions {
  /** The system browser (Electron's shell.openExternal); tests drive Chromium with it. */
  openExternal?: OpenExternal
  /** The app's client ids per provider; default: MAILROOM_OAUTH_<ID>_CLIENT_ID from the build. */
  clients?: OAuthClientRegistry
  http?: HttpOptions
  signInTimeoutMs?: number
  refreshMarginMs?: number
}

/**
 * The client ids the packager configured: each variable is read by its literal name so that a build
 * can bake it in with electron-vite's `define` (README, "Packaging: OAuth client ids"); at run time
 * the same variables in the environment work too.
 */
function buildTimeOAuthEnv(): Record<string, string | undefined> {
  return {
    MAILROOM_OAUTH_GOOGLE_CLIENT_ID: process.env.MAILROOM_OAUTH_GOOGLE_CLIENT_ID,
    MAILROOM_OAUTH_GOOGLE_CLIENT_SECRET: process.env.MAILROOM_OAUTH_GOOGLE_CLIENT_SECRET,
    MAILROOM_OAUTH_MICROSOFT_CLIENT_ID: process.env.MAILROOM_OAUTH_MICROSOFT_CLIENT_ID,
    MAILROOM_OAUTH_YAHOO_CLIENT_ID: process.env.MAILROOM_OAUTH_YAHOO_CLIENT_ID,
    MAILROOM_OAUTH_YAHOO_CLIENT_SECRET: process.env.MAILROOM_OAUTH_YAHOO_CLIENT_SECRET,
    MAILROOM_OAUTH_AOL_CLIENT_ID: process.env.MAILROOM_OAUTH_AOL_CLIENT_ID,
    MAILROOM_OAUTH_AOL_CLIENT_SECRET: process.env.MAILROOM_OAUTH_AOL_CLIENT_SECRET,
    MAILROOM_OAUTH_FASTMAIL_CLIENT_ID: process.env.MAILROOM_OAUTH_FASTMAIL_CLIENT_ID,
  }
}

const NO_BROWSER: OpenExternal = () =>
  Promise.reject(new Error('No system browser is available to sign in with'))

export function createAccountOAuth(
  opts: OAuthWiringOptions | undefined,
  deps: { secrets: SecretStore; store: AccountStore; events: EventBus; outbox: () => Outbox | undefined },
): AccountOAuth {
  return new AccountOAuth({
    secrets: deps.secrets,
    store: deps.store,
    clients: opts?.clients ?? clientRegistryFromEnv(buildTimeOAuthEnv()),
    openExternal: opts?.openExternal ?? NO_BROWSER,
    ...(opts?.http ? { http: opts.http } : {}),
    ...(opts?.signInTimeoutMs !== undefined ? { signInTimeoutMs: opts.signInTimeoutMs } : {}),
    ...(opts?.refreshMarginMs !== undefined ? { refreshMarginMs: opts.refreshMarginMs } : {}),
    // The account list shows "Sign in again" (listAccounts reads needsSignIn).
    onSignInRequired: (accountId) => deps.events.emit('accounts:changed', { accountId }),
    onSignedIn: (accountId) => {
      // accounts:changed wakes the account's mail engine (a stalled one included) and POP3.
      deps.events.emit('accounts:changed', { accountId })
      resumeOutbox(deps.outbox(), accountId)
    },
  })
}

/** Messages that waited for a new sign-in go out now. */
function resumeOutbox(outbox: Outbox | undefined, accountId: string): void {
  if (!outbox) return
  for (const item of outbox.list()) {
    if (item.accountId !== accountId || item.state !== 'queued' || !isSignInAgain(item.lastError)) continue
    try {
      outbox.retryNow(item.id)
    } catch {
      // It left or was taken back meanwhile: nothing to resume.
    }
  }
}
