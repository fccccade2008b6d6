import type { Migration } from '../store/database'

/**
 * The search index. Migrated after the mail feature (its trigger names mail_messages).
 *
 * - `search_fts` is contentless (content=''): results are read from mail_messages through a join
 *   anyway, so storing the words twice would only double the index. `contentless_delete=1`
 *   (SQLite ≥ 3.43) lets a row be deleted by rowid without its old words.
 * - No INSERT trigger on mail_messages: the header sync stores rows in bursts of thousands and
 *   must not get slower, so rows are indexed afterwards, in batches, above `search_indexed.up_to`
 *   (row ids only grow: AUTOINCREMENT).
 * - An AFTER DELETE trigger removes a deleted row's entry (only rows already indexed). The search
 *   joins mail_messages, so a deleted row could never be shown anyway; the trigger keeps the index
 *   from filling with dead entries (expunges, purged accounts) that every query would still read.
 */
export const SEARCH_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'full-text index of subjects, senders and recipients',
    up: (db) =>
      db.exec(`
        CREATE VIRTUAL TABLE search_fts USING fts5(
          subject, sender, recipients,
          content='', contentless_delete=1,
          tokenize='unicode61 remove_diacritics 2', prefix='2 3'
        );
        CREATE TABLE search_indexed (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          up_to INTEGER NOT NULL
        );
        INSERT INTO search_indexed (id, up_to) VALUES (1, 0);
        CREATE TRIGGER search_fts_delete AFTER DELETE ON mail_messages
        WHEN old.id <= (SELECT up_to FROM search_indexed WHERE id = 1) BEGIN
          DELETE FROM search_fts WHERE rowid = old.id;
        END;
      `),
  },
]

/**
 * Bodies and attachment names in the index (issue 17). A feature of its own ('search-bodies') so
 * its numbering never meets another branch's. FTS5 tables cannot gain columns, so the index is
 * made again with two more and refilled from row 1 by the background pass (about a second per
 * 100,000 headers); bodies follow as their sources are stored.
 *
 * - `search_bodies` lists the rows whose body and attachment names are in the index (and how
 *   many bytes of text that was): the body pass indexes stored sources not listed there, newest
 *   first, and can stop and resume anywhere.
 * - `search_sources` (a partial index of mail_messages) finds the rows with a stored source
 *   without reading the others.
 * - `search_newest` lets a query without words (`is:unread`, `has:attachment`) walk every
 *   folder's mail newest first and stop at the first page, instead of sorting all of it.
 */
export const SEARCH_BODY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'bodies and attachment names in the full-text index',
    up: (db) =>
      db.exec(`
        DROP TRIGGER IF EXISTS search_fts_delete;
        DROP TABLE IF EXISTS search_fts;
        CREATE VIRTUAL TABLE search_fts USING fts5(
          subject, sender, recipients, body, filenames,
          content='', contentless_delete=1,
          tokenize='unicode61 remove_diacritics 2', prefix='2 3'
        );
        UPDATE search_indexed SET up_to = 0 WHERE id = 1;
        CREATE TABLE search_bodies (
          message_id INTEGER PRIMARY KEY,
          text_bytes INTEGER NOT NULL
        );
        CREATE INDEX search_sources ON mail_messages (id) WHERE has_source = 1;
        CREATE INDEX search_newest ON mail_messages (date DESC, id DESC);
        CREATE TRIGGER search_fts_delete AFTER DELETE ON mail_messages
        WHEN old.id <= (SELECT up_to FROM search_indexed WHERE id = 1) BEGIN
          DELETE FROM search_fts WHERE rowid = old.id;
          DELETE FROM search_bodies WHERE message_id = old.id;
        END;
      `),
  },
]
