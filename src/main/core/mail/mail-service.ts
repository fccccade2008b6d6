import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { Account } from '../../../shared/model/account'
import type { ListView } from '../../../shared/model/list-view'
import type {
  Mailbox,
  MailboxRole,
  MessageFlags,
  MessagePage,
  MessageSummary,
  MessageView,
} from '../../../shared/model/mail'
import type { AccountSource } from '../accounts/account-source'
import type { EventBus } from '../events'
import { PRIORITY } from '../imap/imap-session'
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../imap/sync-scheduler'
import { canonicalLineBreaks } from '../mime/canonical'
import type { TlsTrust } from '../net/tls'
import type { Db } from '../store/database'
import type { TaskHealth } from '../store/storage-health'
import { AccountRegistry } from '../imap/account-registry'
import { createServerSearchPort } from './server-search-port'
import { createBackgroundPass } from './background-pass'
import { createLocalMailboxes } from './local-mailboxes'
import { unifiedList } from './unified-lists'
import { createMailActions } from './mail-actions'
import { createFolderService } from './folder-service'
import { createCrossAccount } from './cross-account'
import { createMailStore, type MailStore } from '../store/mail-store'
import { createMessageReader } from './message-reader'
import { createPendingCopies } from './pending-copies'
import type { SeenAddressSink } from '../store/seen-addresses'
import type { MailService } from './mail-service-api'
import { settle } from './settle'
import { NO_SAVE_DIALOG, safeFileName, type SaveDialogPort } from './save-dialog-port'

export interface MailServiceDeps {
  db: Db
  events: EventBus
  accountSource: AccountSource
  listAccounts: () => Account[]
  trust: TlsTrust
  /** The app's data folder; downloads are staged in a `tmp` folder inside it. */
  dataDir: string
  saveDialog?: SaveDialogPort
  /** Engine timing (tests shorten it); defaults in imap/sync-scheduler.ts. */
  engine?: Partial<EngineOptions>
  /** Where the addresses of stored mail go (the contact store, for autocomplete). */
  contacts?: SeenAddressSink
  /** Hears when the engines or the background passes stop on a failed store (the app's banner). */
  health?: TaskHealth
}

/** Rows per step of the background passes (each step one short transaction). */
const THREAD_BACKFILL_BATCH = 2000
const CONTACTS_BATCH = 5000
/** The contacts feed runs once no rows were stored for this long (a sync's burst is over). */
const CONTACTS_QUIET_MS = 2000

/** Parses a stored message's id from the UI ("42"; attached messages "42#2" are not rows). */
function messageRowId(id: string): number {
  if (!/^\d{1,15}$/.test(id)) {
    throw new AppError('MESSAGE_NOT_FOUND', `Not a stored message: ${id}`, { detail: { field: 'messageId' } })
  }
  return Number(id)
}

/** Parses a mailbox id from the UI ("42"). */
export function mailboxRowId(id: string): number {
  const n = Number(id)
  if (!/^\d{1,15}$/.test(id) || !Number.isSafeInteger(n)) {
    throw new AppError('INVALID_INPUT', `Invalid mailbox id ${id}`, { detail: { field: 'mailboxId' } })
  }
  return n
}

/**
 * The mail feature's core: reads from the local store, the IMAP engines (one per account), and
 * the functions other features use (sending: getMessage, getAttachmentBytes, findMailboxByRole).
 */
export function createMailService(deps: MailServiceDeps): MailService {
  const store: MailStore = createMailStore(deps.db, {
    contacts: deps.contacts,
    onInserted: () => contactsFeed.schedule(),
  })
  // Rows stored before threads existed get theirs; addresses of stored mail reach the contacts.
  const failed = (task: 'threads' | 'contacts') => (err: unknown) => {
    if (!deps.health?.report(task, err)) console.warn(`[mail] ${task} pass stopped`, err)
  }
  const threadBackfill = createBackgroundPass(
    'thread backfill',
    () => store.threads.backfill(THREAD_BACKFILL_BATCH) === THREAD_BACKFILL_BATCH,
    0,
    0,
    failed('threads'),
  )
  const contactsFeed = createBackgroundPass(
    'contacts feed',
    () => store.feedContacts(CONTACTS_BATCH) === CONTACTS_BATCH,
    CONTACTS_QUIET_MS,
    CONTACTS_QUIET_MS * 15,
    failed('contacts'),
  )
  threadBackfill.schedule()
  contactsFeed.schedule()
  const registry = new AccountRegistry({
    ...deps,
    store,
    tmpDir: join(deps.dataDir, 'tmp'),
    options: { ...DEFAULT_ENGINE_OPTIONS, ...deps.engine },
  })
  const saveDialog = deps.saveDialog ?? NO_SAVE_DIALOG
  const reader = createMessageReader({
    store,
    ensureSource: async (record) => {
      const mb = store.mailboxes.require(record.mailboxId)
      const sync = mb.isLocal ? null : registry.syncFor(record.accountId)
      if (!sync) throw new AppError('MESSAGE_NOT_FOUND', 'The message source is missing from the local store')
      await sync.fetchSource(record, PRIORITY.interactive)
    },
  })
  const local = createLocalMailboxes(store)
  const actions = createMailActions({
    store,
    events: deps.events,
    local,
    queued: (accountId) => registry.flushSoon(accountId),
    syncMailbox: async (mb) => {
      await registry.syncFor(mb.accountId)?.syncMailbox(mb.id, PRIORITY.interactive)
    },
  })
  const folders = createFolderService({
    store,
    events: deps.events,
    onServer: (accountId, fn) => registry.requireSync(accountId).session.run(PRIORITY.interactive, fn),
    flush: async (accountId) => {
      await registry.requireSync(accountId).flush(PRIORITY.interactive)
    },
    markRead: (ids) => actions.setFlags(ids, { seen: true }),
    queued: (accountId) => registry.flushSoon(accountId),
  })
  const crossAccount = createCrossAccount({
    store,
    events: deps.events,
    rawSource: (id, max) => reader.getRawSource(id, max),
    onServer: (accountId, fn) => registry.requireSync(accountId).session.run(PRIORITY.interactive, fn),
    syncMailbox: async (mb) => {
      await registry.requireSync(mb.accountId).syncMailbox(mb.id, PRIORITY.interactive)
    },
    queued: (accountId) => registry.flushSoon(accountId),
  })
  /** A move or copy to another account's folder goes through APPEND (cross-account.ts). */
  const acrossAccounts = (kind: 'move' | 'copy', ids: string[], targetId: string): Promise<void> | null => {
    const target = /^\d{1,15}$/.test(targetId) ? store.mailboxes.get(Number(targetId)) : undefined
    if (!target || !target.selectable || !crossAccount.crosses(ids, target)) return null
    // Only to an IMAP account the app knows (its engine carries the APPEND).
    const engineOf = (accountId: string) => {
      try {
        return registry.syncFor(accountId)
      } catch {
        return null // an account the app does not know
      }
    }
    if (target.isLocal || !engineOf(target.accountId)) {
      return Promise.reject(
        new AppError('INVALID_INPUT', 'Messages can be carried only to a folder of an IMAP account', {
          detail: { field: 'targetMailboxId' },
        }),
      )
    }
    return crossAccount.transfer(kind, ids, target)
  }
  const unsubscribe: (() => void)[] = []
  // The outbox saved Sent copies on the server: sync the Sent folder so the conversation shows them.
  unsubscribe.push(
    deps.events.on('outbox:sent-copies-saved', ({ accountId }) => {
      const sent = store.mailboxes.byRole(accountId, 'sent')
      if (sent) registry.mailboxChanged(sent)
    }),
  )
  if (deps.health) {
    // The store works again: the passes resume where they stopped, the engines sync at once.
    unsubscribe.push(
      deps.health.onRecovered(() => {
        threadBackfill.schedule()
        contactsFeed.schedule()
        registry.resumeAll()
      }),
    )
  }

  const service: MailService = {
    /** Sent and Drafts copies the server does not have yet, shown until it has them. */
    pendingCopies: createPendingCopies(store, deps.events, (mb) => registry.mailboxChanged(mb)),
    serverSearch: createServerSearchPort(registry, store),

    /** Starts syncing every IMAP account and follows account changes. */
    start(): void {
      const known = new Set(deps.listAccounts().map((a) => a.id))
      for (const id of store.mailboxes.accountIds()) if (!known.has(id)) service.purgeAccount(id)
      unsubscribe.push(
        deps.events.on('accounts:changed', ({ accountId }) => {
          void registry.accountChanged(accountId).then((gone) => {
            if (gone) service.purgeAccount(accountId)
          })
        }),
      )
      registry.start()
    },

    async close(): Promise<void> {
      unsubscribe.splice(0).forEach((u) => u())
      threadBackfill.stop()
      contactsFeed.stop()
      await registry.close()
    },

    ...actions,
    ...folders,
    moveMessages: (ids, targetId) =>
      acrossAccounts('move', ids, targetId) ?? actions.moveMessages(ids, targetId),
    copyMessages: (ids, targetId) =>
      acrossAccounts('copy', ids, targetId) ?? actions.copyMessages(ids, targetId),

    /**
     * For POP3 (local folders): the account's Inbox, Sent, Drafts and Trash, created when missing.
     * Archive and Junk are created on first use by archiveMessages / markAsJunk.
     */
    ensureLocalMailboxes: (accountId: string) => local.ensureLocalMailboxes(accountId),

    /**
     * For POP3: stores a downloaded message (raw RFC 5322 in `sourceFile`) in a local folder and
     * returns its id. Synchronous, so the caller can put it in one `db.transaction` with its own
     * bookkeeping (e.g. the UIDL it came from). Emits `mailbox:changed` once the caller's code
     * has returned; `mail:new` is the caller's to emit.
     */
    insertLocalMessage(
      mailboxId: string,
      sourceFile: string,
      meta: { receivedAt: number; flags?: Partial<MessageFlags> },
    ): string {
      const id = local.insertLocalMessage(mailboxId, sourceFile, meta)
      const accountId = store.mailboxes.require(Number(mailboxId)).accountId
      setImmediate(() => deps.events.emit('mailbox:changed', { accountId, mailboxId }))
      return id
    },

    /**
     * Forces the store's data to disk (a full WAL checkpoint). In WAL mode with synchronous=NORMAL
     * a commit survives a crash of the app but not always a power cut; call this before deleting
     * the only other copy of something (e.g. a POP3 message on the server).
     */
    syncToDisk(): void {
      deps.db.pragma('wal_checkpoint(FULL)')
    },

    /**
     * Stops the engine of a removed account and deletes what it stored after the account's rows
     * were deleted (store/account-removal.ts: the database deletes them with the account).
     */
    purgeAccount(accountId: string): void {
      void registry.stop(accountId)
      store.purgeAccount(accountId)
    },

    /** Syncs the account's folder list and every changed mailbox now. */
    async syncAccount(accountId: string): Promise<void> {
      await registry.requireSync(accountId).resync()
    },

    async flushActions(accountId: string): Promise<void> {
      await registry.requireSync(accountId).flush()
    },

    listMailboxes(accountId: string): Promise<Mailbox[]> {
      return settle(() => store.mailboxes.list(accountId).map((m) => store.mailboxes.toMailbox(m)))
    },

    findMailboxByRole(accountId: string, role: MailboxRole): Mailbox | null {
      const m = store.mailboxes.byRole(accountId, role)
      return m ? store.mailboxes.toMailbox(m) : null
    },

    listMessages(
      mailboxId: string,
      range: { offset: number; limit: number },
      view?: ListView,
    ): Promise<MessagePage> {
      return settle(() => {
        const unified = unifiedList(store, mailboxId, view)
        if (unified) {
          const { mailboxIds: ids, view: v } = unified
          const items = store.lists.page(ids, range.offset, range.limit, v)
          return { total: store.lists.count(ids, v), offset: range.offset, items }
        }
        const mb = store.mailboxes.require(mailboxRowId(mailboxId))
        const id = mb.id
        if (range.offset === 0) registry.mailboxOpened(mb)
        if (view) {
          return {
            total: store.lists.count([id], view),
            offset: range.offset,
            items: store.lists.page([id], range.offset, range.limit, view),
          }
        }
        return {
          total: store.messages.countVisible(id),
          offset: range.offset,
          items: store.messages.page(id, range.offset, range.limit),
        }
      })
    },

    /** The ids of listMessages' rows, in its order: what "select all" acts on. */
    listMessageIds(
      mailboxId: string,
      range: { offset: number; limit: number },
      view?: ListView,
    ): Promise<string[]> {
      return settle(() => {
        const unified = unifiedList(store, mailboxId, view)
        if (unified) return store.lists.pageIds(unified.mailboxIds, range.offset, range.limit, unified.view)
        const mb = store.mailboxes.require(mailboxRowId(mailboxId))
        if (view) return store.lists.pageIds([mb.id], range.offset, range.limit, view)
        return store.messages.pageIds(mb.id, range.offset, range.limit)
      })
    },

    getMessage: (messageId: string): Promise<MessageView> => reader.getMessage(messageId),

    /** The conversation of a stored message, oldest first, across the account's mailboxes. */
    getThread(messageId: string): Promise<MessageSummary[]> {
      return settle(() => {
        const record = store.messages.require(messageRowId(messageId))
        if (record.threadId === null) return [record.summary]
        return store.threads.conversation({ id: record.id, threadId: record.threadId })
      })
    },
    getMessageSource: (messageId: string): Promise<string> => reader.getMessageSource(messageId),
    openAttachedMessage: (messageId: string, attachmentId: string): Promise<MessageView> =>
      reader.openAttachedMessage(messageId, attachmentId),

    /** The raw source, for forwarding it whole (fetched from the server when not cached). */
    async getRawMessage(messageId: string, maxBytes: number): Promise<Uint8Array> {
      return reader.getRawSource(messageId, maxBytes)
    },

    async getAttachmentBytes(messageId: string, attachmentId: string): Promise<Uint8Array> {
      return (await reader.getAttachment(messageId, attachmentId)).content
    },

    async saveAttachment(messageId: string, attachmentId: string): Promise<{ saved: boolean }> {
      const part = await reader.getAttachment(messageId, attachmentId)
      const path = await saveDialog.chooseSavePath(safeFileName(part.saveName))
      if (path === null) return { saved: false }
      try {
        // An attached message saved as .eml is one we write: CRLF line ends (RFC 5322 §2.1), as
        // other mail programs expect, whatever the sender's server stored. Other files byte for byte.
        const message = part.contentType.toLowerCase() === 'message/rfc822'
        await writeFile(path, message ? canonicalLineBreaks(part.content) : part.content)
      } catch (cause) {
        throw new AppError('STORAGE_FAILED', 'The attachment could not be written', { cause })
      }
      return { saved: true }
    },

    async allowRemoteContent(messageId: string, scope: 'message' | 'sender'): Promise<void> {
      const { record, summary } = await reader.summaryOf(messageId)
      if (scope === 'message') store.messages.allowRemote(record.id)
      else for (const a of summary.from) store.messages.allowSender(record.accountId, a.address)
    },

    async refreshMailbox(mailboxId: string): Promise<void> {
      const mb = store.mailboxes.require(mailboxRowId(mailboxId))
      if (mb.isLocal) return
      await registry.requireSync(mb.accountId).syncMailbox(mb.id, PRIORITY.interactive)
    },
  }
  return service
}
