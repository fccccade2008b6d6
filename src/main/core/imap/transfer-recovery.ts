/**
 * Making the replay of a queued COPY/MOVE idempotent. The replay marks an action "in flight"
 * (durably, with the target's UIDVALIDITY and UIDNEXT) right before sending the command, and
 * clears the action together with the store update after the answer. If the app dies, or the
 * connection drops, in between, the server may or may not have carried the command out; sending
 * it again blindly would leave a second copy in the target. So a replay of an action found in
 * flight first looks in the target for the copies the earlier command made, and only sends the
 * command for the messages it did not find.
 *
 * Where to look: only at UIDs from the recorded UIDNEXT on (UIDs grow strictly, RFC 9051 §2.3.1.1),
 * so a message that was already in the target before is never mistaken for our copy.
 * How to recognize a copy: by its Message-ID (UID SEARCH HEADER, RFC 9051 §6.4.4); a message
 * without one by its INTERNALDATE and RFC822.SIZE, which COPY/MOVE preserve (RFC 9051 §6.4.7,
 * RFC 6851 §3.3). Two different messages without Message-ID, of the same size and arrival
 * second, copied in the same action, are told apart only by count (each target UID is claimed
 * once), which is the best the protocol allows.
 */
import type { ImapFlow } from 'imapflow'
import type { TargetMark } from '../store/action-queue'
import type { MailboxRecord } from '../store/mailbox-repo'
import type { MessageIdentity } from '../store/message-mutations'
import { checked } from './imap-client'

export interface TransferItem {
  sourceId: number
  identity: MessageIdentity | undefined
}

/**
 * The target's UIDVALIDITY and UIDNEXT now (STATUS, RFC 9051 §6.3.11). A server that leaves an item
 * out gets what the last sync saw: an older UIDNEXT is never higher, so no copy is missed.
 */
export async function targetMarkOf(client: ImapFlow, target: MailboxRecord): Promise<TargetMark> {
  const status = await checked(client, 'STATUS', () =>
    client.status(target.path, { uidValidity: true, uidNext: true }),
  )
  return {
    uidValidity: status.uidValidity !== undefined ? Number(status.uidValidity) : (target.uidValidity ?? 0),
    uidNext: status.uidNext ?? target.uidNext ?? 1,
  }
}

/**
 * The copies an earlier, interrupted COPY/MOVE made in the target: source row id → target UID.
 * Empty when the target's UIDVALIDITY changed since (a recreated mailbox lost those copies).
 * Runs with the target selected (the caller holds its lock).
 */
export async function copiesSince(
  client: ImapFlow,
  mark: TargetMark,
  now: TargetMark,
  items: readonly TransferItem[],
): Promise<Map<number, number>> {
  const found = new Map<number, number>()
  if (now.uidValidity !== mark.uidValidity || now.uidNext <= mark.uidNext) return found
  // "n:*" also names the highest UID when it is below n (RFC 9051 §6.4.8), hence the filters.
  const range = `${mark.uidNext}:*`
  const claimed = new Set<number>()
  const claim = (sourceId: number, uids: readonly number[]) => {
    const uid = uids.filter((u) => u >= mark.uidNext && !claimed.has(u)).sort((a, b) => a - b)[0]
    if (uid === undefined) return
    claimed.add(uid)
    found.set(sourceId, uid)
  }
  const withoutId: TransferItem[] = []
  for (const item of items) {
    const messageId = item.identity?.messageId
    if (!messageId) {
      withoutId.push(item)
      continue
    }
    const hits = await client.search({ uid: range, header: { 'message-id': messageId } }, { uid: true })
    claim(item.sourceId, hits || [])
  }
  if (withoutId.length === 0) return found
  const arrived: { uid: number; second: number; size: number }[] = []
  for await (const m of client.fetch(range, { uid: true, internalDate: true, size: true }, { uid: true })) {
    const date =
      m.internalDate instanceof Date ? m.internalDate.getTime() : Date.parse(String(m.internalDate))
    arrived.push({ uid: m.uid, second: Math.floor(date / 1000), size: m.size ?? -1 })
  }
  for (const item of withoutId) {
    const id = item.identity
    if (!id) continue
    const second = Math.floor(id.receivedAt / 1000)
    claim(
      item.sourceId,
      arrived.filter((a) => a.second === second && a.size === id.size).map((a) => a.uid),
    )
  }
  return found
}
