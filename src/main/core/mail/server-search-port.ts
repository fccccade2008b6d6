import type { SearchObject } from 'imapflow'
import type { AccountRegistry } from '../imap/account-registry'
import { PRIORITY } from '../imap/imap-session'
import { searchMailboxOnServer } from '../imap/server-search'
import type { MailStore } from '../store/mail-store'

/** What search asks of the IMAP engines: the server's own SEARCH, and headers it does not have. */
export interface ServerSearchPort {
  /** UIDs in one server mailbox that match, ascending (AppError on failure). */
  search(accountId: string, mailboxId: number, criteria: SearchObject): Promise<number[]>
  /** Syncs the mailbox's headers now: a server hit the store does not know yet gets its row. */
  syncMailbox(accountId: string, mailboxId: number): Promise<void>
}

export function createServerSearchPort(registry: AccountRegistry, store: MailStore): ServerSearchPort {
  return {
    search: (accountId, mailboxId, criteria) =>
      searchMailboxOnServer(registry.requireSync(accountId), store, mailboxId, criteria),
    async syncMailbox(accountId, mailboxId) {
      await registry.requireSync(accountId).syncMailbox(mailboxId, PRIORITY.interactive)
    },
  }
}
