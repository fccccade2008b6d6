import { migrate, type Db } from './database'
import { createActionQueue, type ActionQueue } from './action-queue'
import { createContactsFeed } from './contacts-feed'
import { createListQueries, type ListQueries } from './list-view-query'
import { LIST_VIEW_MIGRATIONS } from './list-view-schema'
import { MAIL_MIGRATIONS, MAIL_REPLAY_MIGRATIONS } from './mail-schema'
import { createMailboxRepo, type MailboxRepo } from './mailbox-repo'
import { createMessageMutations, type MessageMutations } from './message-mutations'
import { createMessageRepo, type MessageRepo } from './message-repo'
import type { SeenAddressSink } from './seen-addresses'
import { createSourceRepo, type SourceRepo } from './source-repo'
import { createThreadIndex, type ThreadIndex } from './thread-index'

/** The local mail store: one SQLite database, one repository per table family. */
export interface MailStore {
  db: Db
  mailboxes: MailboxRepo
  messages: MessageRepo
  mutations: MessageMutations
  sources: SourceRepo
  queue: ActionQueue
  threads: ThreadIndex
  /** Pages of a list sorted and filtered, over one mailbox or several (unified views). */
  lists: ListQueries
  /**
   * Feeds the addresses of up to `limit` rows stored since the last call to the contacts (see
   * contacts-feed.ts); returns how many rows it read (0: up to date, or no contacts).
   */
  feedContacts(limit: number): number
  purgeAccount(accountId: string): void
}

export interface MailStoreOptions {
  /** Addresses of stored mail (From, To, Cc) for autocomplete. */
  contacts?: SeenAddressSink
  /** Called (inside the transaction) whenever rows were stored. */
  onInserted?: () => void
}

export function createMailStore(db: Db, opts: MailStoreOptions = {}): MailStore {
  migrate(db, 'mail', MAIL_MIGRATIONS)
  migrate(db, 'mail-replay', MAIL_REPLAY_MIGRATIONS)
  migrate(db, 'mail-list-views', LIST_VIEW_MIGRATIONS)
  const sources = createSourceRepo(db)
  const mailboxes = createMailboxRepo(db)
  const threads = createThreadIndex(db)
  const feed = opts.contacts ? createContactsFeed(db, opts.contacts) : null
  return {
    db,
    mailboxes,
    messages: createMessageRepo(db, { threads, onInserted: opts.onInserted }),
    mutations: createMessageMutations(db, sources),
    sources,
    queue: createActionQueue(db),
    threads,
    lists: createListQueries(db, threads),
    feedContacts: (limit) => feed?.step(limit) ?? 0,
    purgeAccount(accountId) {
      db.transaction(() => {
        mailboxes.purgeAccount(accountId)
        threads.purgeAccount(accountId)
      })()
    },
  }
}
