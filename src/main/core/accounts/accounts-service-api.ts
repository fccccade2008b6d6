/**
 * What the accounts service offers (accounts-service.ts implements it). Consumers import this
 * interface, never the implementation.
 */
import type {
  Account,
  AccountDraft,
  AccountPasswords,
  OAuthCredentials,
  PasswordChanges,
  SignInRequest,
} from '../../../shared/model/account'
import type { DiscoveryResult, VerificationReport } from '../../../shared/model/discovery'

/** Accounts: find, verify, save, change, remove. Passwords go in and never come out. */
export interface AccountsService {
  list(): Account[]
  discover(discoveryId: string, address: string): Promise<DiscoveryResult>
  cancelDiscovery(discoveryId: string): void
  /** Verifies both servers without saving anything. */
  test(draft: AccountDraft, passwords: AccountPasswords | OAuthCredentials): Promise<VerificationReport>
  /** Verifies both servers, then saves the settings and the passwords (keychain). */
  add(draft: AccountDraft, passwords: AccountPasswords | OAuthCredentials): Promise<Account>
  /**
   * Signs in with OAuth 2.0 in the system browser: for a new account (its tokens wait for `add`
   * under `signInId`), or again for an existing one (mail and the outbox resume). Resolves when
   * signed in; never returns a token. CANCELLED after `cancelSignIn`.
   */
  signIn(signInId: string, request: SignInRequest): Promise<void>
  cancelSignIn(signInId: string): void
  /** Saves changes; a server whose settings or password change is verified again first. */
  update(accountId: string, draft: AccountDraft, passwords: PasswordChanges): Promise<Account>
  /**
   * Removes the account: the database deletes every row of its data with it, then every keychain
   * entry of it goes (store/account-removal.ts); `accounts:changed` tells the running services.
   */
  remove(accountId: string): Promise<void>
}
