import type { ImapFlow, MailboxObject } from 'imapflow'
import type { EventBus } from '../events'
import type { MailStore } from '../store/mail-store'
import { splitFlags, type HeaderRow } from '../store/message-repo'
import { HEADER_QUERY, toHeaderRow } from './header-mapping'
import { checked } from './imap-client'
import { PRIORITY, type ImapSession, type Priority } from './imap-session'
import { parseSequenceSet, toSequenceSet } from './uid-set'

/** Test seam: awaited where a crash hurts most (crash tests stop the process there). */
export type ReplayProbe = (point: 'transferred', actionId: number) => Promise<void>

export interface SyncContext {
  accountId: string
  session: ImapSession
  store: MailStore
  events: EventBus
  /** After a COPY/MOVE reached the server, before the store and queue record it. */
  replayProbe?: ReplayProbe
}

export interface SyncOutcome {
  /** Messages added to the store by this sync. */
  added: number
  /** Of those, unseen ones with a UID above every UID known before (new mail, not backfill). */
  newUnseen: number
}

/** Batch sizes of the header download: the newest 50 first (shown at once), then growing batches. */
const BATCHES = [50, 500, 2000, 5000] as const
/** Rows are committed in transactions of this size while a batch streams in. */
const COMMIT_EVERY = 250

/**
 * Lets the event loop run (IPC answers, timers) between two commits. imapflow hands the fetched
 * messages over through promises (microtasks), so without this a batch already received is mapped
 * and stored in one go, and the main process answers nothing meanwhile (`npm run bench`,
 * maxEventLoopDelayMs and listP95Ms).
 */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

interface Plan {
  path: string
  uidValidity: number
  uidNext: number
  highestModseq: bigint | null
  /** Server UIDs missing from the store, newest (highest) first. */
  missing: number[]
  /** Highest UID known before this sync; 0 for a first sync. */
  knownMax: number
  firstSync: boolean
}

/** UID SEARCH ALL, as a compact ESEARCH set where the server offers it (RFC 4731). */
async function serverUids(client: ImapFlow): Promise<number[]> {
  const found = await checked(client, 'UID SEARCH', () =>
    client.search({ all: true }, { uid: true, returnOptions: ['all'] }),
  )
  if (Array.isArray(found)) return [...found].sort((a, b) => a - b)
  return parseSequenceSet(found.all ?? '')
}

/**
 * First step, one job: SELECT; a new UIDVALIDITY discards the cache (RFC 3501 §2.3.1.1); flag changes
 * since the last complete sync (CONDSTORE `CHANGEDSINCE`, RFC 7162 §3.1.4; every flag without
 * CONDSTORE); then the server's UID set against ours: what vanished is deleted (expunges, also those
 * another client made while we were away), what is missing is planned for download. Comparing the
 * whole UID set (a few bytes with ESEARCH) rather than trusting QRESYNC's VANISHED alone is what
 * makes an interrupted sync resume without gaps: whatever did not arrive is still missing next time.
 * The comparison is skipped only when it cannot find anything (same UIDNEXT and message count as
 * after the last complete sync).
 */
async function plan(ctx: SyncContext, client: ImapFlow, mailboxId: number): Promise<Plan | null> {
  const { store } = ctx
  let mb = store.mailboxes.get(mailboxId)
  if (!mb || mb.isLocal || !mb.selectable) return null
  const wasSelected = client.mailbox !== false && client.mailbox.path === mb.path
  const lock = await client.getMailboxLock(mb.path, { description: 'sync' })
  try {
    // imapflow does not SELECT a mailbox that is already selected, and the server has not told
    // this connection what changed since. NOOP lets it report (RFC 3501 §6.1.2); then STATUS
    // (which Dovecot answers from the session's view, hence the NOOP first) refreshes UIDNEXT and
    // HIGHESTMODSEQ, which imapflow applies to the selected mailbox.
    if (wasSelected) {
      await client.noop()
      await checked(client, 'STATUS', () =>
        client.status(mb!.path, { messages: true, uidNext: true, uidValidity: true, highestModseq: true }),
      )
    }
    const info = client.mailbox as MailboxObject
    const uidValidity = Number(info.uidValidity)
    if (mb.uidValidity !== uidValidity) {
      store.mailboxes.resetSyncState(mailboxId, uidValidity)
      mb = store.mailboxes.require(mailboxId)
    }
    const condstore = client.enabled.has('CONDSTORE') && !info.noModseq && info.highestModseq !== undefined
    const highestModseq = condstore ? (info.highestModseq ?? null) : null
    const local = store.messages.uidStats(mailboxId)
    const since = mb.highestModseq ?? undefined
    const unchanged =
      mb.syncedAt !== null &&
      since !== undefined &&
      since === highestModseq &&
      mb.uidNext === info.uidNext &&
      local.count === info.exists
    const base = {
      path: mb.path,
      uidValidity,
      uidNext: info.uidNext,
      knownMax: local.max,
      firstSync: mb.syncedAt === null,
    }
    if (unchanged) return { ...base, highestModseq, missing: [] }

    let dirty = false
    let touched = false
    if (local.count > 0 && info.exists > 0) {
      const updates: ({ uid: number } & ReturnType<typeof splitFlags>)[] = []
      const changedSince = condstore ? since : undefined
      for await (const msg of client.fetch('1:*', { uid: true, flags: true }, { uid: true, changedSince })) {
        updates.push({ uid: msg.uid, ...splitFlags(msg.flags ?? []) })
      }
      dirty = store.messages.applyServerFlags(mailboxId, updates).skipped > 0
      touched = updates.length > 0
    }
    // No new UID since the last complete sync (UIDNEXT unchanged) and as many messages as we
    // store: nothing was added or expunged, so the UID sets need no comparison (a 100,000-UID
    // comparison is most of an incremental sync's time otherwise).
    const sameSet = mb.syncedAt !== null && mb.uidNext === info.uidNext && local.count === info.exists
    let vanished: number[] = []
    let missing: number[] = []
    if (!sameSet) {
      const server = info.exists > 0 ? await serverUids(client) : []
      const serverSet = new Set(server)
      const localUids = store.messages.uids(mailboxId)
      vanished = localUids.filter((u) => !serverSet.has(u))
      if (vanished.length) store.messages.deleteUids(mailboxId, vanished)
      const localSet = new Set(localUids)
      missing = server.filter((u) => !localSet.has(u)).reverse()
    }
    if (touched || vanished.length)
      ctx.events.emit('mailbox:changed', { accountId: ctx.accountId, mailboxId: String(mailboxId) })
    // A row whose flags were skipped (it has queued actions) keeps the old HIGHESTMODSEQ, so the
    // next CHANGEDSINCE reports it again once the queue has run.
    return { ...base, highestModseq: dirty ? mb.highestModseq : highestModseq, missing }
  } finally {
    lock.release()
  }
}

/** Downloads one batch of headers. Returns false when UIDVALIDITY changed meanwhile (start over). */
async function fetchBatch(ctx: SyncContext, client: ImapFlow, mailboxId: number, p: Plan, uids: number[]) {
  const lock = await client.getMailboxLock(p.path, { description: 'sync batch' })
  let added = 0
  let newUnseen = 0
  try {
    if (Number((client.mailbox as MailboxObject).uidValidity) !== p.uidValidity) return null
    let rows: HeaderRow[] = []
    const commit = () => {
      const r = ctx.store.messages.insertMany(mailboxId, ctx.accountId, rows)
      added += r.inserted
      if (!p.firstSync) newUnseen += rows.filter((h) => !h.flags.seen && (h.uid ?? 0) > p.knownMax).length
      rows = []
    }
    for await (const msg of client.fetch(toSequenceSet(uids), HEADER_QUERY, { uid: true })) {
      rows.push(toHeaderRow(msg))
      if (rows.length >= COMMIT_EVERY) {
        commit()
        await yieldToLoop()
      }
    }
    commit()
  } finally {
    lock.release()
  }
  return { added, newUnseen }
}

/**
 * Brings one mailbox in step with the server: plan (flags, expunges, what is missing), then the
 * missing headers newest first in batches, each its own job so that interactive work can run in
 * between. Safe to interrupt anywhere: rows are inserted idempotently (UNIQUE mailbox+UID) and the
 * HIGHESTMODSEQ that lets the next sync skip work is only written once everything arrived.
 */
export async function syncMailbox(
  ctx: SyncContext,
  mailboxId: number,
  priority: Priority,
): Promise<SyncOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const p = await ctx.session.run(priority, (client) => plan(ctx, client, mailboxId), { idempotent: true })
    if (!p) return { added: 0, newUnseen: 0 }
    const outcome: SyncOutcome = { added: 0, newUnseen: 0 }
    let restart = false
    for (let pos = 0, batch = 0; pos < p.missing.length; batch++) {
      const size = BATCHES[Math.min(batch, BATCHES.length - 1)]!
      const uids = p.missing.slice(pos, pos + size)
      pos += uids.length
      const r = await ctx.session.run(
        batch === 0 ? priority : PRIORITY.background,
        (client) => fetchBatch(ctx, client, mailboxId, p, uids),
        { idempotent: true },
      )
      if (!r) {
        restart = true
        break
      }
      ctx.session.guard()
      outcome.added += r.added
      outcome.newUnseen += r.newUnseen
      ctx.events.emit('mailbox:changed', { accountId: ctx.accountId, mailboxId: String(mailboxId) })
      ctx.events.emit('sync:progress', {
        accountId: ctx.accountId,
        mailboxId: String(mailboxId),
        phase: 'headers',
        done: pos,
        total: p.missing.length,
      })
    }
    if (restart) continue
    ctx.session.guard()
    ctx.store.mailboxes.markSynced(mailboxId, { uidNext: p.uidNext, highestModseq: p.highestModseq })
    if (p.missing.length === 0 && p.firstSync) {
      ctx.events.emit('mailbox:changed', { accountId: ctx.accountId, mailboxId: String(mailboxId) })
    }
    return outcome
  }
  return { added: 0, newUnseen: 0 }
}
