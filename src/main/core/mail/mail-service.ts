import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { Account } from '../../../shared/model/account'
import type { Mailbox, MailboxRole, MessagePage, MessageView } from '../../../shared/model/mail'
import type { AccountSource } from '../accounts/account-source'
import type { EventBus } from '../events'
import { PRIORITY } from '../imap/imap-session'
import type { TlsTrust } from '../net/tls'
import type { Db } from '../store/database'
import { AccountRegistry } from './account-registry'
import { createMailStore, type MailStore } from './mail-store'
import { createMessageReader } from './message-reader'
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
export function createMailService(deps: MailServiceDeps) {
  const store: MailStore = createMailStore(deps.db)
  const registry = new AccountRegistry({ ...deps, store, tmpDir: join(deps.dataDir, 'tmp') })
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
  const unsubscribe: (() => void)[] = []

  const service = {
    store,
    registry,

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
      await registry.close()
    },

    /** Removes every mailbox, message and source of the account (it was removed). */
    purgeAccount(accountId: string): void {
      void registry.stop(accountId)
      store.mailboxes.purgeAccount(accountId)
    },

    /** Syncs the account's folder list and every changed mailbox now. */
    async syncAccount(accountId: string): Promise<void> {
      await registry.requireSync(accountId).resync()
    },

    listMailboxes(accountId: string): Promise<Mailbox[]> {
      return Promise.resolve(store.mailboxes.list(accountId).map((m) => store.mailboxes.toMailbox(m)))
    },

    findMailboxByRole(accountId: string, role: MailboxRole): Mailbox | null {
      const m = store.mailboxes.byRole(accountId, role)
      return m ? store.mailboxes.toMailbox(m) : null
    },

    listMessages(mailboxId: string, range: { offset: number; limit: number }): Promise<MessagePage> {
      const id = mailboxRowId(mailboxId)
      store.mailboxes.require(id)
      return Promise.resolve({
        total: store.messages.countVisible(id),
        offset: range.offset,
        items: store.messages.page(id, range.offset, range.limit),
      })
    },

    getMessage: (messageId: string): Promise<MessageView> => reader.getMessage(messageId),
    getMessageSource: (messageId: string): Promise<string> => reader.getMessageSource(messageId),
    openAttachedMessage: (messageId: string, attachmentId: string): Promise<MessageView> =>
      reader.openAttachedMessage(messageId, attachmentId),

    async getAttachmentBytes(messageId: string, attachmentId: string): Promise<Uint8Array> {
      return (await reader.getAttachment(messageId, attachmentId)).content
    },

    async saveAttachment(messageId: string, attachmentId: string): Promise<{ saved: boolean }> {
      const part = await reader.getAttachment(messageId, attachmentId)
      const path = await saveDialog.chooseSavePath(safeFileName(part.filename))
      if (path === null) return { saved: false }
      try {
        await writeFile(path, part.content)
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

export type MailService = ReturnType<typeof createMailService>
