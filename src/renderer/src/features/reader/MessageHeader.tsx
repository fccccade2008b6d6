import type { CommandId } from '../../../../shared/commands/command-table'
import type { MessageSummary, MessageView } from '../../../../shared/model/mail'
import { useCommandKeys } from '../../lib/commands'
import { addressFull, longDate } from '../message-list'
import { printMessage } from '../layout'
import { DeliveryStatus } from './DeliveryStatus'
import { SenderAuthBadge, SpoofBanner } from './SenderTrust'
import { useSenderCheck } from './use-sender-check'

export interface MessageCommands {
  reply: () => void
  replyAll: () => void
  forward: () => void
  forwardAsAttachment: () => void
  /** Opens the message in the composer; null when it is not a draft. */
  editDraft: (() => void) | null
  toggleRead: () => void
  toggleFlag: () => void
  remove: () => void
  archive: () => void
  junk: () => void
  /** Opens the "Move to…" / "Copy to…" folder picker, where the list offers it. */
  moveTo?: () => void
  copyTo?: () => void
}

function AddressLine({ label, list }: { label: string; list: MessageView['summary']['to'] }) {
  if (list.length === 0) return null
  return (
    <>
      <dt>{label}</dt>
      <dd>{list.map(addressFull).join(', ')}</dd>
    </>
  )
}

/** A button whose key (in the chosen preset, from the command table) is shown on it and announced. */
function KeyButton(props: { label: string; command: CommandId; onClick: () => void; testId: string }) {
  const key = useCommandKeys()(props.command)
  return (
    <button
      type="button"
      onClick={props.onClick}
      aria-keyshortcuts={key}
      // "Shift+F" spelt out: Linux fonts often lack "⇧".
      title={key ? `${props.label} (${key.length === 1 ? key.toUpperCase() : key})` : undefined}
      data-testid={props.testId}
    >
      {props.label} {key && <kbd aria-hidden="true">{key}</kbd>}
    </button>
  )
}

/** Subject, people and date, with the actions on this message (the same as the keyboard's). */
export function MessageHeader({
  view,
  flags,
  commands,
  showingSource,
  onToggleSource,
  onBack,
}: {
  view: MessageView
  /** The list's current flags (they change before the message is read again). */
  flags: MessageSummary['flags']
  commands: MessageCommands | null
  showingSource: boolean
  onToggleSource: () => void
  onBack: (() => void) | null
}) {
  const s = view.summary
  // Stored messages only (attached ones have no row, and no receiving server of their own).
  const check = useSenderCheck(s.threadId !== null ? s.id : null)
  const key = useCommandKeys()
  return (
    <header className="message-header">
      <div className="message-toolbar" role="toolbar" aria-label="Message actions">
        {onBack && (
          <button type="button" onClick={onBack}>
            ← Back to the message
          </button>
        )}
        {commands && (
          <>
            {commands.editDraft && (
              <button type="button" onClick={commands.editDraft} data-testid="edit-draft">
                Edit draft
              </button>
            )}
            <span className="reply-actions" role="group" aria-label="Answer">
              <KeyButton label="Reply" command="reply" onClick={commands.reply} testId="reply" />
              <KeyButton
                label="Reply all"
                command="replyAll"
                onClick={commands.replyAll}
                testId="reply-all"
              />
              <KeyButton label="Forward" command="forward" onClick={commands.forward} testId="forward" />
              <KeyButton
                label="Forward as attachment"
                command="forwardAsAttachment"
                onClick={commands.forwardAsAttachment}
                testId="forward-attachment"
              />
            </span>
            <button type="button" onClick={commands.toggleRead} aria-keyshortcuts={key('toggleRead')}>
              {flags.seen ? 'Mark as unread' : 'Mark as read'}
            </button>
            <button
              type="button"
              onClick={commands.toggleFlag}
              aria-keyshortcuts={key('toggleFlag')}
              aria-pressed={flags.flagged}
            >
              {flags.flagged ? 'Unflag' : 'Flag'}
            </button>
            {commands.moveTo && (
              <KeyButton label="Move to…" command="moveTo" onClick={commands.moveTo} testId="move-to" />
            )}
            {commands.copyTo && (
              <button type="button" onClick={commands.copyTo} data-testid="copy-to">
                Copy to…
              </button>
            )}
            <button type="button" onClick={commands.archive} aria-keyshortcuts={key('archive')}>
              Archive
            </button>
            <button type="button" onClick={commands.junk} aria-keyshortcuts={key('junk')}>
              Junk
            </button>
            <button
              type="button"
              className="danger"
              onClick={commands.remove}
              aria-keyshortcuts={key('delete')}
            >
              Delete
            </button>
          </>
        )}
        <button type="button" onClick={() => void printMessage()} data-testid="print">
          Print
        </button>
        <button type="button" onClick={onToggleSource} aria-pressed={showingSource}>
          {showingSource ? 'Hide source' : 'View source'}
        </button>
      </div>
      <h2 id="message-subject">{s.subject || '(no subject)'}</h2>
      {flags.answered && (
        <p className="answered-note" data-testid="answered-note">
          <span aria-hidden="true">↩</span> You replied to this message.
        </p>
      )}
      {check && <SpoofBanner check={check} />}
      <dl className="message-people">
        <AddressLine label="From" list={s.from} />
        {check && <SenderAuthBadge auth={check.auth} />}
        <AddressLine label="To" list={s.to} />
        <AddressLine label="Cc" list={s.cc} />
        <AddressLine label="Reply to" list={view.replyTo} />
        <dt>Date</dt>
        <dd>
          <time dateTime={new Date(s.date).toISOString()}>{longDate(s.date)}</time>
        </dd>
      </dl>
      <DeliveryStatus headerMessageId={s.messageId} />
    </header>
  )
}
