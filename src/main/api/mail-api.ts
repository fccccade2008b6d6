import { AppError } from '../../shared/errors'
import type { MailApi } from '../../shared/ipc/contract'
import type { MailboxApi } from '../../shared/ipc/mailbox-api'
import type { Services } from '../services'

/**
 * The MailApi implementation: a thin facade that forwards each call to a core service.
 * No logic lives here; validation happened in ipc/register.ts, behaviour lives in core.
 */
export function createMailApi(services: Services): MailApi {
  return {
    getAppInfo: () => services.appInfo.getAppInfo(),
    openExternalLink: (url) => services.links.open(url),
    listAccounts: () => Promise.resolve(services.accounts.list()),
    ...TEMPORARY_MAILBOX_API,
  }
}

// ---- TEMPORARY (feat/reader): MailboxApi is implemented on feat/imap-sync. Until that lands on
// main, every method rejects so the reader UI can be built against the contract. Delete this
// block (and take main's facade) when merging main. ----
const notWired = (): Promise<never> => Promise.reject(new AppError('INTERNAL', 'mail store not wired yet'))
const TEMPORARY_MAILBOX_API: MailboxApi = {
  listMailboxes: notWired,
  listMessages: notWired,
  getMessage: notWired,
  getMessageSource: notWired,
  setFlags: notWired,
  moveMessages: notWired,
  copyMessages: notWired,
  deleteMessages: notWired,
  archiveMessages: notWired,
  markAsJunk: notWired,
  refreshMailbox: notWired,
  saveAttachment: notWired,
  openAttachedMessage: notWired,
  allowRemoteContent: notWired,
}
// ---- END TEMPORARY ----
