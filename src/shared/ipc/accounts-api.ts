import type { Account } from '../model/account'
import { methodList } from './method-list'

/** Accounts: their settings (never their passwords: the API accepts a password but never returns one). */
export interface AccountsApi {
  listAccounts(): Promise<Account[]>
}

export const ACCOUNTS_METHODS = methodList<AccountsApi>()(['listAccounts'])
