import { MAIL_METHODS, type MailApi } from '../../shared/ipc/contract'
import type { TaskHealth } from '../core/store/storage-health'
import type { Services } from '../services'

/**
 * What the facade's methods may return: the value, or a promise of it. Core calls that are
 * synchronous (the stores) are forwarded as they are; `asMailApi` makes every method answer with
 * a promise, and a throw its rejection.
 */
type Facade = {
  [K in keyof MailApi]: (
    ...args: Parameters<MailApi[K]>
  ) => Awaited<ReturnType<MailApi[K]>> | ReturnType<MailApi[K]>
}

/**
 * The MailApi implementation: a thin facade that forwards each call to a core service, every
 * method the same way. No logic lives here; validation happened in ipc/register.ts, behaviour
 * lives in core.
 */
export function createMailApi(services: Services): MailApi {
  return asMailApi(facade(services), services.health)
}

function facade(s: Services): Facade {
  const { accountsService: accounts, mail, compose, outbox } = s
  return {
    // App
    getAppInfo: () => s.appInfo.getAppInfo(),
    getAppHealth: () => s.health.state(),
    openExternalLink: (url) => s.links.open(url),
    // Only the application menu (the bootstrap) listens: it shows the preset's keys.
    setKeyPreset: (preset) => s.events.emit('app:key-preset', { preset }),
    // Accounts
    listAccounts: () => accounts.list(),
    discoverSettings: (id, address) => accounts.discover(id, address),
    cancelDiscovery: (id) => accounts.cancelDiscovery(id),
    testAccount: (draft, passwords) => accounts.test(draft, passwords),
    addAccount: (draft, passwords) => accounts.add(draft, passwords),
    signIn: (id, request) => accounts.signIn(id, request),
    cancelSignIn: (id) => accounts.cancelSignIn(id),
    updateAccount: (id, draft, passwords) => accounts.update(id, draft, passwords),
    removeAccount: (id) => accounts.remove(id),
    getPop3Status: (id) => s.pop3.status(id) ?? null,
    checkNow: (id) => s.checkNow(id),
    // Mailboxes and messages
    listMailboxes: (accountId) => mail.listMailboxes(accountId),
    listMessages: (mailboxId, range, view) => mail.listMessages(mailboxId, range, view),
    listMessageIds: (mailboxId, range, view) => mail.listMessageIds(mailboxId, range, view),
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
    // Organize (undo, restore, folders)
    undoLast: () => mail.undoLast(),
    restoreMessages: (messageIds) => mail.restoreMessages(messageIds),
    createFolder: (accountId, parent, name) => mail.createFolder(accountId, parent, name),
    renameFolder: (mailboxId, name) => mail.renameFolder(mailboxId, name),
    moveFolder: (mailboxId, parent) => mail.moveFolder(mailboxId, parent),
    deleteFolder: (mailboxId) => mail.deleteFolder(mailboxId),
    markFolderRead: (mailboxId) => mail.markFolderRead(mailboxId),
    emptyFolder: (mailboxId) => mail.emptyFolder(mailboxId),
    // Compose
    createDraft: (accountId, identityId) => compose.createDraft(accountId, identityId),
    createReply: (messageId, kind) => compose.createReply(messageId, kind),
    editDraftMessage: (messageId) => compose.editDraftMessage(messageId),
    getDraft: (draftId) => compose.getDraft(draftId),
    listDrafts: () => compose.listDrafts(),
    saveDraft: (draft) => compose.saveDraft(draft),
    closeDraft: (draft) => compose.closeDraft(draft),
    retryDraftCopy: (draftId) => compose.retryDraftCopy(draftId),
    deleteDraft: (draftId) => compose.deleteDraft(draftId),
    pickAttachments: (draftId) => compose.pickAttachments(draftId),
    addAttachment: (draftId, file) => compose.addAttachment(draftId, file),
    removeAttachment: (draftId, attachmentId) => compose.removeAttachment(draftId, attachmentId),
    getSubmissionInfo: (accountId) => compose.getSubmissionInfo(accountId),
    suggestAddresses: (query, limit) => compose.suggestAddresses(query, limit),
    sendDraft: (draft) => compose.sendDraft(draft),
    // Outbox
    listOutbox: () => outbox.list(),
    undoSend: (outboxId) => compose.undoSend(outboxId),
    retryNow: (outboxId) => outbox.retryNow(outboxId),
    retrySentCopy: (outboxId) => outbox.retrySentCopy(outboxId),
    resolveUncertain: (outboxId, resolution) => outbox.resolveUncertain(outboxId, resolution),
    getOutboxSettings: () => outbox.settings(),
    setOutboxSettings: (settings) => outbox.setSettings(settings),
    // Search
    searchMessages: (query, options) => s.search.search(query, options),
    searchServer: (query, options) => s.search.searchServer(query, options),
    getOfflineBodies: (accountId) => s.search.offlineBodies(accountId),
    listSavedSearches: () => s.search.listSavedSearches(),
    saveSearch: (name, query) => s.search.saveSearch(name, query),
    removeSavedSearch: (id) => s.search.removeSavedSearch(id),
    setOfflineBodies: (accountId, policy) => s.search.setOfflineBodies(accountId, policy),
    getDeliveryStatus: (id) => s.delivery.statusFor(id),
    getSentStates: (ids) => s.delivery.sentStates(ids),
    getSenderCheck: (messageId) => s.senderAuth.check(messageId),
    setAuthservId: (accountId, id) => s.senderAuth.setAuthservId(accountId, id),
    getAuthservId: (accountId) => s.senderAuth.authservFor(accountId),
    // Settings
    getSettings: () => s.settings.state(),
    updateSettings: (patch) => s.settings.update(patch),
    printWindow: () => s.settings.print(),
  }
}

/**
 * Every method answers with a promise (a throw becomes its rejection). A person's action that
 * fails on the store (saving a draft on a full disk) also raises the banner, which stays until
 * the store works again: the error notice alone goes with the dialog.
 */
function asMailApi(api: Facade, health: TaskHealth): MailApi {
  const calls = api as unknown as Record<string, (...args: unknown[]) => unknown>
  const wrapped: Record<string, unknown> = {}
  for (const method of MAIL_METHODS) {
    wrapped[method] = (...args: unknown[]) =>
      Promise.resolve()
        .then(() => calls[method]!(...args))
        .catch((err: unknown) => {
          health.report(null, err)
          throw err
        })
  }
  return wrapped as unknown as MailApi
}
