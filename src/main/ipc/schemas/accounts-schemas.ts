import type { AccountsApi } from '../../../shared/ipc/accounts-api'
import { args, type ArgSpecs } from './arg-spec'

export const ACCOUNTS_SCHEMAS: ArgSpecs<AccountsApi> = {
  listAccounts: args(),
}
