import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LocalCopyTarget } from '../compose/ports'
import type { Db } from '../store/database'
import type { MailService } from './mail-service-api'

/**
 * The mail store as the outbox's LocalCopyTarget: Sent copies of POP3 accounts go into the
 * account's local Sent folder. A second save of the same Message-ID (a retry after a crash) is
 * ignored, so the folder never shows a message twice.
 */
export function createLocalSentCopies(db: Db, mail: MailService, dataDir: string): LocalCopyTarget {
  const tmp = join(dataDir, 'tmp')
  const already = db.prepare<[number, string], { one: number }>(
    "SELECT 1 AS one FROM mail_messages WHERE mailbox_id = ? AND TRIM(message_id, '<>') = TRIM(?, '<>')",
  )
  return {
    saveSentCopy(accountId, raw, meta) {
      const sent = mail.ensureLocalMailboxes(accountId).sent
      if (already.get(Number(sent), meta.messageId)) return Promise.resolve()
      mkdirSync(tmp, { recursive: true, mode: 0o700 })
      const file = join(tmp, `sent-${randomBytes(8).toString('hex')}.eml`)
      writeFileSync(file, raw, { mode: 0o600 })
      try {
        mail.insertLocalMessage(sent, file, { receivedAt: meta.sentAt, flags: { seen: true } })
      } finally {
        rmSync(file, { force: true })
      }
      return Promise.resolve()
    },
  }
}
