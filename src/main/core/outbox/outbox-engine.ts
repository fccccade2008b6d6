/**
 * The outbox engine: takes due messages from the durable queue, sends them over a few pooled
 * submission connections per account, retries transient failures with backoff, stops on permanent
 * ones, saves the Sent copies, and after a crash resolves every message without a second delivery.
 * The exact rule is written down in docs/architecture.md (Outbox).
 */
import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import { parseAddressList } from '../../../shared/mail/addresses'
import { inOutboxError } from '../drafts/in-outbox'
import { isStorageFailure } from '../store/storage-errors'
import { runCopyJob, showPendingSentCopy, type CopyJobDeps } from './copy-job'
import { settleFromEvidence, type EvidenceContext } from './crash-evidence'
import { toItem, type OutboxMessage, type OutboxRow } from './outbox-store'
import type { Outbox, OutboxOptions } from './outbox-types'
import { runWorker, type WorkerContext } from './outbox-worker'

export type {
  Outbox,
  OutboxLifecycle,
  OutboxOptions,
  OutboxProbe,
  ProbePoint,
  QueueRequest,
} from './outbox-types'

export const DEFAULT_RETRY_DELAYS_MS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000]
const KEEP_SENT_MS = 24 * 3600_000
/** How long after a connection broke past the end of data the Sent folder is searched again. */
const EVIDENCE_RECHECK_MS = 15_000

export function createOutbox(opts: OutboxOptions): Outbox {
  const { store, events } = opts
  const now = opts.now ?? Date.now
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  const maxConnections = Math.max(1, opts.maxConnections ?? 5)
  const { lifecycle } = opts
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
    onSubmissionInfo: (accountId, info) => events.emit('outbox:submission-info', { accountId, info }),
    changed,
    // Also after a storage failure: workers finish the message in hand and leave.
    isStopped: () => stopped || !started,
    acceptedUnrecorded: (row) => void acceptedUnrecorded.set(row.id, row),
    sent(row) {
      const parsed = parseAddressList(row.recipients.join(', '))
      opts.contacts.record(parsed.addresses, 'sent', now())
      lifecycle.sent(row)
      opts.sentLog?.recordSent(row)
      // In Sent and in the conversation at once, before (and whatever becomes of) the APPEND.
      const raw = 'raw' in row ? (row as OutboxMessage).raw : store.rawOf(row.id)
      if (raw) showPendingSentCopy(copyDeps, { ...row, raw, sentAt: row.sentAt ?? now() })
    },
    returned: (draftId) => lifecycle.returned(draftId),
    kick: () => requestPump(),
    uncertain: () => checkEvidenceSoon(),
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
    for (const { accountId, count } of store.dueAccounts(t, maxConnections)) {
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

  const copyDeps: CopyJobDeps = {
    store,
    accounts: opts.accounts,
    trust: opts.trust,
    local: opts.local,
    pending: opts.pending,
    now,
    backoff,
    changed,
    isStopped: () => stopped,
    onSentCopiesSaved: (accountId) => events.emit('outbox:sent-copies-saved', { accountId }),
  }

  async function copyJob(accountId: string): Promise<void> {
    copying.add(accountId)
    try {
      await runCopyJob(accountId, copyDeps)
    } finally {
      copying.delete(accountId)
    }
    schedule()
  }

  const evidence: EvidenceContext = {
    store,
    copies: { accounts: opts.accounts, trust: opts.trust, local: opts.local },
    now,
    settleAsSent,
    changed,
  }

  function settleAsSent(row: OutboxRow): void {
    store.atomically(() => {
      store.markSent(row.id, now(), 'pending')
      ctx.sent(row)
    })
    changed(row.accountId)
  }

  /**
   * A connection that broke after the end of data left a message uncertain in this run: a server
   * that files sent mail may show it in Sent a moment later, so the evidence is looked at again.
   */
  let evidenceTimer: NodeJS.Timeout | undefined
  function checkEvidenceSoon(): void {
    if (stopped || evidenceTimer) return
    evidenceTimer = setTimeout(() => {
      evidenceTimer = undefined
      // Only 'uncertain' rows: a 'committing' one belongs to a worker waiting for its reply.
      if (!stopped) track(settleFromEvidence(evidence, ['uncertain']).then(schedule))
    }, EVIDENCE_RECHECK_MS)
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
          settleAsSent(row)
        }
        acceptedUnrecorded.delete(id)
      }
      store.requeueInterrupted(now())
      // Before any worker runs, so every 'committing' row is one a crash left behind.
      await settleFromEvidence(evidence, ['committing', 'uncertain'])
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
        if (store.forDraft(request.draftId)) throw inOutboxError()
        store.removeFailedForDraft(request.draftId)
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
    forDraft(draftId) {
      const row = store.forDraft(draftId)
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
      store.atomically(() => {
        // A failed message's draft was editable again: it goes out only if it can be claimed again.
        if (row.state === 'failed') lifecycle.reclaim(row)
        store.requeue(id, now(), row.lastError, now())
      })
      changed(row.accountId)
      pump()
    },
    retrySentCopy(id) {
      const row = mustGet(id)
      if (!store.retrySentCopy(id, now())) {
        throw new AppError('INVALID_INPUT', 'Only a Sent copy that is not saved yet can be retried', {
          detail: { field: 'outboxId', reason: row.sentCopy === 'saved' ? 'already-saved' : 'not-sent' },
        })
      }
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
      store.atomically(() => {
        if (resolution === 'was-sent') {
          store.markSent(id, now(), 'pending')
          ctx.sent(row)
        } else {
          store.replies.forget(id)
          store.requeue(id, now(), row.lastError, now())
        }
      })
      changed(row.accountId)
      pump()
    },
    settings: () => store.settings(),
    setSettings: (s) => store.saveSettings(s),
    async stop() {
      stopped = true
      offRecovered?.()
      clearTimeout(timer)
      clearTimeout(evidenceTimer)
      wake(false)
      while (running.size > 0) await Promise.allSettled([...running])
    },
  }
}
