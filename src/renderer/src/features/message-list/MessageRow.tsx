import type { CSSProperties, DragEvent, MouseEvent } from 'react'
import type { MessageSummary } from '../../../../shared/model/mail'
import { SentStatusBadge } from '../delivery'
import { recipientsLabel, sendersLabel, shortDate } from './format'
import './message-list.css'

export interface MessageRowProps {
  index: number
  setSize: number
  message: MessageSummary | undefined
  active: boolean
  /** In the list's selection (by default: the row the keyboard is on, while nothing is selected). */
  selected?: boolean
  open: boolean
  style: CSSProperties
  onClick: (index: number, event: MouseEvent) => void
  /** The folder the message is in, for lists that span folders (search results). */
  folder?: string
  /** Name the recipients ("To: Sara, Ben") instead of the sender: Sent, Drafts, Outbox. */
  recipients?: boolean
  /** Rows can be dragged onto a folder (the list decides what the drag carries). */
  onDragStart?: (index: number, event: DragEvent) => void
  onDragEnd?: () => void
  /** Whose message, in lists that span accounts (unified views, search results). */
  account?: RowAccount
}

export interface RowAccount {
  name: string
  colour: string
}

export const rowDomId = (index: number) => `message-row-${index}`

/** The conversation's size as the row shows it: nothing for a lone message, "99+" past main's cap. */
export function threadLabel(size: number): string | null {
  if (size < 2) return null
  return size >= 100 ? '99+' : String(size)
}

/** One row of the message list: sender, subject, date and the unread/flagged/attachment marks. */
export function MessageRow(props: MessageRowProps) {
  const { index, setSize, message: m, active, open, style, onClick, folder } = props
  const selected = props.selected ?? active
  const common = {
    id: rowDomId(index),
    role: 'option',
    'aria-posinset': index + 1,
    'aria-setsize': setSize,
    'data-index': index,
    style,
  } as const
  if (!m) {
    return (
      <div {...common} aria-selected={selected} aria-busy="true" className="message-row placeholder">
        <span className="row-line" />
      </div>
    )
  }
  const unread = !m.flags.seen
  const thread = threadLabel(m.threadSize)
  const marks = [
    unread && 'unread',
    m.flags.flagged && 'flagged',
    m.flags.answered && 'answered',
    m.hasAttachments && 'has attachments',
    thread && `${thread} messages in the conversation`,
  ]
    .filter(Boolean)
    .join(', ')
  const sender = props.recipients ? recipientsLabel(m) : sendersLabel(m.from)
  return (
    <div
      {...common}
      aria-selected={selected}
      aria-current={open || undefined}
      aria-label={`${sender}: ${m.subject || '(no subject)'}, ${shortDate(m.date)}${props.account ? `, ${props.account.name}` : ''}${folder ? `, in ${folder}` : ''}${marks ? `, ${marks}` : ''}`}
      className={`message-row${unread ? ' unread' : ''}${active ? ' active' : ''}${open ? ' open' : ''}${props.selected ? ' selected' : ''}`}
      data-message-id={m.id}
      onClick={(e) => onClick(index, e)}
      draggable={props.onDragStart ? true : undefined}
      onDragStart={props.onDragStart && ((e) => props.onDragStart?.(index, e))}
      onDragEnd={props.onDragEnd}
    >
      <span className="row-marks" aria-hidden="true">
        <span className={`mark-unread${unread ? ' on' : ''}`} title={unread ? 'Unread' : undefined} />
        <span
          className={`mark-flag${m.flags.flagged ? ' on' : ''}`}
          title={m.flags.flagged ? 'Flagged' : undefined}
        >
          {m.flags.flagged ? '⚑' : ''}
        </span>
        {m.flags.answered && (
          <span className="mark-answered" title="Answered" data-testid="mark-answered">
            ↩
          </span>
        )}
      </span>
      <span className="row-from">{sender}</span>
      <span className="row-date">
        {props.account && (
          <span
            className="row-account"
            data-testid="row-account"
            title={props.account.name}
            style={{ borderColor: props.account.colour, color: props.account.colour }}
          >
            {props.account.name}
          </span>
        )}
        {folder && (
          <span className="row-folder" data-testid="row-folder">
            {folder}
          </span>
        )}
        {m.hasAttachments && (
          <svg className="mark-attachment" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
            <title>Has attachments</title>
            <path
              d="M10.5 4.5 5.6 9.4a1.5 1.5 0 0 0 2.1 2.1l5.3-5.3a3 3 0 0 0-4.2-4.2L3.4 7.4a4.5 4.5 0 0 0 6.4 6.4l4-4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.4"
              strokeLinecap="round"
            />
          </svg>
        )}
        <SentStatusBadge headerMessageId={m.messageId} />
        <time dateTime={new Date(m.date).toISOString()}>{shortDate(m.date)}</time>
      </span>
      <span className="row-subject">
        {m.subject || '(no subject)'}
        {thread && (
          <span className="row-thread" title="Messages in the conversation" data-testid="thread-count">
            {thread}
          </span>
        )}
      </span>
    </div>
  )
}
