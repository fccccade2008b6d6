import type { AccountsApi } from '../../../shared/ipc/accounts-api'
import {
  accountDraftSchema,
  accountIdSchema,
  discoveryIdSchema,
  emailAddressSchema,
  credentialsSchema,
  passwordChangesSchema,
  signInIdSchema,
  signInRequestSchema,
} from '../../core/accounts/account-input'
import { args, type ArgSpecs } from './arg-spec'

// The schemas live with the accounts service, which checks its input again for other callers.
export const ACCOUNTS_SCHEMAS: ArgSpecs<AccountsApi> = {
  listAccounts: args(),
  discoverSettings: args(['discoveryId', discoveryIdSchema], ['address', emailAddressSchema]),
  cancelDiscovery: args(['discoveryId', discoveryIdSchema]),
  testAccount: args(['draft', accountDraftSchema], ['passwords', credentialsSchema]),
  addAccount: args(['draft', accountDraftSchema], ['passwords', credentialsSchema]),
  signIn: args(['signInId', signInIdSchema], ['request', signInRequestSchema]),
  cancelSignIn: args(['signInId', signInIdSchema]),
  updateAccount: args(
    ['accountId', accountIdSchema],
    ['draft', accountDraftSchema],
    ['passwords', passwordChangesSchema],
  ),
  removeAccount: args(['accountId', accountIdSchema]),
  getPop3Status: args(['accountId', accountIdSchema]),
  checkNow: args(['accountId', accountIdSchema]),
}
