import { useMemo } from 'react'
import { linkify } from './linkify'
import type { FrameLink } from './frame-events'

/** A plain-text body: shown as text (React escapes it), with web and mail addresses as links. */
export function PlainTextBody({
  text,
  onLink,
  onHover,
}: {
  text: string
  onLink: (link: FrameLink) => void
  onHover: (target: string | null) => void
}) {
  const pieces = useMemo(() => linkify(text), [text])
  return (
    <div className="plain-body" data-testid="plain-body">
      {pieces.map((p, i) =>
        p.kind === 'text' ? (
          <span key={i}>{p.text}</span>
        ) : (
          <a
            key={i}
            href={p.target}
            title={p.target}
            onMouseEnter={() => onHover(p.target)}
            onMouseLeave={() => onHover(null)}
            onFocus={() => onHover(p.target)}
            onBlur={() => onHover(null)}
            onClick={(e) => {
              // Never navigate the app: main opens it outside, for http(s) and mailto only.
              e.preventDefault()
              onLink({ target: p.target, text: p.text, deceptive: null })
            }}
          >
            {p.text}
          </a>
        ),
      )}
    </div>
  )
}
