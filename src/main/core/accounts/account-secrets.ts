import { AppError } from '../../../shared/errors'
import type { ServerRole } from '../../../shared/model/account'
import type { SecretStore } from '../secrets/secret-store'
import type { AccountSource } from './account-source'
import type { AccountStore } from './account-store'

/** The keychain entry of one server's password: one per account and role, never a file. */
export function secretKey(accountId: string, role: ServerRole): string {
  return `account:${accountId}:${role}`
}

/** AccountSource over the local store (settings) and the SecretStore (passwords). */
export function createAccountSource(store: AccountStore, secrets: SecretStore): AccountSource {
  return {
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
}
