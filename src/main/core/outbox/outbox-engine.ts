/**
 * The outbox engine: takes due messages from the durable queue, sends them over a few pooled
 * submission connections per account, retries transient failures with backoff, stops on permanent
 * ones, saves the Sent copies, and after a crash resolves every message without a second delivery.
 * The exact rule is written down in docs/architecture.md (Outbox).
 */
import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { OutboxItem, OutboxSettings, SubmissionInfo } from '../../../shared/model/compose'
import { parseAddressList } from '../../../shared/mail/addresses'
import type { AccountSource } from '../accounts/account-source'
import type { LocalCopyTarget } from '../compose/ports'
import type { ContactStore } from '../contacts/contact-store'
import type { EventBus } from '../events'
import type { TlsTrust } from '../net/tls'
import { isStorageFailure } from '../store/storage-errors'
import type { TaskHealth } from '../store/storage-health'
import { toItem, type NewOutboxMessage, type OutboxRow, type OutboxStore } from './outbox-store'
import { runWorker, type WorkerContext } from './outbox-worker'
import { foundInSent, saveSentCopies } from './sent-copy'

export type ProbePoint = 'before-connect' | 'mid-data' | 'after-accepted' | 'after-commit'

/** Test seam: crash tests stop the process at these points. Production passes none. */
export interface OutboxProbe {
  at(point: ProbePoint, outboxId: string): Promise<void>
}

/** What happens to a message's draft as the message moves. */
export interface OutboxLifecycle {
  /** The server accepted it: the draft is done. */
  sent(row: OutboxRow): void
  /** It came back (undo, or refused for good): the draft is editable again. */
  returned(draftId: string): void
}

export interface OutboxOptions {
  store: OutboxStore
  accounts: AccountSource
  trust: TlsTrust
  events: EventBus
  local: LocalCopyTarget
  contacts: ContactStore
  /** Parallel submission connections per account (nodemailer's pool default is 5 as well). */
  maxConnections?: number
  /** Waits before the 1st, 2nd, ... retry; the last one repeats. */
  retryDelaysMs?: readonly number[]
  probe?: OutboxProbe
  now?: () => number
  /** Told what each server advertised whenever a connection opens (the composer's SIZE warning). */
  onSubmissionInfo?: (accountId: string, info: SubmissionInfo) => void
  /** Told when Sent copies were saved, so the mail store syncs that folder (the conversation shows them). */
  onSentCopiesSaved?: (accountId: string) => void
  /**
   * Hears when the outbox cannot start or stops on a failed store (the app's banner); once the
   * store works again the outbox starts over as after a crash (docs/architecture.md, Outbox).
   */
  health?: TaskHealth
}

export type QueueRequest = Omit<NewOutboxMessage, 'id' | 'queuedAt' | 'sendAt'>

export interface Outbox {
  /**
   * Recovers from a previous run and starts sending what is due. A failure is reported to the
   * health monitor (and rejects); after a storage failure it starts again once the store works.
   */
  start(): Promise<void>
  /** Queues a message; `alongside` runs in the same transaction (the draft's state). */
  queue(request: QueueRequest, alongside?: () => void): OutboxItem
  list(): OutboxItem[]
  get(id: string): OutboxItem | undefined
  /** Removes a message that has not left (queued, failed, uncertain); returns its draft id. */
  undo(id: string): string
  retryNow(id: string): void
  resolveUncertain(id: string, resolution: 'was-sent' | 'send-again'): void
  settings(): OutboxSettings
  setSettings(settings: OutboxSettings): void
  setLifecycle(lifecycle: OutboxLifecycle): void
  /** Stops scheduling and waits for running transactions to finish. */
  stop(): Promise<void>
}

export const DEFAULT_RETRY_DELAYS_MS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000]
const SENT_COPY_MAX_ATTEMPTS = 5
const COPY_BATCH = 50
const KEEP_SENT_MS = 24 * 3600_000

export function createOutbox(opts: OutboxOptions): Outbox {
  const { store, events } = opts
  const now = opts.now ?? Date.now
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  const maxConnections = Math.max(1, opts.maxConnections ?? 5)
  let lifecycle: OutboxLifecycle = { sent: () => undefined, returned: () => undefined }
  const workers = new Map<string, number>()
  const running = new Set<Promise<void>>()
  const copying = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  let started = false
  let starting: Promise<void> | undefined
  /**
   * Messages the server accepted whose `sent` could not be written (the store failed): recorded
   * as sent when the outbox starts again, rather than left `committing` and later "uncertain".
   */
  const acceptedUnrecorded = new Map<string, OutboxRow>()
  const waiting = new Set<(woke: boolean) => void>()
  const wake = (woke: boolean) => {
    for (const w of [...waiting]) w(woke)
    waiting.clear()
  }

  const changed = (accountId: string) => events.emit('outbox:changed', { accountId })
  const backoff = (attempts: number) => delays[Math.min(attempts, delays.length) - 1] ?? 60_000
  const track = (p: Promise<void>) => {
    running.add(p)
    void p.finally(() => running.delete(p))
  }

  const ctx: WorkerContext = {
    store,
    accounts: opts.accounts,
    trust: opts.trust,
    now,
    backoff,
    probe: opts.probe,
    onSubmissionInfo: opts.onSubmissionInfo,
    changed,
    // Also after a storage failure: workers finish the message in hand and leave.
    isStopped: () => stopped || !started,
    acceptedUnrecorded: (row) => void acceptedUnrecorded.set(row.id, row),
    sent(row) {
      const parsed = parseAddressList(row.recipients.join(', '))
      opts.contacts.record(parsed.addresses, 'sent', now())
      lifecycle.sent(row)
    },
    returned: (draftId) => lifecycle.returned(draftId),
    kick: () => requestPump(),
    waitForWork: (ms) =>
      new Promise<boolean>((resolve) => {
        if (stopped) return resolve(false)
        const done = (woke: boolean) => {
          clearTimeout(t)
          waiting.delete(done)
          resolve(woke)
        }
        const t = setTimeout(() => done(false), ms)
        waiting.add(done)
      }),
  }

  function schedule(): void {
    if (stopped || !started) return
    clearTimeout(timer)
    const next = store.nextDueAt()
    if (next === null) return
    timer = setTimeout(pump, Math.max(0, next - now()))
  }

  /** Many events in one turn of the event loop (a burst of queued or sent messages) make one pump. */
  let pumpRequested = false
  function requestPump(): void {
    if (pumpRequested) return
    pumpRequested = true
    setImmediate(() => {
      pumpRequested = false
      pump()
    })
  }

  /**
   * Anything that escapes a worker, a copy job or a pump. A failed store stops the outbox (rows
   * stay as the store last recorded them) until it works again; then it starts over as after a
   * crash, which sends nothing twice. Anything else is a bug: logged, and the rest goes on.
   */
  function failed(err: unknown): void {
    if (isStorageFailure(err)) {
      const wasStarted = started
      started = false
      starting = undefined
      clearTimeout(timer)
      wake(false)
      if (wasStarted && !opts.health?.report('outbox', err)) console.error('[outbox] the store failed', err)
      return
    }
    console.error('[outbox] unexpected failure', err)
  }

  function pump(): void {
    try {
      pumpNow()
    } catch (err) {
      failed(err)
    }
  }

  function pumpNow(): void {
    if (stopped || !started) return
    const t = now()
    // Idle workers (connections kept open) take due work first; new ones fill up to the limit.
    wake(true)
    for (const { accountId, count } of store.dueAccounts(t)) {
      const active = workers.get(accountId) ?? 0
      for (let i = active; i < Math.min(count, maxConnections); i++) {
        workers.set(accountId, (workers.get(accountId) ?? 0) + 1)
        track(
          runWorker(accountId, ctx)
            .finally(() => workers.set(accountId, (workers.get(accountId) ?? 1) - 1))
            .then(() => schedule())
            .catch(failed),
        )
      }
    }
    for (const accountId of store.accountsWithCopiesDue(t)) {
      if (!copying.has(accountId)) track(copyJob(accountId).catch(failed))
    }
    schedule()
  }

  /** Saves an account's pending Sent copies in batches, one IMAP session per batch. */
  async function copyJob(accountId: string): Promise<void> {
    copying.add(accountId)
    try {
      for (;;) {
        const rows = store.sentCopiesDue(accountId, now(), COPY_BATCH)
        if (rows.length === 0 || stopped) return
        const results = await saveSentCopies(accountId, rows, {
          accounts: opts.accounts,
          trust: opts.trust,
          local: opts.local,
        }).catch((err: unknown) => new Map(rows.map((r) => [r.id, asAppError(err)] as const)))
        // A copy that failed because our own store did (a POP3 account's local Sent folder) waits
        // for the store rather than counting as an attempt.
        for (const r of results.values()) if (r !== 'saved' && isStorageFailure(r)) throw r
        store.atomically(() => {
          for (const row of rows) {
            const r = results.get(row.id)
            if (r === 'saved') store.setSentCopy(row.id, 'saved', null, now())
            else {
              const giveUp = !r?.retryable || row.sentCopyAttempts + 1 >= SENT_COPY_MAX_ATTEMPTS
              const next = now() + backoff(row.sentCopyAttempts + 1)
              store.setSentCopy(row.id, giveUp ? 'failed' : 'pending', next, now())
            }
          }
        })
        changed(accountId)
        if ([...results.values()].includes('saved')) opts.onSentCopiesSaved?.(accountId)
      }
    } finally {
      copying.delete(accountId)
    }
    schedule()
  }

  /** A row left in 'committing' by a crash: found in Sent means sent; otherwise it may have been. */
  async function resolveCommitting(): Promise<void> {
    const byAccount = new Map<string, OutboxRow[]>()
    for (const row of store.withState('committing')) {
      byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row])
    }
    for (const [accountId, rows] of byAccount) {
      const deps = { accounts: opts.accounts, trust: opts.trust, local: opts.local }
      const found = await foundInSent(
        accountId,
        rows.map((r) => r.messageId),
        deps,
      ).catch(() => new Set<string>())
      for (const row of rows) {
        if (found.has(row.messageId)) {
          store.markSent(row.id, now(), 'pending')
          lifecycle.sent(row)
        } else {
          const error = new AppError(
            'CONNECTION_FAILED',
            'Sending was interrupted after the whole message reached the server and before it answered: it may have been sent',
            { retryable: false, detail: { reason: 'may-have-been-sent' } },
          )
          store.markUncertain(row.id, error.toData(), now())
        }
      }
      changed(accountId)
    }
  }

  function mustGet(id: string): OutboxRow {
    const row = store.get(id)
    if (!row)
      throw new AppError('MESSAGE_NOT_FOUND', `No outbox message ${id}`, { detail: { field: 'outboxId' } })
    return row
  }

  /** What start() does; again after the store failed and works again. */
  function begin(): Promise<void> {
    const attempt = (async () => {
      // Workers of the run that stopped finish first: a row they hold must not be requeued under them.
      while (running.size > 0) await Promise.allSettled([...running])
      if (stopped) return
      for (const [id, row] of acceptedUnrecorded) {
        const current = store.get(id)
        if (current?.state === 'sending' || current?.state === 'committing') {
          store.atomically(() => {
            store.markSent(id, now(), 'pending')
            ctx.sent(row)
          })
          changed(row.accountId)
        }
        acceptedUnrecorded.delete(id)
      }
      store.requeueInterrupted(now())
      await resolveCommitting()
      store.pruneSent(now() - KEEP_SENT_MS)
      started = true
      opts.health?.running('outbox')
      pump()
    })()
    starting = attempt
    attempt.catch((err: unknown) => {
      if (starting === attempt) starting = undefined
      // Queued mail that never leaves must not go unnoticed: the banner names the outbox.
      if (opts.health) opts.health.stopped('outbox', err)
      else console.error('[outbox] could not start', err)
    })
    return attempt
  }
  const offRecovered = opts.health?.onRecovered(() => {
    if (!stopped && !started && !starting) void begin().catch(() => undefined)
  })

  return {
    start() {
      return starting ?? begin()
    },
    queue(request, alongside) {
      const t = now()
      const id = randomUUID()
      store.atomically(() => {
        store.insert({ ...request, id, queuedAt: t, sendAt: t + store.settings().undoSeconds * 1000 })
        alongside?.()
      })
      changed(request.accountId)
      if (started) requestPump()
      return toItem(mustGet(id))
    },
    list: () => store.list().map(toItem),
    get(id) {
      const row = store.get(id)
      return row ? toItem(row) : undefined
    },
    undo(id) {
      const row = mustGet(id)
      if (row.state === 'sending' || row.state === 'committing' || row.state === 'sent') {
        throw new AppError(
          'INVALID_INPUT',
          row.state === 'sent' ? 'It was already sent' : 'It is being sent',
          {
            detail: { field: 'outboxId', reason: row.state === 'sent' ? 'already-sent' : 'sending' },
          },
        )
      }
      store.remove(id)
      lifecycle.returned(row.draftId)
      changed(row.accountId)
      return row.draftId
    },
    retryNow(id) {
      const row = mustGet(id)
      if (row.state !== 'queued' && row.state !== 'failed') {
        throw new AppError('INVALID_INPUT', `A ${row.state} message cannot be retried`, {
          detail: { field: 'outboxId' },
        })
      }
      store.requeue(id, now(), row.lastError, now())
      changed(row.accountId)
      pump()
    },
    resolveUncertain(id, resolution) {
      const row = mustGet(id)
      if (row.state !== 'uncertain') {
        throw new AppError('INVALID_INPUT', 'Only a message that may have been sent can be settled', {
          detail: { field: 'outboxId' },
        })
      }
      if (resolution === 'was-sent') {
        store.markSent(id, now(), 'pending')
        ctx.sent(row)
      } else store.requeue(id, now(), row.lastError, now())
      changed(row.accountId)
      pump()
    },
    settings: () => store.settings(),
    setSettings: (s) => store.saveSettings(s),
    setLifecycle(l) {
      lifecycle = l
    },
    async stop() {
      stopped = true
      offRecovered?.()
      clearTimeout(timer)
      wake(false)
      while (running.size > 0) await Promise.allSettled([...running])
    },
  }
}

function asAppError(err: unknown): AppError {
  return err instanceof AppError ? err : new AppError('INTERNAL', 'Unexpected error', { cause: err })
}
