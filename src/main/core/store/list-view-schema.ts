import type { Migration } from './database'

/**
 * Sort keys of the message list (issue 15 item 8) as SQL expressions over mail_messages. The
 * indexes below are built on these exact expressions and list-view-query.ts orders by the same
 * strings, which is what lets SQLite read a page straight from an index (an expression index is
 * used only when the query repeats its expression word for word).
 *
 * Expressions rather than stored columns: nothing in the sync's insert path changes, and rows
 * written by any version get their keys from the database itself. `lower()` folds ASCII only
 * (SQLite without ICU): "Émile" sorts after "Zoe"; good enough for a list order.
 */

/** The first sender's display name, else its address, in lower case. */
export const SORT_FROM = `lower(CASE WHEN json_valid(from_json) THEN coalesce(nullif(trim(json_extract(from_json, '$[0].name')), ''), json_extract(from_json, '$[0].address'), '') ELSE '' END)`

/** The subject without one reply/forward prefix ("Re: ", "Fwd: ", "AW: "), in lower case. */
export const SORT_SUBJECT = `lower(CASE WHEN lower(substr(subject, 1, 3)) IN ('re:', 'fw:', 'aw:', 'sv:') THEN ltrim(substr(subject, 4)) WHEN lower(substr(subject, 1, 4)) = 'fwd:' THEN ltrim(substr(subject, 5)) ELSE subject END)`

/** The first sender's address in lower case: what "from contacts" compares with contacts.key. */
export const FROM_ADDRESS = `lower(CASE WHEN json_valid(from_json) THEN json_extract(from_json, '$[0].address') END)`

/**
 * A feature of its own (not the mail feature's numbering, which other branches extend). Every
 * index is partial on visible rows, like the list itself, and ends in the list's tie-breakers
 * (date, uid, id), so any sort in either direction is one index scan.
 */
export const LIST_VIEW_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'indexes for sorting by sender, subject and size, and the unread/flagged filters',
    up: (db) =>
      db.exec(`
        CREATE INDEX mail_list_from ON mail_messages
          (mailbox_id, ${SORT_FROM}, date DESC, uid DESC, id DESC) WHERE hidden = 0;
        CREATE INDEX mail_list_subject ON mail_messages
          (mailbox_id, ${SORT_SUBJECT}, date DESC, uid DESC, id DESC) WHERE hidden = 0;
        CREATE INDEX mail_list_size ON mail_messages
          (mailbox_id, size, date DESC, uid DESC, id DESC) WHERE hidden = 0;
        -- Filtered views by date: small (most mail is read, little is flagged), and they also
        -- serve the unified "All Unread" / "All Flagged" views folder by folder.
        CREATE INDEX mail_list_unseen ON mail_messages
          (mailbox_id, date DESC, uid DESC, id DESC) WHERE hidden = 0 AND seen = 0;
        CREATE INDEX mail_list_flagged ON mail_messages
          (mailbox_id, date DESC, uid DESC, id DESC) WHERE hidden = 0 AND flagged = 1;
      `),
  },
]
