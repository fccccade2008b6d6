import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { Account } from '../../../../shared/model/account'
import {
  draftContent,
  type Draft,
  type DraftAttachment,
  type DraftContent,
  type OutboxItem,
} from '../../../../shared/model/compose'
import { textToHtml } from '../../../../shared/mail/html-text'
import { swapSignature } from '../../../../shared/mail/signature'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { call } from '../../lib/ipc'
import { sanitizeMailHtml } from '../../lib/sanitizer/mail-sanitizer'
import { AddressField } from './AddressField'
import { AttachmentList } from './AttachmentList'
import { DeliveryToggle } from './DeliveryToggle'
import { FromPicker, fromKey } from './FromPicker'
import { RichEditor } from './RichEditor'
import { ServerCopyNotice } from './ServerCopyNotice'
import { estimatedSize, sizeWarning } from './size-warning'
import { useAutosave } from './use-autosave'
import { useInitialFocus } from './use-initial-focus'
import { errorData } from '../../lib/error-data'
import { useDraftCopy } from './use-draft-copy'
import { useNow } from './use-outbox'

interface Props {
  draft: Draft
  accounts: Account[]
  onClose: () => void
  onQueued: (item: OutboxItem) => void
  /** Discard (button, Ctrl/Cmd+Shift+D): saved first, so an Undo brings back what was typed. */
  onDiscard: (draftId: string) => void
}

const FIELD_NAMES: Record<string, string> = {
  to: 'To',
  cc: 'Cc',
  bcc: 'Bcc',
  subject: 'Subject',
  identityId: 'From',
  file: 'Attachment',
}

function contentOf(d: Draft): DraftContent {
  const content = draftContent(d)
  // Every body loaded into the editor goes through the reader's sanitizer first.
  return { ...content, html: sanitizeMailHtml(content.html) }
}

export function Composer({ draft, accounts, onClose, onQueued, onDiscard }: Props) {
  const [content, setContent] = useState<DraftContent>(() => contentOf(draft))
  const [version, setVersion] = useState(0)
  const [editorKey, setEditorKey] = useState(0)
  const [attachments, setAttachments] = useState<DraftAttachment[]>(draft.attachments)
  const [maxSize, setMaxSize] = useState<number | null>(null)
  const [dsnOffered, setDsnOffered] = useState<boolean | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [busy, setBusy] = useState(false)
  const savedAt = useAutosave(content, version)
  const root = useRef<HTMLElement>(null)
  useInitialFocus(root, draft.to === '')
  const serverCopy = useDraftCopy(draft)
  const now = useNow(serverCopy.copy.retryAt !== null)

  const update = (patch: Partial<DraftContent>) => {
    setContent((c) => ({ ...c, ...patch }))
    setVersion((v) => v + 1)
  }

  useEffect(() => {
    let live = true
    call('getSubmissionInfo', content.accountId).then(
      (info) => {
        if (!live) return
        setMaxSize(info.maxSize)
        setDsnOffered(info.dsn)
      },
      () => {
        if (!live) return
        setMaxSize(null)
        setDsnOffered(null)
      },
    )
    return () => {
      live = false
    }
  }, [content.accountId])

  // Closing the window must not lose the last seconds of typing.
  useEffect(() => {
    const onUnload = () => void call('saveDraft', content).catch(() => undefined)
    window.addEventListener('beforeunload', onUnload)
    return () => window.removeEventListener('beforeunload', onUnload)
  }, [content])

  const identities = useMemo(
    () => accounts.flatMap((a) => a.identities.map((i) => ({ account: a, identity: i }))),
    [accounts],
  )
  const current = identities.find(
    (x) => x.account.id === content.accountId && x.identity.id === content.identityId,
  )
  const warning = sizeWarning(estimatedSize(content.html.length + content.text.length, attachments), maxSize)

  const changeFrom = (key: string) => {
    const next = identities.find((x) => fromKey(x.account.id, x.identity.id) === key)
    if (!next) return
    const prev = current?.identity.signature
    update({
      accountId: next.account.id,
      identityId: next.identity.id,
      html: swapSignature(content.html, 'html', prev, next.identity.signature),
      text: swapSignature(content.text, 'plain', prev, next.identity.signature),
    })
    setEditorKey((k) => k + 1)
  }

  const setPlain = (plain: boolean) => {
    if (plain) update({ format: 'plain', text: content.text || '' })
    else update({ format: 'html', html: sanitizeMailHtml(textToHtml(content.text)) })
    setEditorKey((k) => k + 1)
  }

  const run = async (fn: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await fn()
    } catch (err) {
      setError(errorData(err))
    } finally {
      setBusy(false)
    }
  }

  // Main sends a draft once however often it is asked (draft-sender.ts); this only spares the call.
  const send = () => {
    if (busy) return
    void run(async () => {
      const item = await call('sendDraft', content)
      onQueued(item)
    })
  }

  // Ctrl+Enter (⌘+Enter) sends from any field. In the capture phase, so the editor does not also
  // take it (TipTap binds Mod-Enter to a line break).
  const onKeyDownCapture = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return
    const isSend = e.key === 'Enter' && !e.shiftKey
    const isDiscard = e.key.toLowerCase() === 'd' && e.shiftKey
    if (!isSend && !isDiscard) return
    e.preventDefault()
    e.stopPropagation()
    if (isSend) send()
    else if (!busy) discard()
  }

  const close = () =>
    void run(async () => {
      await call('closeDraft', content)
      onClose()
    })
  const discard = () =>
    void run(async () => {
      await call('closeDraft', content)
      onDiscard(content.id)
    })

  // Escape saves and closes, like "Save and close" (a field that uses Escape itself prevents it).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented || busy) return
    e.preventDefault()
    close()
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    const files = [...e.dataTransfer.files]
    void run(async () => {
      for (const f of files) {
        const data = new Uint8Array(await f.arrayBuffer())
        setAttachments(
          await call('addAttachment', content.id, { filename: f.name, contentType: f.type, data }),
        )
      }
    })
  }

  return (
    <section
      ref={root}
      className="composer"
      role="dialog"
      aria-modal="true"
      aria-label="New message"
      data-testid="composer"
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
      onKeyDown={onKeyDown}
      onKeyDownCapture={onKeyDownCapture}
    >
      <div className="composer-row">
        <label htmlFor="composer-from">From</label>
        <FromPicker
          accounts={accounts}
          accountId={content.accountId}
          identityId={content.identityId}
          onChange={changeFrom}
        />
      </div>
      <AddressField label="To" name="to" value={content.to} onChange={(to) => update({ to })} />
      <AddressField label="Cc" name="cc" value={content.cc} onChange={(cc) => update({ cc })} />
      <AddressField label="Bcc" name="bcc" value={content.bcc} onChange={(bcc) => update({ bcc })} />
      <div className="composer-row">
        <label htmlFor="composer-subject">Subject</label>
        <input
          id="composer-subject"
          data-testid="composer-subject"
          value={content.subject}
          onChange={(e) => update({ subject: e.target.value.replace(/[\r\n]+/g, ' ') })}
        />
      </div>
      <label className="plain-toggle">
        <input
          type="checkbox"
          data-testid="composer-plain"
          checked={content.format === 'plain'}
          onChange={(e) => setPlain(e.target.checked)}
        />
        Plain text only
      </label>
      <DeliveryToggle
        value={content.deliveryNotify}
        offered={dsnOffered}
        onChange={(deliveryNotify) => update({ deliveryNotify })}
      />
      {content.format === 'html' ? (
        <RichEditor
          key={editorKey}
          initialHtml={content.html}
          onChange={(html, text) => update({ html, text })}
        />
      ) : (
        <textarea
          key={editorKey}
          className="plain-body"
          data-testid="composer-text"
          value={content.text}
          onChange={(e) => update({ text: e.target.value })}
        />
      )}
      <AttachmentList
        attachments={attachments}
        onRemove={(id) =>
          void run(async () => setAttachments(await call('removeAttachment', content.id, id)))
        }
      />
      {warning && (
        <p className="size-warning" role="status" data-testid="composer-size-warning">
          {warning}
        </p>
      )}
      {serverCopy.copy.state !== 'saved' && serverCopy.copy.error && (
        <ServerCopyNotice
          folder="Drafts"
          state={serverCopy.copy.state}
          error={serverCopy.copy.error}
          retryAt={serverCopy.copy.retryAt}
          now={now}
          busy={serverCopy.busy}
          onRetry={serverCopy.retry}
          testId="composer-server-copy"
        />
      )}
      {error && <ErrorNotice error={error} />}
      {error?.code === 'INVALID_INPUT' && typeof error.detail?.field === 'string' && (
        <p className="field-problem" data-testid="composer-error-field">
          {FIELD_NAMES[error.detail.field] ?? error.detail.field}
          {typeof error.detail.input === 'string' ? `: “${error.detail.input}” is not a valid address` : ''}
        </p>
      )}
      <div className="composer-actions">
        <button
          type="button"
          data-testid="composer-send"
          disabled={busy}
          title="Send (Ctrl+Enter)"
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onClick={send}
        >
          Send
        </button>
        <button
          type="button"
          data-testid="composer-attach"
          disabled={busy}
          onClick={() => void run(async () => setAttachments(await call('pickAttachments', content.id)))}
        >
          Attach files…
        </button>
        <button type="button" data-testid="composer-close" disabled={busy} onClick={close}>
          Save and close
        </button>
        <button
          type="button"
          data-testid="composer-discard"
          disabled={busy}
          title="Discard (Ctrl+Shift+D)"
          aria-keyshortcuts="Control+Shift+D Meta+Shift+D"
          onClick={discard}
        >
          Discard
        </button>
        <span className="saved-at" aria-live="polite">
          {savedAt ? `Saved ${new Date(savedAt).toLocaleTimeString()}` : ''}
        </span>
      </div>
    </section>
  )
}
