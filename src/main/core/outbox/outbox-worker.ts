/**
 * One sending loop for one account: claims due messages one at a time and sends them over a
 * single submission connection, reused until the queue is empty (the engine runs a few in
 * parallel per account).
 */
import { AppError, type AppErrorData } from '../../../shared/errors'
import type { SubmissionInfo } from '../../../shared/model/compose'
import { isSignInAgain, withLogin, type AccountSource } from '../accounts/account-source'
import { dsnRequest } from '../delivery/dsn-request'
import type { TlsTrust } from '../net/tls'
import { SmtpSession } from '../smtp/smtp-session'
import { storageFailure } from '../store/storage-errors'
import type { OutboxProbe } from './outbox-types'
import type { OutboxMessage, OutboxRow, OutboxStore } from './outbox-store'

export interface WorkerContext {
  store: OutboxStore
  accounts: AccountSource
  trust: TlsTrust
  now: () => number
  backoff: (attempts: number) => number
  probe: OutboxProbe | undefined
  onSubmissionInfo: (accountId: string, info: SubmissionInfo) => void
  changed: (accountId: string) => void
  isStopped: () => boolean
  sent: (row: OutboxRow) => void
  returned: (draftId: string) => void
  /** Lets the engine start the Sent copy and schedule what is next. */
  kick: () => void
  /** A message became uncertain: the engine looks for evidence of its outcome again soon. */
  uncertain: () => void
  /** Resolves true when new work may be due, false after `ms` without any (or when stopping). */
  waitForWork: (ms: number) => Promise<boolean>
  /** The server accepted the row but the store could not record it: the engine records it later. */
  acceptedUnrecorded: (row: OutboxRow) => void
}

/**
 * How long an idle connection waits for the next message before it says QUIT: messages sent in a
 * row (or a burst from the outbox) reuse it instead of paying TLS and AUTH again.
 */
export const IDLE_MS = 3000

/** How long a message waits for a new sign-in before it is tried again anyway (a day). */
export const SIGN_IN_WAIT_MS = 24 * 60 * 60_000

async function openSession(accountId: string, ctx: WorkerContext): Promise<SmtpSession> {
  const account = ctx.accounts.get(accountId)
  const session = await withLogin(ctx.accounts, accountId, 'outgoing', (password) =>
    SmtpSession.open({
      settings: account.outgoing,
      password,
      trust: ctx.trust,
      pins: account.pins,
      accountCa: account.trustedCa,
    }),
  )
  ctx.onSubmissionInfo(accountId, session.info)
  return session
}

function settleFailure(row: OutboxRow, error: AppError, ctx: WorkerContext): void {
  // Our own store failed (e.g. writing `committing` before the end of data): not the message's
  // fault and not the server's. The row stays as the store last recorded it and the engine stops
  // until the store works again, then recovers it as after a crash.
  const storage = storageFailure(error)
  if (storage) throw storage
  const data: AppErrorData = error.toData()
  if (isSignInAgain(error)) {
    // The account's OAuth grant is gone: not the message's fault. It stays queued, "waiting for
    // sign-in" (its last error says so), and goes out when the person signs in again
    // (outbox.resumeAccount); the far due time only keeps workers from claiming it meanwhile.
    ctx.store.requeue(row.id, ctx.now() + SIGN_IN_WAIT_MS, data, ctx.now())
  } else if (error.retryable) {
    ctx.store.requeue(row.id, ctx.now() + ctx.backoff(row.attempts), data, ctx.now())
  } else {
    ctx.store.markFailed(row.id, data, ctx.now())
    ctx.returned(row.draftId)
  }
  ctx.changed(row.accountId)
}

export async function runWorker(accountId: string, ctx: WorkerContext): Promise<void> {
  let session: SmtpSession | null = null
  // The next message, claimed in the same transaction that recorded the previous one as sent: one
  // durable write fewer per message. A crash after it is a crash just after an ordinary claim (the
  // row is 'sending', requeued at the restart: it never reached the end of data).
  let next: OutboxMessage | undefined
  try {
    while (next || !ctx.isStopped()) {
      const row = next ?? ctx.store.claimNext(accountId, ctx.now())
      next = undefined
      if (!row) {
        if (session?.usable && (await ctx.waitForWork(IDLE_MS))) continue
        return
      }
      ctx.changed(accountId)
      await ctx.probe?.at('before-connect', row.id)
      if (!session?.usable) {
        session?.close()
        session = null
        try {
          session = await openSession(accountId, ctx)
        } catch (err) {
          settleFailure(row, AppError.from(err, { message: 'Unexpected error while sending' }), ctx)
          return
        }
      }
      // ENVID is the outbox id: a delivery report finds this message by it (core/delivery).
      const message = { ...row, dsn: dsnRequest(row.id, row.deliveryNotify) }
      const outcome = await session.send(message, {
        beforeEndOfData: () => ctx.store.markCommitting(row.id, ctx.now()),
        midData: ctx.probe ? () => ctx.probe!.at('mid-data', row.id) : undefined,
      })
      if (outcome.kind === 'accepted') {
        if (ctx.probe) await ctx.probe.at('reply-read', row.id)
        try {
          // The evidence first, in its own small write: from here a crash settles it as sent
          // (outbox-replies.ts) instead of leaving it uncertain.
          ctx.store.replies.record(row.id, outcome.response, ctx.now())
          if (ctx.probe) await ctx.probe.at('after-accepted', row.id)
          next = ctx.store.atomically(() => {
            ctx.store.markSent(row.id, ctx.now(), 'pending')
            ctx.sent(row)
            return ctx.isStopped() ? undefined : ctx.store.claimNext(accountId, ctx.now())
          })
        } catch (err) {
          // Delivered: that must not be forgotten because the store failed just now.
          if (storageFailure(err)) ctx.acceptedUnrecorded(row)
          throw err
        }
        ctx.changed(accountId)
        await ctx.probe?.at('after-commit', row.id)
        ctx.kick()
      } else if (outcome.kind === 'unknown') {
        // Never resent automatically: it may have been delivered (docs/architecture.md, Outbox).
        // (If the store fails here the row stays `committing`: the restart's rule says the same.)
        ctx.store.markUncertain(row.id, outcome.error.toData(), ctx.now())
        ctx.changed(accountId)
        ctx.uncertain()
      } else {
        settleFailure(row, outcome.error, ctx)
      }
      // After a completed transaction the next MAIL FROM starts a new one (RFC 5321 §4.1.1.2); only
      // a refused one leaves state to clear.
      if (outcome.kind !== 'accepted' && session.usable) await session.reset()
    }
  } finally {
    session?.close()
  }
}
