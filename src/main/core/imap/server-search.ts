import type { SearchObject } from 'imapflow'
import type { MailStore } from '../store/mail-store'
import type { AccountSync } from './account-sync'
import { checked } from './imap-client'
import { PRIORITY } from './imap-session'
import { parseSequenceSet } from './uid-set'

/**
 * The UIDs of one server mailbox matching `criteria`, by the server's own `UID SEARCH` (RFC 3501
 * §6.4.4). Where the server offers ESEARCH (RFC 4731, part of IMAP4rev2) the answer is asked for
 * as `RETURN (ALL)`: one compact set ("1:500,702") instead of a list of every number. imapflow
 * adds `CHARSET UTF-8` when a value is not ASCII. Runs at interactive priority: a person waits.
 */
export function searchMailboxOnServer(
  sync: AccountSync,
  store: MailStore,
  mailboxId: number,
  criteria: SearchObject,
): Promise<number[]> {
  return sync.session.run(
    PRIORITY.interactive,
    async (client) => {
      const mb = store.mailboxes.require(mailboxId)
      const lock = await client.getMailboxLock(mb.path, { description: 'search' })
      try {
        const found = await checked(client, 'UID SEARCH', () =>
          client.search(criteria, { uid: true, returnOptions: ['all'] }),
        )
        if (Array.isArray(found)) return [...new Set(found)].sort((a, b) => a - b)
        return parseSequenceSet(found.all ?? '')
      } finally {
        lock.release()
      }
    },
    { idempotent: true },
  )
}
