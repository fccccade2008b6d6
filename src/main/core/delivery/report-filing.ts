/**
 * Files a matched report with the message it reports on: the report joins the sent message's
 * conversation (store/thread-index.ts), so the conversation shows it in place, next to the
 * message it is about. Reports carry no References to it (Postfix's, qmail's, Exchange's do not),
 * so the thread index would never link them by itself. The report stays where it arrived (marked
 * read by the service): moving mail on the server behind the person's back would hide it from
 * their other mail programs.
 */
import type { Db } from '../store/database'
import { createThreadIndex } from '../store/thread-index'

export function createReportFiling(db: Db) {
  const threads = createThreadIndex(db)
  const setThread = db.prepare('UPDATE mail_messages SET thread_id = ? WHERE id = ?')
  const file = db.transaction(
    (accountId: string, reportRowId: number, reportMessageId: string | null, sentMessageId: string) => {
      // The report's own Message-ID and the sent message's, tied together: the two threads merge.
      const thread = threads.assign(accountId, {
        messageId: reportMessageId,
        inReplyTo: sentMessageId,
        references: [],
      })
      setThread.run(thread, reportRowId)
    },
  )
  return {
    /** `reportRowId`: the report's stored row (its id as the UI knows it). */
    file(
      accountId: string,
      reportRowId: string,
      reportMessageId: string | null,
      sentMessageId: string,
    ): void {
      const row = Number(reportRowId)
      if (!Number.isSafeInteger(row)) return
      file(accountId, row, reportMessageId, sentMessageId)
    },
  }
}

export type ReportFiling = ReturnType<typeof createReportFiling>
