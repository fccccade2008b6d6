import type { ComposeApi, OutboxApi } from '../../shared/ipc/compose-api'
import { MAIL_METHODS, type MailApi } from '../../shared/ipc/contract'
import type { MailboxApi } from '../../shared/ipc/mailbox-api'
import type { TaskHealth } from '../core/store/storage-health'
import type { Services } from '../services'

/**
 * The MailApi implementation: a thin facade that forwards each call to a core service.
 * No logic lives here; validation happened in ipc/register.ts, behaviour lives in core.
 */
export function createMailApi(services: Services): MailApi {
  return watchingStorage(facade(services), services.health)
}

function facade(services: Services): MailApi {
  return {
    getAppInfo: () => services.appInfo.getAppInfo(),
    getAppHealth: () => Promise.resolve(services.health.state()),
    openExternalLink: (url) => services.links.open(url),
    listAccounts: () => Promise.resolve(services.accountsService.list()),
    discoverSettings: (id, address) => services.accountsService.discover(id, address),
    cancelDiscovery: (id) => Promise.resolve(services.accountsService.cancelDiscovery(id)),
    testAccount: (draft, passwords) => services.accountsService.test(draft, passwords),
    addAccount: (draft, passwords) => services.accountsService.add(draft, passwords),
    updateAccount: (id, draft, passwords) => services.accountsService.update(id, draft, passwords),
    removeAccount: (id) => services.accountsService.remove(id),
    getPop3Status: (id) => Promise.resolve(services.pop3.status(id) ?? null),
    checkNow: (id) => services.checkNow(id),
    ...mailboxFacade(services),
    ...composeMethods(services),
    searchMessages: (query, options) => Promise.resolve().then(() => services.search.search(query, options)),
    getDeliveryStatus: (id) => Promise.resolve().then(() => services.delivery.statusFor(id)),
  }
}

/**
 * A person's action that fails on the store (saving a draft on a full disk) also raises the
 * banner, which stays until the store works again: the error notice alone goes with the dialog.
 */
function watchingStorage(api: MailApi, health: TaskHealth): MailApi {
  const calls = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  const watched: Record<string, unknown> = {}
  for (const method of MAIL_METHODS) {
    watched[method] = (...args: unknown[]) =>
      Promise.resolve()
        .then(() => calls[method]!(...args))
        .catch((err: unknown) => {
          health.report(null, err)
          throw err
        })
  }
  return watched as unknown as MailApi
}

function mailboxFacade({ mail }: Services): MailboxApi {
  return {
    listMailboxes: (accountId) => mail.listMailboxes(accountId),
    listMessages: (mailboxId, range) => mail.listMessages(mailboxId, range),
    getMessage: (messageId) => mail.getMessage(messageId),
    getThread: (messageId) => mail.getThread(messageId),
    getMessageSource: (messageId) => mail.getMessageSource(messageId),
    setFlags: (messageIds, flags) => mail.setFlags(messageIds, flags),
    moveMessages: (messageIds, target) => mail.moveMessages(messageIds, target),
    copyMessages: (messageIds, target) => mail.copyMessages(messageIds, target),
    deleteMessages: (messageIds) => mail.deleteMessages(messageIds),
    archiveMessages: (messageIds) => mail.archiveMessages(messageIds),
    markAsJunk: (messageIds) => mail.markAsJunk(messageIds),
    refreshMailbox: (mailboxId) => mail.refreshMailbox(mailboxId),
    saveAttachment: (messageId, attachmentId) => mail.saveAttachment(messageId, attachmentId),
    openAttachedMessage: (messageId, attachmentId) => mail.openAttachedMessage(messageId, attachmentId),
    allowRemoteContent: (messageId, scope) => mail.allowRemoteContent(messageId, scope),
  }
}

function composeMethods(services: Services): ComposeApi & OutboxApi {
  const { compose, outbox } = services
  // Synchronous core calls still answer with a promise; a throw becomes its rejection.
  const sync = <T>(fn: () => T): Promise<T> => Promise.resolve().then(fn)
  return {
    createDraft: (accountId, identityId) => sync(() => compose.createDraft(accountId, identityId)),
    createReply: (messageId, kind) => compose.createReply(messageId, kind),
    editDraftMessage: (messageId) => compose.editDraftMessage(messageId),
    getDraft: (draftId) => sync(() => compose.getDraft(draftId)),
    listDrafts: () => sync(() => compose.listDrafts()),
    saveDraft: (draft) => sync(() => compose.saveDraft(draft)),
    closeDraft: (draft) => compose.closeDraft(draft),
    retryDraftCopy: (draftId) => compose.retryDraftCopy(draftId),
    deleteDraft: (draftId) => compose.deleteDraft(draftId),
    pickAttachments: (draftId) => compose.pickAttachments(draftId),
    addAttachment: (draftId, file) => sync(() => compose.addAttachment(draftId, file)),
    removeAttachment: (draftId, attachmentId) => sync(() => compose.removeAttachment(draftId, attachmentId)),
    getSubmissionInfo: (accountId) => compose.getSubmissionInfo(accountId),
    suggestAddresses: (query, limit) => sync(() => compose.suggestAddresses(query, limit)),
    sendDraft: (draft) => compose.sendDraft(draft),
    listOutbox: () => sync(() => outbox.list()),
    undoSend: (outboxId) => sync(() => compose.undoSend(outboxId)),
    retryNow: (outboxId) => sync(() => outbox.retryNow(outboxId)),
    retrySentCopy: (outboxId) => sync(() => outbox.retrySentCopy(outboxId)),
    resolveUncertain: (outboxId, resolution) => sync(() => outbox.resolveUncertain(outboxId, resolution)),
    getOutboxSettings: () => sync(() => outbox.settings()),
    setOutboxSettings: (settings) => sync(() => outbox.setSettings(settings)),
  }
}
