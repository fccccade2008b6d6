import { useMemo } from 'react'
import type { MessageView } from '../../../../shared/model/mail'
import type { FrameHandlers } from './frame-events'
import { buildFrameDocument, declaredLanguage, declaresDarkSupport } from './frame-document'
import { MessageFrame } from './MessageFrame'
import { PlainTextBody } from './PlainTextBody'
import { RemoteContentBar } from './RemoteContentBar'
import { sanitizeMessageHtml } from '../../lib/sanitizer/mail-sanitizer'
import { useDarkTheme } from '../settings'

/** The body: sanitized HTML in the sandboxed frame (with the remote-content bar), or plain text. */
export function MessageBody({
  view,
  allowRemote,
  busy,
  onAllow,
  handlers,
}: {
  view: MessageView
  allowRemote: boolean
  busy: boolean
  onAllow: (scope: 'message' | 'sender') => void
  handlers: FrameHandlers
}) {
  const sanitized = useMemo(
    () => (view.html === null ? null : sanitizeMessageHtml(view.html, allowRemote)),
    [view.html, allowRemote],
  )
  const darkTheme = useDarkTheme()
  const darkMail = useMemo(() => view.html !== null && declaresDarkSupport(view.html), [view.html])
  const dark = darkTheme && darkMail
  const subject = view.summary.subject
  const lang = useMemo(
    () =>
      (view.html === null ? null : declaredLanguage(view.html)) ?? (document.documentElement.lang || 'en'),
    [view.html],
  )
  const srcDoc = useMemo(
    () =>
      sanitized
        ? buildFrameDocument(sanitized, allowRemote, { title: subject || '(no subject)', lang, dark })
        : null,
    [sanitized, allowRemote, subject, lang, dark],
  )
  if (sanitized && srcDoc !== null) {
    return (
      <>
        {sanitized.blockedRemote > 0 && (
          <RemoteContentBar
            blocked={sanitized.blockedRemote}
            sender={view.summary.from[0]}
            busy={busy}
            onAllow={onAllow}
          />
        )}
        <MessageFrame
          key={String(allowRemote)}
          srcDoc={srcDoc}
          allowRemote={allowRemote}
          handlers={handlers}
          lightCard={darkTheme && !darkMail}
        />
      </>
    )
  }
  if (view.text !== null)
    return <PlainTextBody text={view.text} onLink={handlers.onLink} onHover={handlers.onHover} />
  return <p className="empty-note">This message has no text.</p>
}
