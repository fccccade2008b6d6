import type { Account, ServerRole } from '../../../shared/model/account'
import type { LoginSecret } from '../sasl/oauth-sasl'

/** The protocol features (outbox, sync) tell "sign in again" apart with this (auth/oauth-errors.ts). */
export { isSignInAgain } from '../auth/oauth-errors'

/**
 * What protocol services (IMAP sync, POP3, SMTP) need from the accounts feature: the account's
 * settings and, at connection time, its password. Implemented by the accounts service over the
 * store and the SecretStore; tests can implement it with plain objects.
 */
export interface AccountSource {
  /** Throws AppError ACCOUNT_NOT_FOUND (field "accountId") when there is no such account. */
  get(accountId: string): Account
  /**
   * The password for one of the account's servers. Throws AppError SECRET_STORE_UNAVAILABLE when
   * the keychain cannot be read, AUTH_FAILED (detail.reason "no-password") when none is stored.
   */
  password(accountId: string, role: ServerRole): Promise<string>
  /**
   * Runs a login (`use` connects and authenticates) with the account's credential: its password,
   * or for an OAuth account a bearer access token, refreshed and tried once more when the server
   * refuses it. A grant that is gone fails with SignInAgainError (auth/oauth-errors.ts). Optional:
   * sources without OAuth accounts (tests) fall back to `password` (see `withLogin`).
   */
  withLogin?<T>(accountId: string, role: ServerRole, use: (secret: LoginSecret) => Promise<T>): Promise<T>
}

/** Logs in with whatever the account uses (AccountSource.withLogin, or its password). */
export function withLogin<T>(
  source: AccountSource,
  accountId: string,
  role: ServerRole,
  use: (secret: LoginSecret) => Promise<T>,
): Promise<T> {
  if (source.withLogin) return source.withLogin(accountId, role, use)
  return source.password(accountId, role).then(use)
}
