import { migrate, type Db } from '../store/database'
import { createActionQueue, type ActionQueue } from './action-queue'
import { MAIL_MIGRATIONS } from './mail-schema'
import { createMailboxRepo, type MailboxRepo } from './mailbox-repo'
import { createMessageMutations, type MessageMutations } from './message-mutations'
import { createMessageRepo, type MessageRepo } from './message-repo'
import { createSourceRepo, type SourceRepo } from './source-repo'

/** The local mail store: one SQLite database, one repository per table family. */
export interface MailStore {
  db: Db
  mailboxes: MailboxRepo
  messages: MessageRepo
  mutations: MessageMutations
  sources: SourceRepo
  queue: ActionQueue
}

export function createMailStore(db: Db): MailStore {
  migrate(db, 'mail', MAIL_MIGRATIONS)
  const sources = createSourceRepo(db)
  return {
    db,
    mailboxes: createMailboxRepo(db),
    messages: createMessageRepo(db),
    mutations: createMessageMutations(db, sources),
    sources,
    queue: createActionQueue(db),
  }
}
