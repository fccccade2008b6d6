import type { Migration } from './database'

/**
 * What removing an account deletes, and the one mechanism that deletes it (docs/architecture.md,
 * "Removing an account"): the database, in the same statement that deletes the `accounts` row.
 *
 * - Outbox messages, drafts (with their attachments) and POP3 state: `ON DELETE CASCADE` foreign
 *   keys of their tables to `accounts`.
 * - Mail: its tables were made before they referred to `accounts`, and rebuilding them to add the
 *   foreign key would rewrite every message; the trigger below does the same deletes instead.
 *   Mailboxes take their messages, sources and in-flight marks with them (their own cascades),
 *   the messages their search entries (search-schema.ts trigger) and the copies shown until the
 *   server has them (pending-copies.ts: rows of the account's Sent and Drafts mailboxes).
 * - Keychain entries (passwords per server, an OAuth refresh token): AccountsService.remove,
 *   through `accountSecretKeys` (accounts/account-secrets.ts).
 *
 * Services holding state in memory (an IMAP engine, the POP3 schedule) let it go when
 * `accounts:changed` names an account that no longer exists; they delete no rows, except what an
 * engine that was still running stored after the trigger ran (mail-service.ts).
 *
 * Migrated by the composition root after every feature's tables exist (the trigger names them).
 */
export const ACCOUNT_REMOVAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "an account's removal deletes its mail rows in the same statement",
    up: (db) =>
      db.exec(`
        CREATE TRIGGER accounts_removed_mail AFTER DELETE ON accounts BEGIN
          DELETE FROM mail_mailboxes WHERE account_id = old.id;
          DELETE FROM mail_remote_senders WHERE account_id = old.id;
          DELETE FROM mail_actions WHERE account_id = old.id;
          DELETE FROM mail_thread_ids WHERE account_id = old.id;
        END;
        -- Accounts removed before the trigger existed.
        DELETE FROM mail_mailboxes WHERE account_id NOT IN (SELECT id FROM accounts);
        DELETE FROM mail_remote_senders WHERE account_id NOT IN (SELECT id FROM accounts);
        DELETE FROM mail_actions WHERE account_id NOT IN (SELECT id FROM accounts);
        DELETE FROM mail_thread_ids WHERE account_id NOT IN (SELECT id FROM accounts);
      `),
  },
]
