/**
 * Saves an account's due Sent copies from the durable queue (the outbox rows with sent_copy
 * 'pending'), in batches of one IMAP session each. A failure that may pass (the server is
 * unreachable, or answers with an RFC 5530 "try later" code) waits for the next backoff and is
 * tried again, however often; one refused for good is 'failed' with the server's words until the
 * person asks for a retry. Either way the row keeps the bytes (it is not pruned) and the copy is
 * shown in the account's Sent folder and conversations until the server has it.
 */
import { AppError } from '../../../shared/errors'
import type { AccountSource } from '../accounts/account-source'
import type { LocalCopyTarget, PendingServerCopies } from '../compose/ports'
import type { TlsTrust } from '../net/tls'
import { isStorageFailure } from '../store/storage-errors'
import type { OutboxMessage, OutboxStore } from './outbox-store'
import { saveSentCopies } from './sent-copy'

const COPY_BATCH = 50

export interface CopyJobDeps {
  store: OutboxStore
  accounts: AccountSource
  trust: TlsTrust
  local: LocalCopyTarget
  pending: PendingServerCopies | undefined
  now: () => number
  backoff: (attempts: number) => number
  changed: (accountId: string) => void
  isStopped: () => boolean
  onSentCopiesSaved: (accountId: string) => void
}

/**
 * The sent message in the account's Sent folder of the mail store until the server has it. Only a
 * view: it runs inside the outbox's own transactions, so a failure here is logged and never undoes
 * the state it was shown for (a message recorded as sent must stay recorded).
 */
export function showPendingSentCopy(deps: Pick<CopyJobDeps, 'pending' | 'now'>, row: OutboxMessage): void {
  try {
    deps.pending?.show(row.accountId, 'sent', row.raw, {
      messageId: row.messageId,
      date: row.sentAt ?? deps.now(),
      flags: { seen: true, draft: false },
    })
  } catch (err) {
    console.warn('[outbox] the Sent copy could not be shown in the local Sent folder', err)
  }
}

export async function runCopyJob(accountId: string, deps: CopyJobDeps): Promise<void> {
  const { store, now } = deps
  for (;;) {
    const rows = store.sentCopiesDue(accountId, now(), COPY_BATCH)
    if (rows.length === 0 || deps.isStopped()) return
    const results = await saveSentCopies(accountId, rows, deps).catch(
      (err: unknown) =>
        new Map(rows.map((r) => [r.id, AppError.from(err, { message: 'Unexpected error' })] as const)),
    )
    // A copy that failed because our own store did (a POP3 account's local Sent folder) waits for
    // the store (the engine stops and starts over) rather than counting as an attempt.
    for (const r of results.values()) if (r instanceof AppError && isStorageFailure(r)) throw r
    let saved = false
    store.atomically(() => {
      for (const row of rows) {
        const r = results.get(row.id) ?? new AppError('INTERNAL', 'The Sent copy was not tried')
        if (!(r instanceof AppError)) {
          store.setSentCopy(row.id, 'saved', null, now())
          settleShown(deps, accountId, row.messageId, r.saved)
          saved = true
          continue
        }
        const next = now() + deps.backoff(row.sentCopyAttempts + 1)
        store.setSentCopy(row.id, r.retryable ? 'pending' : 'failed', next, now(), r.toData())
        showPendingSentCopy(deps, row)
      }
    })
    deps.changed(accountId)
    if (saved) deps.onSentCopiesSaved(accountId)
  }
}

function settleShown(
  deps: CopyJobDeps,
  accountId: string,
  messageId: string,
  at: { uid: number; uidValidity: number } | null,
): void {
  try {
    deps.pending?.settle(accountId, 'sent', messageId, at)
  } catch (err) {
    console.warn('[outbox] the local Sent folder could not be updated', err)
  }
}
