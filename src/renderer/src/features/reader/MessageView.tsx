import { useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { AttachmentInfo, MessageSummary, MessageView as View } from '../../../../shared/model/mail'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { errorData } from '../../lib/error-data'
import { call } from '../../lib/ipc'
import { AttachmentList } from './AttachmentList'
import { Conversation } from './Conversation'
import type { FrameLink } from './frame-events'
import { LinkConfirmDialog } from './LinkConfirmDialog'
import { MessageBody } from './MessageBody'
import { MessageHeader, type MessageCommands } from './MessageHeader'
import { MessageSource } from './MessageSource'
import { useMessage } from './use-message'
import { useThread } from './use-thread'
import { useSetting } from '../settings'

export interface MessageViewProps {
  messageId: string
  /** The list's row for this message (current flags), when it is loaded. */
  summary: MessageSummary | undefined
  commands: MessageCommands
  /** Keys pressed inside the message frame, for the reader's shortcuts. */
  onFrameKey: (event: KeyboardEvent) => void
  /** The mailbox the list shows, and folder names for the conversation's other messages. */
  mailboxId: string
  folderName: (mailboxId: string) => string | undefined
  /** Opens another message of the conversation. */
  onOpenInThread: (message: MessageSummary) => void
  /** Opens showing the source (the "View source" command). */
  sourceFirst?: boolean
}

/** The reading pane for one message (keyed by message id by its parent). */
export function MessageView(props: MessageViewProps) {
  const { messageId, summary, commands, onFrameKey } = props
  const { message, reload } = useMessage(messageId)
  const accountId = summary?.accountId ?? (message.state === 'ready' ? message.view.summary.accountId : null)
  const thread = useThread(messageId, accountId)
  const conversationView = useSetting('conversationView')
  const remoteByDefault = useSetting('remoteContent') === 'allow'
  // Attached messages (message/rfc822) opened from this one, innermost last.
  const [attached, setAttached] = useState<View[]>([])
  const [showSource, setShowSource] = useState(props.sourceFirst ?? false)
  const [hover, setHover] = useState<string | null>(null)
  const [confirm, setConfirm] = useState<FrameLink | null>(null)
  const [notice, setNotice] = useState<AppErrorData | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  // Remote content allowed for an attached message in this session only.
  const [allowedInner, setAllowedInner] = useState(false)

  const run = async (what: string, task: () => Promise<unknown>) => {
    setBusy(what)
    setNotice(null)
    try {
      await task()
    } catch (err) {
      setNotice(errorData(err))
    } finally {
      setBusy(null)
    }
  }
  const openLink = (link: FrameLink) => {
    setConfirm(null)
    void run('link', () => call('openExternalLink', link.target))
  }
  const handlers = {
    onLink: (link: FrameLink) => (link.deceptive ? setConfirm(link) : openLink(link)),
    onHover: setHover,
    onKey: onFrameKey,
  }

  if (message.state === 'loading')
    return (
      <p className="reader-note" aria-busy="true">
        Loading the message…
      </p>
    )
  if (message.state === 'failed') {
    return (
      <article className="message-view" aria-label="Message">
        <ErrorNotice error={message.error} />
        <MessageSource messageId={messageId} />
      </article>
    )
  }

  const inner = attached[attached.length - 1]
  const view = inner ?? message.view
  const viewId = view.summary.id
  const allowRemote = view.remoteContentAllowed || remoteByDefault || (inner !== undefined && allowedInner)
  const allow = (scope: 'message' | 'sender') => {
    if (inner && scope === 'message') return setAllowedInner(true)
    void run('remote', async () => {
      await call('allowRemoteContent', viewId, scope)
      if (!inner) await reload()
      else setAllowedInner(true)
    })
  }
  const saveAttachment = (a: AttachmentInfo) => void run(a.id, () => call('saveAttachment', viewId, a.id))
  const openAttached = (a: AttachmentInfo) =>
    void run(a.id, async () => {
      const opened = await call('openAttachedMessage', viewId, a.id)
      setAttached((list) => [...list, opened])
      setAllowedInner(false)
      setShowSource(false)
    })

  return (
    <article className="message-view" aria-labelledby="message-subject">
      <MessageHeader
        view={view}
        flags={inner ? view.summary.flags : (summary?.flags ?? view.summary.flags)}
        commands={inner ? null : commands}
        showingSource={showSource}
        onToggleSource={() => setShowSource((s) => !s)}
        onBack={inner ? () => setAttached((list) => list.slice(0, -1)) : null}
      />
      {!inner && conversationView && (
        <Conversation
          messages={thread}
          currentId={messageId}
          mailboxId={props.mailboxId}
          folderName={props.folderName}
          onOpen={props.onOpenInThread}
        />
      )}
      {notice && <ErrorNotice error={notice} />}
      {view.parseProblem && (
        <div className="parse-problem" role="status">
          <strong>This message could not be read completely:</strong> {view.parseProblem}{' '}
          {!showSource && (
            <button type="button" onClick={() => setShowSource(true)}>
              View its source
            </button>
          )}
        </div>
      )}
      <AttachmentList
        attachments={view.attachments}
        busyId={busy}
        onSave={saveAttachment}
        onOpenMessage={openAttached}
      />
      {showSource ? (
        <MessageSource messageId={viewId} />
      ) : (
        <div className="message-body">
          <MessageBody
            view={view}
            allowRemote={allowRemote}
            busy={busy === 'remote'}
            onAllow={allow}
            handlers={handlers}
          />
        </div>
      )}
      <div className="link-status" role="status" aria-live="polite">
        {hover ? `Link goes to ${hover}` : ''}
      </div>
      {confirm && (
        <LinkConfirmDialog
          link={confirm}
          onOpen={() => openLink(confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </article>
  )
}
