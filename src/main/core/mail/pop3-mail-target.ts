import type { LocalMailTarget } from '../pop3/local-mail-target'
import type { Db } from '../store/database'
import type { MailService } from './mail-service-api'

/**
 * The mail store as POP3 retrieval's LocalMailTarget: local folders and message inserts come from
 * the mail service; "does the message still exist" is one indexed lookup (ids survive local moves,
 * so only an expunge makes it false).
 */
export function createLocalMailTarget(db: Db, mail: MailService): LocalMailTarget {
  const exists = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM mail_messages WHERE id = ?')
  return {
    ensureLocalMailboxes: (accountId) => mail.ensureLocalMailboxes(accountId),
    insertLocalMessage: (mailboxId, sourceFile, meta) => mail.insertLocalMessage(mailboxId, sourceFile, meta),
    messageExists: (messageId) => exists.get(Number(messageId)) !== undefined,
    syncToDisk: () => mail.syncToDisk(),
  }
}
