import type { AccountSource } from '../accounts/account-source'

/**
 * "Check now" for one account: POP3 accounts download what is new (the scheduler's check, joined
 * when one is running), IMAP accounts sync their folders. A failure comes back as the protocol's
 * AppError, with the server's words.
 */
export function createCheckNow(deps: {
  accounts: AccountSource
  pop3: { checkNow(accountId: string): Promise<unknown> }
  imap: { syncAccount(accountId: string): Promise<void> }
}): (accountId: string) => Promise<void> {
  return async (accountId) => {
    const account = deps.accounts.get(accountId)
    if (account.incoming.protocol === 'pop3') await deps.pop3.checkNow(accountId)
    else await deps.imap.syncAccount(accountId)
  }
}
