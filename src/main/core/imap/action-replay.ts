import type { ImapFlow } from 'imapflow'
import { AppError } from '../../../shared/errors'
import { storageFailure, toErrorData } from '../store/storage-errors'
import type { QueueEntry, QueuedAction } from '../store/action-queue'
import type { MailboxRecord } from '../store/mailbox-repo'
import { checked } from './imap-client'
import type { Priority } from './imap-session'
import type { SyncContext } from './mailbox-sync'
import { copiesSince, targetMarkOf } from './transfer-recovery'
import { toSequenceSet } from './uid-set'

type Transfer = Extract<QueuedAction, { kind: 'move' | 'copy' }>

/** Attempts after which an action failing with an unexpected (INTERNAL) error is given up. */
const MAX_INTERNAL_ATTEMPTS = 5

function changed(ctx: SyncContext, ...mailboxes: (MailboxRecord | undefined)[]): void {
  for (const mb of mailboxes) {
    if (mb) ctx.events.emit('mailbox:changed', { accountId: ctx.accountId, mailboxId: String(mb.id) })
  }
}

async function inMailbox<T>(client: ImapFlow, path: string, fn: () => Promise<T>): Promise<T> {
  const lock = await client.getMailboxLock(path, { description: 'replay' })
  try {
    return await fn()
  } finally {
    lock.release()
  }
}

/**
 * COPY or MOVE, idempotent across crashes (transfer-recovery.ts): an entry found "in flight" has
 * its earlier copies looked up in the target first, and only the rest is sent again.
 */
async function replayTransfer(
  ctx: SyncContext,
  client: ImapFlow,
  entry: QueueEntry,
  a: Transfer,
): Promise<void> {
  const { store } = ctx
  const source = store.mailboxes.require(a.mailboxId)
  const target = store.mailboxes.require(a.targetId)
  const uids = store.mutations.uidsOf(a.items.map((i) => i.sourceId))
  const now = await targetMarkOf(client, target)
  const earlier = entry.inFlight
  const done = new Map<number, number>()
  if (earlier) {
    const identities = store.mutations.identitiesOf([...uids.keys()])
    const items = [...uids.keys()].map((sourceId) => ({ sourceId, identity: identities.get(sourceId) }))
    const found = await inMailbox(client, target.path, () => copiesSince(client, earlier, now, items))
    found.forEach((uid, sourceId) => done.set(sourceId, uid))
  }
  const set = toSequenceSet([...uids].filter(([id]) => !done.has(id)).map(([, uid]) => uid))
  let res: Awaited<ReturnType<ImapFlow['messageCopy']>> | null = null
  if (set) {
    // The first mark stays while the target is the same mailbox: every attempt's copies lie above it.
    store.queue.markInFlight(entry, earlier?.uidValidity === now.uidValidity ? earlier : now)
    res = await inMailbox(client, source.path, () =>
      checked(client, a.kind, () =>
        a.kind === 'move'
          ? client.messageMove(set, target.path, { uid: true })
          : client.messageCopy(set, target.path, { uid: true }),
      ),
    )
  }
  if (a.kind === 'move' && done.size > 0) {
    // Copied but maybe not removed (a MOVE carried out as COPY + EXPUNGE, RFC 6851 §3.3).
    await removeLeftovers(
      client,
      source.path,
      [...done.keys()].flatMap((id) => uids.get(id) ?? []),
    )
  }
  await ctx.replayProbe?.('transferred', entry.id)
  // COPYUID (RFC 4315) names the new UIDs; they only count in the target's current UIDVALIDITY.
  const sameEpoch = res?.uidValidity !== undefined && Number(res.uidValidity) === target.uidValidity
  const foundEpoch = now.uidValidity === target.uidValidity
  store.db.transaction(() => {
    for (const item of a.items) {
      const uid = uids.get(item.sourceId)
      const copied = uid === undefined || !sameEpoch ? undefined : res?.uidMap?.get(uid)
      const newUid = copied ?? (foundEpoch ? done.get(item.sourceId) : undefined)
      // Without a UID the placeholder goes: the target's next sync downloads the message itself.
      if (newUid === undefined) store.mutations.remove([item.placeholderId])
      else store.mutations.assignUid(item.placeholderId, newUid)
    }
    if (a.kind === 'move') store.mutations.remove(a.items.map((i) => i.sourceId))
    store.queue.finish(entry)
  })()
  changed(ctx, source, target)
}

/** Deletes those of `uids` that are still in the mailbox (UID EXPUNGE of exactly them, RFC 4315). */
async function removeLeftovers(client: ImapFlow, path: string, uids: number[]): Promise<void> {
  const set = toSequenceSet(uids)
  if (!set) return
  await inMailbox(client, path, async () => {
    const left = toSequenceSet((await client.search({ uid: set }, { uid: true })) || [])
    if (left) await checked(client, 'delete', () => client.messageDelete(left, { uid: true }))
  })
}

/**
 * The flags the selected mailbox keeps: PERMANENTFLAGS (RFC 3501 §7.1) lists them, `\*` meaning
 * any keyword may be created. A keyword such as $NotJunk is not sent where it cannot be kept
 * (the server would refuse or drop it); system flags always are.
 */
function storable(client: ImapFlow, flags: string[]): string[] {
  const permanent = client.mailbox ? client.mailbox.permanentFlags : undefined
  if (!permanent || permanent.size === 0 || permanent.has('\\*')) return flags
  return flags.filter((f) => f.startsWith('\\') || permanent.has(f))
}

/** Replays one queued action and acknowledges it in the same job (nothing runs in between). */
async function replay(ctx: SyncContext, client: ImapFlow, entry: QueueEntry): Promise<void> {
  const a = entry.action
  if (a.kind === 'flags' || a.kind === 'expunge') return replayOnRows(ctx, client, entry, a)
  return replayTransfer(ctx, client, entry, a)
}

async function replayOnRows(
  ctx: SyncContext,
  client: ImapFlow,
  entry: QueueEntry,
  a: Exclude<QueuedAction, Transfer>,
): Promise<void> {
  const { store } = ctx
  const mb = store.mailboxes.require(a.mailboxId)
  const set = toSequenceSet([...store.mutations.uidsOf(a.messageIds).values()])
  if (set) {
    await inMailbox(client, mb.path, async () => {
      if (a.kind === 'expunge') {
        // STORE \Deleted, then UID EXPUNGE of exactly these UIDs (RFC 4315 §2.1).
        await checked(client, 'delete', () => client.messageDelete(set, { uid: true }))
        return
      }
      const add = storable(client, a.add)
      const remove = storable(client, a.remove)
      if (add.length) await checked(client, 'flags', () => client.messageFlagsAdd(set, add, { uid: true }))
      if (remove.length) {
        await checked(client, 'flags', () => client.messageFlagsRemove(set, remove, { uid: true }))
      }
    })
  }
  store.db.transaction(() => {
    if (a.kind === 'expunge') store.mutations.remove(a.messageIds)
    store.queue.finish(entry)
  })()
  changed(ctx, mb)
}

/** The server refused an action for good: undo it locally so the store shows the server's truth again. */
function revert(ctx: SyncContext, entry: QueueEntry): void {
  const { store } = ctx
  const a = entry.action
  store.db.transaction(() => {
    if (a.kind === 'flags') store.mailboxes.forgetModseq(a.mailboxId) // next sync compares every flag
    if (a.kind === 'expunge') store.mutations.hide(a.messageIds, false)
    if (a.kind === 'move' || a.kind === 'copy') {
      store.mutations.remove(a.items.map((i) => i.placeholderId))
      if (a.kind === 'move')
        store.mutations.hide(
          a.items.map((i) => i.sourceId),
          false,
        )
    }
    store.queue.finish(entry)
  })()
  const targets = a.kind === 'move' || a.kind === 'copy' ? [a.mailboxId, a.targetId] : [a.mailboxId]
  changed(ctx, ...targets.map((id) => store.mailboxes.get(id)))
}

/**
 * Replays the account's queued actions in order. A connection problem stops the replay (the
 * actions stay queued for the next attempt); a refusal drops that action, undoes it locally and
 * reports it as `app:error`, and the replay goes on.
 */
export async function flushQueue(ctx: SyncContext, priority: Priority): Promise<number> {
  let replayed = 0
  for (;;) {
    const entry = ctx.store.queue.next(ctx.accountId)
    if (!entry) return replayed
    try {
      await ctx.session.run(priority, (client) => replay(ctx, client, entry))
      replayed++
    } catch (err) {
      ctx.session.guard()
      // A failed store is not the server's refusal: the action stays queued (the queue is durable),
      // and is replayed once the store works again.
      const storage = storageFailure(err)
      if (storage) throw storage
      const e = AppError.from(err, { message: 'Replay failed' })
      const keep =
        e.retryable ||
        e.code === 'CANCELLED' ||
        (e.code === 'INTERNAL' && entry.attempts < MAX_INTERNAL_ATTEMPTS)
      if (keep) {
        ctx.store.queue.recordFailure(entry, e.message)
        throw e
      }
      if (ctx.store.mailboxes.get(entry.action.mailboxId)) revert(ctx, entry)
      else ctx.store.queue.finish(entry)
      ctx.events.emit('app:error', { accountId: ctx.accountId, error: toErrorData(e) })
    }
  }
}
