/**
 * Drafts that start from a stored message: replies and forwards (reply-builder.ts), and drafts
 * other clients left in the account's Drafts folder (draft-from-message.ts).
 */
import { AppError } from '../../../shared/errors'
import type { Draft, DraftContent, ReplyKind } from '../../../shared/model/compose'
import type { AccountSource } from '../accounts/account-source'
import type { DraftStore } from '../drafts/draft-store'
import type { DraftSync } from '../drafts/draft-sync-api'
import { singleFlight } from '../single-flight'
import { seedFromDraftMessage } from './draft-from-message'
import type { OriginalMessageSource, StoredDraftFolder } from './ports'
import {
  buildForward,
  buildForwardAsAttachment,
  buildReply,
  emlFileName,
  type ComposeSeed,
} from './reply-builder'

export interface DraftOpenerDeps {
  drafts: DraftStore
  sync: DraftSync
  accounts: AccountSource
  originals: OriginalMessageSource
  draftFolder?: StoredDraftFolder
  /** Creates the local draft; `serverMessageId` is made from the identity when not given. */
  create(accountId: string, content: Omit<DraftContent, 'id' | 'accountId'>, serverMessageId?: string): Draft
  /** One file at most this big (a forwarded message is one file). */
  maxAttachmentBytes: number
}

export function createDraftOpeners(deps: DraftOpenerDeps) {
  const { drafts, originals } = deps
  /**
   * Opening a Drafts-folder message is once-only too: two opens at the same time (a double click)
   * would make two local drafts of one message, which could then both be sent. The second waits
   * for the first one's draft.
   */
  const opening = singleFlight<Draft>()

  async function copyAttachments(draftId: string, messageId: string, seed: ComposeSeed): Promise<void> {
    for (const a of seed.attachments) {
      const data = await originals.getAttachmentBytes(messageId, a.id)
      drafts.addAttachment(draftId, {
        filename: a.filename ?? a.saveName,
        contentType: a.contentType,
        data,
        inline: a.inline,
        contentId: a.contentId,
      })
    }
  }

  /**
   * A message of the Drafts folder opens as a draft of this app. When it has a usable
   * Message-ID the local draft takes it over, so its next server copy replaces this one (and
   * sending removes every copy) exactly as for the app's own drafts; if this app made it, its
   * existing draft opens. Without one, the draft gets a new Message-ID, its first copy is
   * saved now and the old message is deleted, so the folder does not end up with both.
   */
  async function openDraftMessage(messageId: string): Promise<Draft> {
    const view = await originals.getMessage(messageId)
    const s = view.summary
    const draftsBox = deps.draftFolder?.findMailboxByRole(s.accountId, 'drafts')
    if (!s.flags.draft && draftsBox?.id !== s.mailboxId) {
      throw new AppError('INVALID_INPUT', 'The message is not a draft', {
        detail: { field: 'messageId', reason: 'not-a-draft' },
      })
    }
    const account = deps.accounts.get(s.accountId)
    const seed = seedFromDraftMessage(view, account)
    const { serverMessageId, attachments: _files, ...content } = seed
    if (serverMessageId) {
      const own = drafts.findByServerMessageId(s.accountId, serverMessageId)
      if (own) return own
    }
    const draft = deps.create(s.accountId, content, serverMessageId ?? undefined)
    await copyAttachments(draft.id, messageId, seed)
    if (!serverMessageId) {
      // The local copy is safe whatever happens; the server's old version goes only after.
      await deps.sync.flush(draft.id).catch(() => deps.sync.changed(draft.id))
      await deps.draftFolder?.deleteMessages([messageId])
    }
    return drafts.get(draft.id)
  }

  return {
    async createReply(messageId: string, kind: ReplyKind): Promise<Draft> {
      const original = await originals.getMessage(messageId)
      const accountId = original.summary.accountId
      const account = deps.accounts.get(accountId)
      const seed =
        kind === 'forward'
          ? buildForward(original, account)
          : kind === 'forwardAsAttachment'
            ? buildForwardAsAttachment(original, account)
            : buildReply(original, account, kind)
      const { attachments: _files, ...rest } = seed
      // Fetched before the draft exists, so a message that cannot be had leaves no empty draft.
      const raw =
        kind === 'forwardAsAttachment'
          ? await originals.getRawMessage(messageId, deps.maxAttachmentBytes)
          : null
      const draft = deps.create(accountId, { format: 'html', ...rest })
      if (raw) {
        // The bytes as stored: nodemailer labels a message/* part 7bit or 8bit and never re-encodes it.
        drafts.addAttachment(draft.id, {
          filename: emlFileName(original.summary.subject),
          contentType: 'message/rfc822',
          data: raw,
        })
      }
      await copyAttachments(draft.id, messageId, seed)
      return drafts.get(draft.id)
    },

    /** A message of the Drafts folder opened as a draft of this app, once (openDraftMessage). */
    editDraftMessage: (messageId: string): Promise<Draft> =>
      opening(messageId, () => openDraftMessage(messageId)),
  }
}
