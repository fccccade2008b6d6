import type { Migration } from './database'

/**
 * The local mail store. Rows are keyed by `account_id TEXT` without a foreign key to `accounts`:
 * that table belongs to another feature, and the mail service purges an account's rows itself
 * when the account goes away (`purgeAccount`, and an orphan sweep at start-up).
 */
export const MAIL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'mailboxes, message headers, raw sources',
    up: (db) =>
      db.exec(`
        CREATE TABLE mail_mailboxes (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          account_id TEXT NOT NULL,
          path TEXT NOT NULL,
          name TEXT NOT NULL,
          parent_path TEXT,
          delimiter TEXT,
          role TEXT,
          selectable INTEGER NOT NULL DEFAULT 1,
          -- 1: a local folder (POP3 accounts); never synced with a server.
          is_local INTEGER NOT NULL DEFAULT 0,
          uid_validity INTEGER,
          uid_next INTEGER,
          -- CONDSTORE HIGHESTMODSEQ (decimal text: 63-bit), written only when a sync completed.
          highest_modseq TEXT,
          -- Counts from LIST-STATUS, shown until the first complete sync.
          status_total INTEGER,
          status_unread INTEGER,
          synced_at INTEGER,
          UNIQUE (account_id, path)
        );
        CREATE TABLE mail_messages (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          mailbox_id INTEGER NOT NULL REFERENCES mail_mailboxes(id) ON DELETE CASCADE,
          account_id TEXT NOT NULL,
          -- NULL: not on a server (local folders, or a queued copy/move not replayed yet).
          uid INTEGER,
          seen INTEGER NOT NULL DEFAULT 0,
          flagged INTEGER NOT NULL DEFAULT 0,
          answered INTEGER NOT NULL DEFAULT 0,
          draft INTEGER NOT NULL DEFAULT 0,
          -- Other flags and keywords (JSON array), e.g. $Junk.
          keywords TEXT,
          -- 1: a queued delete/move removes it; hidden from the UI, still known to the sync.
          hidden INTEGER NOT NULL DEFAULT 0,
          -- Queued actions that touch it: the sync does not overwrite its flags meanwhile.
          pending INTEGER NOT NULL DEFAULT 0,
          subject TEXT NOT NULL DEFAULT '',
          from_json TEXT NOT NULL DEFAULT '[]',
          to_json TEXT NOT NULL DEFAULT '[]',
          cc_json TEXT NOT NULL DEFAULT '[]',
          date INTEGER NOT NULL,
          received_at INTEGER NOT NULL,
          size INTEGER NOT NULL DEFAULT 0,
          has_attachments INTEGER NOT NULL DEFAULT 0,
          message_id TEXT,
          in_reply_to TEXT,
          refs TEXT,
          preview TEXT,
          has_source INTEGER NOT NULL DEFAULT 0,
          parse_problem TEXT,
          remote_allowed INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX mail_messages_uid ON mail_messages (mailbox_id, uid) WHERE uid IS NOT NULL;
        CREATE INDEX mail_messages_list ON mail_messages (mailbox_id, hidden, date DESC, uid DESC, id DESC);
        CREATE INDEX mail_messages_unread ON mail_messages (mailbox_id, hidden, seen);
        -- Raw RFC 5322 sources in chunks (see docs/architecture.md: why BLOBs, why chunks).
        CREATE TABLE mail_sources (
          message_id INTEGER NOT NULL REFERENCES mail_messages(id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (message_id, seq)
        );
        CREATE TABLE mail_remote_senders (
          account_id TEXT NOT NULL,
          address TEXT NOT NULL,
          PRIMARY KEY (account_id, address)
        );
      `),
  },
  {
    version: 2,
    description: 'durable action queue',
    up: (db) =>
      db.exec(`
        -- Reader actions on server mailboxes, applied to the store at once and replayed on the
        -- server in id order (per account) by the engine; rows survive restarts.
        CREATE TABLE mail_actions (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          account_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          payload TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX mail_actions_account ON mail_actions (account_id, id);
      `),
  },
  {
    version: 3,
    description: 'unread count index only over unread rows',
    up: (db) =>
      db.exec(`
        -- Only unread, visible rows: most mail is read, so a 100,000-row sync maintains a much
        -- smaller index, and the unread count still reads nothing else.
        DROP INDEX mail_messages_unread;
        CREATE INDEX mail_messages_unseen ON mail_messages (mailbox_id) WHERE seen = 0 AND hidden = 0;
      `),
  },
  {
    version: 4,
    description: 'conversation threads, the contacts feed',
    up: (db) =>
      db.exec(`
        -- The conversation a message belongs to (docs/architecture.md, Threads). NULL only for
        -- rows stored before this version, until the start-up backfill reaches them.
        ALTER TABLE mail_messages ADD COLUMN thread_id INTEGER;
        CREATE INDEX mail_messages_thread ON mail_messages (thread_id);
        CREATE INDEX mail_messages_unthreaded ON mail_messages (id) WHERE thread_id IS NULL;
        -- Every Message-ID an account's mail names (its own, In-Reply-To, References) and the
        -- thread it belongs to: a message finds its conversation with a few indexed lookups.
        -- Rows stay when messages go, so a late reply still finds the thread.
        CREATE TABLE mail_thread_ids (
          account_id TEXT NOT NULL,
          message_id TEXT NOT NULL,
          thread_id INTEGER NOT NULL,
          PRIMARY KEY (account_id, message_id)
        ) WITHOUT ROWID;
        CREATE INDEX mail_thread_ids_thread ON mail_thread_ids (thread_id);
        -- Thread ids are never reused (merged threads leave gaps).
        CREATE TABLE mail_thread_seq (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          next INTEGER NOT NULL
        );
        INSERT INTO mail_thread_seq (id, next) VALUES (1, 1);
        -- How far the contacts feed has read mail_messages (row ids only grow: AUTOINCREMENT).
        CREATE TABLE mail_contacts_fed (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          up_to INTEGER NOT NULL
        );
        INSERT INTO mail_contacts_fed (id, up_to) VALUES (1, 0);
      `),
  },
]

/**
 * Crash-safe replay of COPY/MOVE (docs/architecture.md, "Replaying COPY and MOVE after a crash").
 * A feature of its own so it can grow independently of the mail tables' own numbering.
 */
export const MAIL_REPLAY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'in-flight marks of replayed COPY/MOVE actions',
    up: (db) =>
      db.exec(`
        -- Written (and committed) right before a queued COPY/MOVE is sent to the server, deleted
        -- with the action: an action replayed while marked may already have been carried out.
        -- The target's UIDVALIDITY and UIDNEXT just before the command bound where copies can be.
        CREATE TABLE mail_actions_in_flight (
          action_id INTEGER PRIMARY KEY REFERENCES mail_actions(id) ON DELETE CASCADE,
          uid_validity INTEGER NOT NULL,
          uid_next INTEGER NOT NULL,
          started_at INTEGER NOT NULL
        );
      `),
  },
]
