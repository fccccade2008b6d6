import type { MessageSummary } from '../../../../shared/model/mail'
import { sendersLabel, shortDate } from '../message-list'
import './conversation.css'

export interface ConversationProps {
  /** Oldest first (main's getThread); shown when there is more than the message itself. */
  messages: MessageSummary[]
  currentId: string
  /** The mailbox shown in the list: messages from other folders (Sent) name theirs. */
  mailboxId: string
  folderName: (mailboxId: string) => string | undefined
  onOpen: (message: MessageSummary) => void
}

function Line({ m, folder }: { m: MessageSummary; folder: string | undefined }) {
  return (
    <>
      <span className="conversation-from">
        {!m.flags.seen && <span className="conversation-unread" aria-label="unread" />}
        {sendersLabel(m.from)}
      </span>
      <span className="conversation-meta">
        {m.flags.answered && <span title="Answered">↩ </span>}
        {folder && <span className="conversation-folder">{folder}</span>}
        <time dateTime={new Date(m.date).toISOString()}>{shortDate(m.date)}</time>
      </span>
      <span className="conversation-text">{m.preview ?? m.subject}</span>
    </>
  )
}

/**
 * The messages of the open message's conversation (earlier and later ones, across the account's
 * folders), the open one marked; any other opens in the reading pane.
 */
export function Conversation({ messages, currentId, mailboxId, folderName, onOpen }: ConversationProps) {
  if (messages.length < 2) return null
  return (
    <nav className="conversation" aria-label="Conversation" data-testid="conversation">
      <h3>
        Conversation <span className="conversation-count">{messages.length} messages</span>
      </h3>
      <ol>
        {messages.map((m) => {
          const folder = m.mailboxId === mailboxId ? undefined : folderName(m.mailboxId)
          return (
            <li key={m.id} data-message-id={m.id}>
              {m.id === currentId ? (
                <div className="conversation-item current" aria-current="true">
                  <Line m={m} folder={folder} />
                </div>
              ) : (
                <button
                  type="button"
                  className="conversation-item"
                  data-testid="conversation-item"
                  onClick={() => onOpen(m)}
                >
                  <Line m={m} folder={folder} />
                </button>
              )}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
