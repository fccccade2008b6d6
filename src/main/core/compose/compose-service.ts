/**
 * Composing: drafts (local store + the server's Drafts folder), replies and forwards, attachments,
 * address suggestions, and handing finished messages to the outbox.
 */
import { randomUUID } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { detectMimeType } from 'nodemailer/lib/mime-funcs'
import { AppError } from '../../../shared/errors'
import type { BodyFormat } from '../../../shared/model/compose'
import type {
  Draft,
  DraftAttachment,
  DraftContent,
  OutboxItem,
  ReplyKind,
  SubmissionInfo,
} from '../../../shared/model/compose'
import type { MailAddress } from '../../../shared/model/mail'
import { parseAddress } from '../../../shared/mail/addresses'
import { withLogin, type AccountSource } from '../accounts/account-source'
import type { ContactStore } from '../store/contact-store'
import type { DraftStore, NewAttachment } from '../drafts/draft-store'
import type { DraftSync } from '../drafts/draft-sync-api'
import { newMessageId } from '../mime/build-message'
import type { TlsTrust } from '../net/tls'
import type { EventBus } from '../events'
import type { Outbox, OutboxLifecycle } from '../outbox/outbox-types'
import { SmtpSession } from '../smtp/smtp-session'
import type { ComposeService } from './compose-service-api'
import { createDraftOpeners } from './draft-openers'
import { createDraftSender } from './draft-sender'
import type { FilePicker, OriginalMessageSource, StoredDraftFolder } from './ports'
import { signatureHtml, signatureText } from './quote'
import type { ComposeSeed } from './reply-builder'

/** One attached file at most this big: it is read into memory and base64 grows it by a third. */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024

export interface ComposeOptions {
  drafts: DraftStore
  sync: DraftSync
  outbox: Outbox
  accounts: AccountSource
  contacts: ContactStore
  originals: OriginalMessageSource
  /** Where drafts other clients made are found and removed from (the mail store). */
  draftFolder?: StoredDraftFolder
  /** What a sent or returned message does to its draft (draft-lifecycle.ts; the outbox's too). */
  lifecycle: OutboxLifecycle
  /** Hears `outbox:submission-info` (what a server advertised) for getSubmissionInfo. */
  events: EventBus
  picker: FilePicker
  trust: TlsTrust
  /** The format of a new message (the Settings page); replies and forwards follow the original. */
  defaultFormat?: () => BodyFormat
}

export function createComposeService(opts: ComposeOptions): ComposeService {
  const { drafts, sync, outbox, accounts } = opts
  const submissionInfo = new Map<string, SubmissionInfo>()

  const sender = createDraftSender({ drafts, outbox, accounts, lifecycle: opts.lifecycle })
  // What each server advertised when the outbox last connected: the composer's SIZE warning.
  opts.events.on('outbox:submission-info', ({ accountId, info }) => void submissionInfo.set(accountId, info))

  const serverMessageIdFor = (accountId: string, identityId: string): string => {
    const account = accounts.get(accountId)
    const identity = account.identities.find((i) => i.id === identityId) ?? account.identities[0]
    const from = parseAddress(identity?.address ?? account.address)
    return from ? newMessageId(from) : `<${randomUUID()}@mailroom.invalid>`
  }

  function createFromSeed(accountId: string, seed: Omit<ComposeSeed, 'attachments'>): Draft {
    const content: Omit<DraftContent, 'id'> = { accountId, format: opts.defaultFormat?.() ?? 'html', ...seed }
    return drafts.create(content, serverMessageIdFor(accountId, seed.identityId))
  }

  const openers = createDraftOpeners({
    drafts,
    sync,
    accounts,
    originals: opts.originals,
    draftFolder: opts.draftFolder,
    create: (accountId, content, serverMessageId) =>
      drafts.create(
        { accountId, ...content },
        serverMessageId ?? serverMessageIdFor(accountId, content.identityId),
      ),
    maxAttachmentBytes: MAX_ATTACHMENT_BYTES,
  })

  function attach(draftId: string, files: NewAttachment[]): DraftAttachment[] {
    let list = drafts.attachments(draftId)
    for (const f of files) {
      if (f.data.byteLength > MAX_ATTACHMENT_BYTES) {
        throw new AppError('INVALID_INPUT', `${f.filename} is larger than ${MAX_ATTACHMENT_BYTES} bytes`, {
          detail: { field: 'file', reason: 'too-large' },
        })
      }
      list = drafts.addAttachment(draftId, f)
    }
    sync.changed(draftId)
    return list
  }

  return {
    createDraft(accountId: string, identityId: string | null): Draft {
      const account = accounts.get(accountId)
      const identity = account.identities.find((i) => i.id === identityId) ?? account.identities[0]
      if (!identity)
        throw new AppError('INVALID_INPUT', 'The account has no identity', { detail: { field: 'accountId' } })
      return createFromSeed(accountId, {
        identityId: identity.id,
        to: '',
        cc: '',
        bcc: '',
        subject: '',
        html: `<p></p>${signatureHtml(identity.signature)}`,
        text: signatureText(identity.signature),
        inReplyTo: null,
        references: [],
      })
    },

    /** A reply or forward of a stored message (draft-openers.ts). */
    createReply: (messageId: string, kind: ReplyKind) => openers.createReply(messageId, kind),
    /** A message of the Drafts folder, made by any client, opened as a draft (draft-openers.ts). */
    editDraftMessage: (messageId: string) => openers.editDraftMessage(messageId),

    getDraft: (draftId: string): Draft => drafts.get(draftId),
    listDrafts: (): Draft[] => drafts.list(),

    saveDraft(content: DraftContent): { savedAt: number } {
      const savedAt = drafts.save(content)
      sync.changed(content.id)
      return { savedAt }
    },

    async closeDraft(content: DraftContent): Promise<{ savedAt: number }> {
      const savedAt = drafts.save(content)
      // The local copy is safe already; a failed server copy is kept on the draft with the
      // server's words and tried again (draft-sync.ts), so closing never fails for it.
      await sync.flush(content.id).catch(() => undefined)
      return { savedAt }
    },

    /** The person asked to try the draft's server copy again; answers the draft with its new state. */
    async retryDraftCopy(draftId: string): Promise<Draft> {
      drafts.get(draftId)
      await sync.retry(draftId).catch(() => undefined)
      return drafts.get(draftId)
    },

    async deleteDraft(draftId: string): Promise<void> {
      if (!drafts.exists(draftId)) return
      const draft = drafts.get(draftId)
      if (draft.state === 'outbox') {
        throw new AppError('INVALID_INPUT', 'The draft is in the outbox: take it back first', {
          detail: { field: 'draftId', reason: 'in-outbox' },
        })
      }
      const { messageId } = drafts.serverInfo(draftId)
      drafts.remove(draftId)
      await sync.removeFromServer(draft.accountId, messageId).catch(() => undefined)
    },

    async pickAttachments(draftId: string): Promise<DraftAttachment[]> {
      drafts.get(draftId)
      const files: NewAttachment[] = []
      for (const path of await opts.picker.pickFiles()) {
        const info = await stat(path)
        if (!info.isFile()) continue
        if (info.size > MAX_ATTACHMENT_BYTES) {
          throw new AppError('INVALID_INPUT', `${basename(path)} is too large to attach`, {
            detail: { field: 'file', reason: 'too-large' },
          })
        }
        const filename = basename(path)
        files.push({ filename, contentType: detectMimeType(filename), data: await readFile(path) })
      }
      return attach(draftId, files)
    },

    addAttachment(draftId: string, file: { filename: string; contentType: string; data: Uint8Array }) {
      const contentType = file.contentType || detectMimeType(file.filename)
      return attach(draftId, [{ ...file, contentType }])
    },

    removeAttachment(draftId: string, attachmentId: string): DraftAttachment[] {
      const list = drafts.removeAttachment(draftId, attachmentId)
      sync.changed(draftId)
      return list
    },

    async getSubmissionInfo(accountId: string): Promise<SubmissionInfo> {
      const cached = submissionInfo.get(accountId)
      if (cached) return cached
      const account = accounts.get(accountId)
      const session = await withLogin(accounts, accountId, 'outgoing', (password) =>
        SmtpSession.open({
          settings: account.outgoing,
          password,
          trust: opts.trust,
          pins: account.pins,
          accountCa: account.trustedCa,
        }),
      )
      session.close()
      submissionInfo.set(accountId, session.info)
      return session.info
    },

    suggestAddresses: (query: string, limit: number): MailAddress[] => opts.contacts.suggest(query, limit),

    /** Claims the draft, builds its message once and queues it; exactly once (draft-sender.ts). */
    sendDraft: (content: DraftContent): Promise<OutboxItem> => sender.send(content),

    /** Takes a message back from the outbox into its draft. */
    undoSend: (outboxId: string): Draft => sender.undo(outboxId),
  }
}
