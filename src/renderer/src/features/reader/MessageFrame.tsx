import { useEffect, useRef } from 'react'
import { BLOCKED_CONTENT_FRAME_NAME, REMOTE_CONTENT_FRAME_NAME } from '../../../../shared/remote-content'
import { attachFrameHandlers, type FrameHandlers } from './frame-events'

/**
 * The sandboxed frame that shows a sanitized HTML message. See frame-events.ts for why the
 * sandbox is exactly "allow-same-origin" (no scripts, no popups, no forms, no top navigation).
 */
export function MessageFrame({
  srcDoc,
  allowRemote,
  handlers,
  lightCard = false,
}: {
  srcDoc: string
  allowRemote: boolean
  handlers: FrameHandlers
  /** In the dark theme, a message made for white: drawn on a light card (frame-document.ts). */
  lightCard?: boolean
}) {
  const frame = useRef<HTMLIFrameElement>(null)
  const latest = useRef(handlers)
  const detach = useRef<(() => void) | null>(null)
  useEffect(() => {
    latest.current = handlers
  })
  useEffect(() => () => detach.current?.(), [])

  const onLoad = () => {
    detach.current?.()
    detach.current = null
    const doc = frame.current?.contentDocument
    if (!doc) return
    // Printing shows the whole message: the frame as tall as its document (layout/layout.css).
    frame.current?.style.setProperty('--content-height', `${doc.documentElement.scrollHeight}px`)
    detach.current = attachFrameHandlers(doc, {
      onLink: (link) => latest.current.onLink(link),
      onHover: (target) => latest.current.onHover(target),
      onKey: (event) => latest.current.onKey(event),
    })
  }

  return (
    <iframe
      ref={frame}
      className={lightCard ? 'message-frame light-card' : 'message-frame'}
      title="Message content"
      // Main's request gate lets remote content through only for a frame with the allowed name.
      name={allowRemote ? REMOTE_CONTENT_FRAME_NAME : BLOCKED_CONTENT_FRAME_NAME}
      sandbox="allow-same-origin"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      onLoad={onLoad}
    />
  )
}
