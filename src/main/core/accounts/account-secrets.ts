import { AppError } from '../../../shared/errors'
import type { ServerRole } from '../../../shared/model/account'
import { refreshTokenKey } from '../auth/token-manager'
import type { SecretStore } from '../secrets/secret-store'
import { bearer } from '../sasl/oauth-sasl'
import type { AccountSource } from './account-source'
import type { TokenManager } from '../auth/token-manager'
import type { AccountStore } from './account-store'

/** The keychain entry of one server's password: one per account and role, never a file. */
export function secretKey(accountId: string, role: ServerRole): string {
  return `account:${accountId}:${role}`
}

/**
 * Every keychain entry an account can have: a password per server and an OAuth refresh token.
 * Removing the account deletes all of them (store/account-removal.ts has the whole policy).
 */
export function accountSecretKeys(accountId: string): string[] {
  return [secretKey(accountId, 'incoming'), secretKey(accountId, 'outgoing'), refreshTokenKey(accountId)]
}

/**
 * AccountSource over the local store (settings) and the SecretStore (passwords); OAuth accounts
 * log in with the token manager's access tokens.
 */
export function createAccountSource(
  store: AccountStore,
  secrets: SecretStore,
  tokens?: TokenManager,
): AccountSource {
  const source: AccountSource = {
    async withLogin(accountId, role, use) {
      const account = source.get(accountId)
      if (account.auth && tokens) return tokens.withAccessToken(accountId, (t) => use(bearer(t)))
      return source.password(accountId, role).then(use)
    },
    get(accountId) {
      const account = store.get(accountId)
      if (!account) {
        throw new AppError('ACCOUNT_NOT_FOUND', `No account ${accountId}`, { detail: { field: 'accountId' } })
      }
      return account
    },
    async password(accountId, role) {
      const secret = await secrets.get(secretKey(accountId, role))
      if (secret === null) {
        throw new AppError('AUTH_FAILED', 'No password is stored for this account', {
          detail: { reason: 'no-password', role },
        })
      }
      return secret
    },
  }
  return source
}
