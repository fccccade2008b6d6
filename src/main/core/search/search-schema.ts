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
