/**
 * The copy of each draft in the account's IMAP Drafts folder (RFC 6154 \Drafts). Every version
 * carries the draft's own Message-ID; saving appends the new version and then removes the older
 * ones with that Message-ID, so the folder holds one copy per draft (a crash between the two
 * steps leaves two, and the next save removes the extra one).
 *
 * A copy the server does not take is never dropped: the local draft stays dirty (durable), the
 * server's words are kept on it, a failure that may pass is tried again with backoff (also after
 * a restart: `start`), one refused for good waits for the next change or the person's Retry, and
 * meanwhile the draft is shown in the mail store's Drafts folder (PendingServerCopies).
 */
import { AppError } from '../../../shared/errors'
import type { ImapFlow } from 'imapflow'
import { withLogin, type AccountSource } from '../accounts/account-source'
import type { PendingServerCopies } from '../compose/ports'
import { toOutgoing } from '../compose/outgoing'
import type { EventBus } from '../events'
import { appendMessage, deleteUids, findByMessageId, specialFolder, withImap } from '../imap/sending-folders'
import { buildMessage } from '../mime/build-message'
import type { TlsTrust } from '../net/tls'
import type { TaskHealth } from '../store/storage-health'
import { createDraftRemovals } from './draft-removals'
import type { DraftStore } from './draft-store'
import type { DraftSync } from './draft-sync-api'

/** Waits before the 1st, 2nd, ... automatic retry of a failure that may pass; the last repeats. */
export const DRAFT_RETRY_DELAYS_MS = [15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000]

export interface DraftSyncOptions {
  drafts: DraftStore
  accounts: AccountSource
  trust: TlsTrust
  /** How often, at most, a draft being typed is copied to the server. */
  intervalMs?: number
  retryDelaysMs?: readonly number[]
  /** Where a draft the server does not have yet is shown meanwhile (the mail store's Drafts folder). */
  pending?: PendingServerCopies
  /** Where `drafts:changed` is published when the state of a draft's server copy changed. */
  events: EventBus
  /**
   * Hears a copy that failed on our own store (the app's banner). Any other failure is kept on the
   * draft (its serverCopy, shown to the person) and logged.
   */
  health?: TaskHealth
  now?: () => number
}

/** The Drafts folder view is only a view: its failure is logged, never the draft's. */
function shown(fn: () => void): void {
  try {
    fn()
  } catch (err) {
    console.warn('[drafts] the local Drafts folder could not be updated', err)
  }
}

export function createDraftSync(opts: DraftSyncOptions): DraftSync {
  const interval = opts.intervalMs ?? 15_000
  const delays = opts.retryDelaysMs ?? DRAFT_RETRY_DELAYS_MS
  const now = opts.now ?? Date.now
  const timers = new Map<string, { at: number; timer: NodeJS.Timeout }>()
  const chains = new Map<string, Promise<void>>()
  const pending = new Set<Promise<void>>()
  let stopped = false
  const removals = createDraftRemovals(async (accountId, ids) => {
    await imap(accountId, async (client) => {
      const path = await specialFolder(client, '\\Drafts')
      const uids: number[] = []
      for (const id of ids) uids.push(...(await findByMessageId(client, path, id)))
      await deleteUids(client, path, uids)
    })
  })

  /** A connection to the account's IMAP server, logged in with its password or access token. */
  const imap = <T>(accountId: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const account = opts.accounts.get(accountId)
    return withLogin(opts.accounts, accountId, 'incoming', (password) =>
      withImap({ account, password, trust: opts.trust }, fn),
    )
  }

  async function push(draftId: string): Promise<void> {
    if (!opts.drafts.exists(draftId)) return
    const info = opts.drafts.serverInfo(draftId)
    if (!info.dirty) return
    const draft = opts.drafts.get(draftId)
    const account = opts.accounts.get(draft.accountId)
    // POP3 has no server folders: the local draft is the only copy.
    if (account.incoming.protocol !== 'imap') return opts.drafts.markServerClean(draftId, info.updatedAt)
    let raw: Buffer | null = null
    try {
      const outgoing = toOutgoing(draft, account, opts.drafts.attachmentBytes(draftId), 'lenient')
      raw = (await buildMessage(outgoing, { messageId: info.messageId, draft: true })).raw
      const built = raw
      const at = await imap(draft.accountId, async (client) => {
        const path = await specialFolder(client, '\\Drafts')
        const appended = await appendMessage(client, path, built, ['\\Draft', '\\Seen'])
        const all = (await findByMessageId(client, path, info.messageId)).sort((a, b) => a - b)
        // Without UIDPLUS the new copy is the one with the highest UID.
        const keep = appended?.uid ?? all[all.length - 1]
        await deleteUids(
          client,
          path,
          all.filter((u) => u !== keep),
        )
        return appended
      })
      opts.drafts.markServerClean(draftId, info.updatedAt)
      shown(() => opts.pending?.settle(draft.accountId, 'drafts', info.messageId, at))
    } catch (err) {
      failed(draft, info, raw, err)
      throw err
    } finally {
      opts.events.emit('drafts:changed', { accountId: draft.accountId, draftId })
    }
  }

  /** Keeps why, schedules the next try when it may pass, and shows the local version meanwhile. */
  function failed(
    draft: { id: string; accountId: string },
    info: { messageId: string; updatedAt: number },
    raw: Buffer | null,
    err: unknown,
  ): void {
    if (!opts.drafts.exists(draft.id)) return
    const error = AppError.from(err, { message: 'The Drafts copy failed' })
    const attempts = opts.drafts.serverAttempts(draft.id) + 1
    const retryAt = error.retryable ? now() + (delays[Math.min(attempts, delays.length) - 1] ?? 60_000) : null
    opts.drafts.recordServerFailure(draft.id, error.toData(), retryAt)
    if (retryAt !== null) scheduleAt(draft.id, retryAt)
    const built = raw
    if (built) {
      shown(() =>
        opts.pending?.show(draft.accountId, 'drafts', built, {
          messageId: info.messageId,
          date: info.updatedAt,
          flags: { seen: true, draft: true },
        }),
      )
    }
  }

  /** Pushes of one draft run one after another, never interleaved. */
  function enqueue(draftId: string): Promise<void> {
    const next = (chains.get(draftId) ?? Promise.resolve()).then(() => push(draftId))
    const settled = next.catch((err: unknown) => {
      if (!opts.health?.report('drafts', err))
        console.warn(`[drafts] server copy of ${draftId} not saved`, err)
    })
    chains.set(draftId, settled)
    pending.add(settled)
    void settled.finally(() => pending.delete(settled))
    return next
  }

  /** The next automatic push of the draft, at `at` or earlier if one is already due sooner. */
  function scheduleAt(draftId: string, at: number): void {
    if (stopped) return
    const existing = timers.get(draftId)
    if (existing && existing.at <= at) return
    clearTimeout(existing?.timer)
    const timer = setTimeout(
      () => {
        timers.delete(draftId)
        void enqueue(draftId).catch(() => undefined)
      },
      Math.max(0, at - now()),
    )
    timers.set(draftId, { at, timer })
  }

  function cancel(draftId: string): void {
    clearTimeout(timers.get(draftId)?.timer)
    timers.delete(draftId)
  }

  return {
    start() {
      for (const w of opts.drafts.waitingForServer()) {
        if (!w.permanent) scheduleAt(w.id, Math.max(now(), w.retryAt ?? now() + interval))
      }
    },
    changed(draftId) {
      scheduleAt(draftId, now() + interval)
    },
    async flush(draftId) {
      cancel(draftId)
      await enqueue(draftId)
    },
    async retry(draftId) {
      cancel(draftId)
      await enqueue(draftId)
    },
    async removeFromServer(accountId, serverMessageId) {
      const account = opts.accounts.get(accountId)
      if (account.incoming.protocol !== 'imap') return
      // The local stand-in goes first: the draft is gone whether or not the server can be reached.
      shown(() => opts.pending?.settle(accountId, 'drafts', serverMessageId, null))
      await removals.remove(accountId, serverMessageId)
    },
    async stop() {
      stopped = true
      for (const t of timers.values()) clearTimeout(t.timer)
      timers.clear()
      await Promise.allSettled([...pending])
      await removals.idle()
    },
  }
}
