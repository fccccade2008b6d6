import { useEffect, useRef } from 'react'
import { attachFrameHandlers, type FrameHandlers } from './frame-events'

/**
 * The sandboxed frame that shows a sanitized HTML message. See frame-events.ts for why the
 * sandbox is exactly "allow-same-origin" (no scripts, no popups, no forms, no top navigation).
 */
export function MessageFrame({ srcDoc, handlers }: { srcDoc: string; handlers: FrameHandlers }) {
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
    detach.current = attachFrameHandlers(doc, {
      onLink: (link) => latest.current.onLink(link),
      onHover: (target) => latest.current.onHover(target),
      onKey: (event) => latest.current.onKey(event),
    })
  }

  return (
    <iframe
      ref={frame}
      className="message-frame"
      title="Message content"
      sandbox="allow-same-origin"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      onLoad={onLoad}
    />
  )
}
