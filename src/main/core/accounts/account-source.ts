import type { Account, ServerRole } from '../../../shared/model/account'

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
}
