/**
 * What happens to a draft as its message moves through the outbox (OutboxLifecycle). Built by the
 * composition root before the outbox and given to it as a constructor argument: it needs only the
 * draft store, the outbox's rows and the Drafts copy, never the outbox itself.
 */
import { AppError } from '../../../shared/errors'
import type { DraftContent } from '../../../shared/model/compose'
import type { DraftStore } from '../drafts/draft-store'
import type { DraftSync } from '../drafts/draft-sync-api'
import { inOutboxError } from '../drafts/in-outbox'
import type { OutboxStore } from '../outbox/outbox-store'
import type { OutboxLifecycle } from '../outbox/outbox-types'
import type { RepliedMessageTarget } from './ports'

export interface DraftLifecycleDeps {
  drafts: DraftStore
  /** The outbox's rows: whether a draft still has a message waiting, leaving or sent. */
  messages: Pick<OutboxStore, 'forDraft'>
  /** Removes a sent draft's copy from the server's Drafts folder. */
  sync: Pick<DraftSync, 'removeFromServer'>
  /** Told when a reply or forward was sent (the original is marked answered or forwarded). */
  replied?: RepliedMessageTarget
}

export function createDraftLifecycle(deps: DraftLifecycleDeps): OutboxLifecycle {
  const { drafts } = deps

  /**
   * A sent reply names its original in In-Reply-To; a forward has none and names it last in
   * References (reply-builder.ts). A new message has neither.
   */
  function markOriginal(accountId: string, d: DraftContent): void {
    const forwarded = d.references[d.references.length - 1]
    const [messageId, how] = d.inReplyTo
      ? [d.inReplyTo, 'answered' as const]
      : [forwarded, 'forwarded' as const]
    if (!messageId || !deps.replied) return
    deps.replied.markReplied(accountId, messageId, how).catch((err: unknown) => {
      console.warn('[compose] the original could not be marked', how, err)
    })
  }

  return {
    // The server accepted the draft's message: remove the draft (and its server copy), mark the original.
    sent(row) {
      if (!drafts.exists(row.draftId)) return
      markOriginal(row.accountId, drafts.get(row.draftId))
      const { messageId } = drafts.serverInfo(row.draftId)
      drafts.remove(row.draftId)
      void deps.sync.removeFromServer(row.accountId, messageId).catch(() => undefined)
    },
    returned(draftId) {
      // Only when no other message of the draft is waiting or leaving (one draft, one message).
      if (drafts.exists(draftId) && !deps.messages.forDraft(draftId)) drafts.setState(draftId, 'editing')
    },
    reclaim(row) {
      if (!drafts.exists(row.draftId)) return
      const draft = drafts.get(row.draftId)
      if (draft.state !== 'editing') throw inOutboxError()
      // Edited since it failed: the person's newer text must not be replaced by the old message.
      if (draft.updatedAt > row.queuedAt) {
        throw new AppError('INVALID_INPUT', 'The draft changed after this message failed: send the draft', {
          detail: { field: 'outboxId', reason: 'draft-changed' },
        })
      }
      drafts.claimAsIs(row.draftId)
    },
  }
}
