/**
 * Sending a draft exactly once, whatever the person does (a double click, Ctrl+Enter twice, two
 * windows, Undo and send again). design.md: an action that must happen once claims its state
 * atomically first; repeated or concurrent requests find it claimed.
 *
 * - The claim: one conditional write moves the draft editing → outbox and saves what is sent
 *   (draft-store.ts `claim`). Of any number of sends exactly one finds it editing.
 * - A repeated or concurrent send of the same draft answers with the message already queued (or
 *   sent) for it: the caller gets the same outbox item, nothing is queued twice. We chose that
 *   over an error because a second Send is the same wish as the first, and the composer then
 *   behaves the same for both.
 * - A claimed draft refuses edits (saveDraft, attachments, delete: INVALID_INPUT, reason
 *   "in-outbox") until Undo takes its message back; the outbox also refuses a second message for
 *   a draft that has one (outbox-engine.ts `queue`).
 */
import type { Draft, DraftContent, OutboxItem } from '../../../shared/model/compose'
import { formatAddress } from '../../../shared/mail/addresses'
import type { AccountSource } from '../accounts/account-source'
import type { DraftStore } from '../drafts/draft-store'
import { inOutboxError } from '../drafts/in-outbox'
import { buildMessage } from '../mime/build-message'
import type { Outbox, OutboxLifecycle } from '../outbox/outbox-types'
import { singleFlight } from '../single-flight'
import { toOutgoing } from './outgoing'

export interface DraftSenderDeps {
  drafts: DraftStore
  outbox: Outbox
  accounts: AccountSource
  /** What a sent message does to its draft (draft-lifecycle.ts; the outbox has the same one). */
  lifecycle: OutboxLifecycle
}

export function createDraftSender(deps: DraftSenderDeps) {
  const { drafts, outbox, accounts } = deps
  /** Sends in progress by draft: a concurrent send waits for the first one's answer. */
  const sending = singleFlight<OutboxItem>()

  // A crash between a send's claim and its queueing leaves a claimed draft without a message: it
  // is editable again. One whose message was sent (a crash inside the sent bookkeeping) is done.
  for (const draftId of drafts.claimedIds()) {
    const item = outbox.forDraft(draftId)
    if (!item) drafts.release(draftId)
    else if (item.state === 'sent') deps.lifecycle.sent(item)
  }

  async function claimAndQueue(content: DraftContent): Promise<OutboxItem> {
    // Sent already (its draft is gone then), waiting or leaving: a repeated send gets that message.
    const existing = outbox.forDraft(content.id)
    if (existing) return existing
    // An unknown account fails before anything is claimed; an unknown draft fails in the claim.
    const account = accounts.get(content.accountId)
    if (!drafts.claim(content)) throw inOutboxError()
    try {
      const outgoing = toOutgoing(content, account, drafts.attachmentBytes(content.id), 'strict')
      const built = await buildMessage(outgoing)
      const recipients = [...outgoing.to, ...outgoing.cc, ...outgoing.bcc]
      return outbox.queue(
        {
          accountId: content.accountId,
          draftId: content.id,
          messageId: built.messageId,
          subject: content.subject,
          recipients: recipients.map((a) => formatAddress(a)),
          envelope: built.envelope,
          raw: built.raw,
          needsSmtpUtf8: built.needsSmtpUtf8,
          eightBit: built.eightBit,
          deliveryNotify: content.deliveryNotify ?? 'failure',
        },
        // In the same transaction: the claim still holds, so this is the draft's only message.
        () => {
          if (drafts.get(content.id).state !== 'outbox') throw inOutboxError()
        },
      )
    } catch (err) {
      // Invalid (a bad address) or not buildable: the claim is given back, the draft kept as sent.
      if (!outbox.forDraft(content.id)) drafts.release(content.id)
      throw err
    }
  }

  return {
    /** Validates, claims, builds the message once (its Message-ID is made here) and queues it. */
    send: (content: DraftContent): Promise<OutboxItem> => sending(content.id, () => claimAndQueue(content)),

    /** Takes a message back from the outbox into its draft (refused once it is being sent). */
    undo: (outboxId: string): Draft => drafts.get(outbox.undo(outboxId)),
  }
}
