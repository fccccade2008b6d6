import type { AppErrorData } from '../../../../shared/errors'
import type { ReplyKind } from '../../../../shared/model/compose'
import type { MessageSummary } from '../../../../shared/model/mail'
import { errorData } from '../../lib/error-data'
import { editDraft, startReply } from '../composer'
import type { MessageCommands } from './MessageHeader'

export type RemoveMethod = 'deleteMessages' | 'archiveMessages' | 'markAsJunk' | 'restoreMessages'

/** What a pane (a folder, search results) provides; the commands are the same for both. */
export interface CommandDeps {
  setFlags: (m: MessageSummary, patch: { seen?: boolean; flagged?: boolean }) => void
  remove: (m: MessageSummary, method: RemoveMethod) => void
  setNotice: (notice: AppErrorData | null) => void
  /** A message of a Drafts folder (another client's too) or flagged \Draft can be edited. */
  isDraft: (m: MessageSummary) => boolean
}

/** The reader's commands on one message (none do anything without one). */
export function messageCommands(m: MessageSummary | undefined, deps: CommandDeps): MessageCommands {
  const compose = (open: (id: string) => Promise<unknown>) => {
    if (!m) return
    deps.setNotice(null)
    open(m.id).catch((err: unknown) => deps.setNotice(errorData(err)))
  }
  const answer = (kind: ReplyKind) => () => compose((id) => startReply(id, kind))
  return {
    reply: answer('reply'),
    replyAll: answer('replyAll'),
    forward: answer('forward'),
    forwardAsAttachment: answer('forwardAsAttachment'),
    editDraft: m && deps.isDraft(m) ? () => compose(editDraft) : null,
    toggleRead: () => m && deps.setFlags(m, { seen: !m.flags.seen }),
    toggleFlag: () => m && deps.setFlags(m, { flagged: !m.flags.flagged }),
    remove: () => m && deps.remove(m, 'deleteMessages'),
    archive: () => m && deps.remove(m, 'archiveMessages'),
    junk: () => m && deps.remove(m, 'markAsJunk'),
  }
}
