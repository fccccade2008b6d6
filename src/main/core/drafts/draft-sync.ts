/**
 * The copy of each draft in the account's IMAP Drafts folder (RFC 6154 \Drafts). Every version
 * carries the draft's own Message-ID; saving appends the new version and then removes the older
 * ones with that Message-ID, so the folder holds one copy per draft (a crash between the two
 * steps leaves two, and the next save removes the extra one).
 */
import type { AccountSource } from '../accounts/account-source'
import { toOutgoing } from '../compose/outgoing'
import { appendMessage, deleteUids, findByMessageId, specialFolder, withImap } from '../imap/sending-folders'
import { buildMessage } from '../mime/build-message'
import type { TlsTrust } from '../net/tls'
import type { DraftStore } from './draft-store'

export interface DraftSyncOptions {
  drafts: DraftStore
  accounts: AccountSource
  trust: TlsTrust
  /** How often, at most, a draft being typed is copied to the server. */
  intervalMs?: number
  onError?: (draftId: string, err: unknown) => void
}

export interface DraftSync {
  /** A local save happened: copy to the server within the interval. */
  changed(draftId: string): void
  /** Copy to the server now if the local version is newer (the composer closed). */
  flush(draftId: string): Promise<void>
  /** Removes every server copy of a draft (it was sent or discarded). */
  removeFromServer(accountId: string, serverMessageId: string): Promise<void>
  stop(): Promise<void>
}

export function createDraftSync(opts: DraftSyncOptions): DraftSync {
  const interval = opts.intervalMs ?? 15_000
  const timers = new Map<string, NodeJS.Timeout>()
  const chains = new Map<string, Promise<void>>()
  const pending = new Set<Promise<void>>()

  const access = async (accountId: string) => ({
    account: opts.accounts.get(accountId),
    password: await opts.accounts.password(accountId, 'incoming'),
    trust: opts.trust,
  })

  async function push(draftId: string): Promise<void> {
    if (!opts.drafts.exists(draftId)) return
    const info = opts.drafts.serverInfo(draftId)
    if (!info.dirty) return
    const draft = opts.drafts.get(draftId)
    const account = opts.accounts.get(draft.accountId)
    // POP3 has no server folders: the local draft is the only copy.
    if (account.incoming.protocol !== 'imap') return opts.drafts.markServerClean(draftId, info.updatedAt)
    const outgoing = toOutgoing(draft, account, opts.drafts.attachmentBytes(draftId), 'lenient')
    const built = await buildMessage(outgoing, { messageId: info.messageId, draft: true })
    await withImap(await access(draft.accountId), async (client) => {
      const path = await specialFolder(client, '\\Drafts')
      const uid = await appendMessage(client, path, built.raw, ['\\Draft', '\\Seen'])
      const all = (await findByMessageId(client, path, info.messageId)).sort((a, b) => a - b)
      // Without UIDPLUS the new copy is the one with the highest UID.
      const keep = uid ?? all[all.length - 1]
      await deleteUids(
        client,
        path,
        all.filter((u) => u !== keep),
      )
    })
    opts.drafts.markServerClean(draftId, info.updatedAt)
  }

  /** Pushes of one draft run one after another, never interleaved. */
  function enqueue(draftId: string): Promise<void> {
    const next = (chains.get(draftId) ?? Promise.resolve()).then(() => push(draftId))
    const settled = next.catch((err: unknown) => opts.onError?.(draftId, err))
    chains.set(draftId, settled)
    pending.add(settled)
    void settled.finally(() => pending.delete(settled))
    return next
  }

  return {
    changed(draftId) {
      if (timers.has(draftId)) return
      timers.set(
        draftId,
        setTimeout(() => {
          timers.delete(draftId)
          void enqueue(draftId).catch(() => undefined)
        }, interval),
      )
    },
    async flush(draftId) {
      clearTimeout(timers.get(draftId))
      timers.delete(draftId)
      await enqueue(draftId)
    },
    async removeFromServer(accountId, serverMessageId) {
      const account = opts.accounts.get(accountId)
      if (account.incoming.protocol !== 'imap') return
      await withImap(await access(accountId), async (client) => {
        const path = await specialFolder(client, '\\Drafts')
        await deleteUids(client, path, await findByMessageId(client, path, serverMessageId))
      })
    },
    async stop() {
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
      await Promise.allSettled([...pending])
    },
  }
}
