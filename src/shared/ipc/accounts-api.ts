import type {
  Account,
  AccountDraft,
  AccountPasswords,
  OAuthCredentials,
  PasswordChanges,
  Pop3Status,
  SignInRequest,
} from '../model/account'
import type { DiscoveryResult, VerificationReport } from '../model/discovery'
import { methodList } from './method-list'

/** Accounts: their settings (never their passwords: the API accepts a password but never returns one). */
export interface AccountsApi {
  listAccounts(): Promise<Account[]>
  /**
   * Finds the servers for an address. Progress arrives as `sync:progress` events whose accountId
   * is `discoveryId` and whose phase is `discover:<phase>` (DISCOVERY_PHASES). Ends within 15 s.
   */
  discoverSettings(discoveryId: string, address: string): Promise<DiscoveryResult>
  /** Stops a running discovery: it then fails with CANCELLED. */
  cancelDiscovery(discoveryId: string): Promise<void>
  /** Logs in to both servers without saving anything. */
  testAccount(
    draft: AccountDraft,
    passwords: AccountPasswords | OAuthCredentials,
  ): Promise<VerificationReport>
  /**
   * Verifies both servers, then saves the account (passwords to the keychain; an OAuth account
   * names its finished sign-in instead, whose refresh token goes to the keychain).
   */
  addAccount(draft: AccountDraft, passwords: AccountPasswords | OAuthCredentials): Promise<Account>
  /**
   * Signs in with OAuth 2.0 in the system browser, for a new account (then `addAccount` with the
   * same `signInId`) or again for an account that shows "Sign in again". Resolves on success;
   * tokens never cross IPC. Rejects with CANCELLED after `cancelSignIn`.
   */
  signIn(signInId: string, request: SignInRequest): Promise<void>
  /** Stops a running sign-in (the person closed the step). */
  cancelSignIn(signInId: string): Promise<void>
  /** Saves changes; changed settings or passwords are verified first. */
  updateAccount(accountId: string, draft: AccountDraft, passwords: PasswordChanges): Promise<Account>
  /** Removes the account, its keychain entries and its local data. */
  removeAccount(accountId: string): Promise<void>
  /** A POP3 account's last check (null before the first one, or for other accounts). */
  getPop3Status(accountId: string): Promise<Pop3Status | null>
  /**
   * Checks the account for new mail now (POP3: downloads; IMAP: syncs the folders). Rejects with
   * the server's words when the check fails.
   */
  checkNow(accountId: string): Promise<void>
}

export const ACCOUNTS_METHODS = methodList<AccountsApi>()([
  'listAccounts',
  'discoverSettings',
  'cancelDiscovery',
  'testAccount',
  'addAccount',
  'signIn',
  'cancelSignIn',
  'updateAccount',
  'removeAccount',
  'getPop3Status',
  'checkNow',
])
