import { migrate, type Db } from '../store/database'
import { MAIL_MIGRATIONS } from './mail-schema'
import { createMailboxRepo, type MailboxRepo } from './mailbox-repo'
import { createMessageRepo, type MessageRepo } from './message-repo'
import { createSourceRepo, type SourceRepo } from './source-repo'

/** The local mail store: one SQLite database, one repository per table family. */
export interface MailStore {
  db: Db
  mailboxes: MailboxRepo
  messages: MessageRepo
  sources: SourceRepo
}

export function createMailStore(db: Db): MailStore {
  migrate(db, 'mail', MAIL_MIGRATIONS)
  return {
    db,
    mailboxes: createMailboxRepo(db),
    messages: createMessageRepo(db),
    sources: createSourceRepo(db),
  }
}
