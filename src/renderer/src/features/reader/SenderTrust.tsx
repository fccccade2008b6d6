import { useId, useState } from 'react'
import { authDetails, verdictLabel, warningWords } from '../../../../shared/mail/sender-auth-words'
import type { SenderAuth, SenderCheck } from '../../../../shared/model/sender-auth'
import './sender-trust.css'

const MARK = { pass: '✓', fail: '✗', none: '–' } as const

/**
 * Pass/fail/none next to the sender (inside the header's <dl>), with the aligned domain; a button shows how it was checked
 * and, for a failure, why in words. Nothing for messages that were not checked (our own).
 */
export function SenderAuthBadge({ auth }: { auth: SenderAuth }) {
  const [open, setOpen] = useState(false)
  const detailsId = useId()
  if (auth.source === 'unchecked' && auth.verdict === 'none' && auth.methods.length === 0) return null
  return (
    // A second <dd> of From: the check belongs to the sender line.
    <dd className="sender-auth" data-testid="sender-auth" data-verdict={auth.verdict}>
      <button
        type="button"
        className={`sender-auth-badge verdict-${auth.verdict}`}
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{MARK[auth.verdict]}</span> {verdictLabel(auth)}
      </button>
      {open && (
        <ul id={detailsId} className="sender-auth-details" data-testid="sender-auth-details">
          {authDetails(auth).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </dd>
  )
}

/** A calm note above the message when something about its sender is odd; it never blocks reading. */
export function SpoofBanner({ check }: { check: SenderCheck }) {
  if (check.warnings.length === 0) return null
  return (
    <div
      className="spoof-banner"
      role="note"
      aria-label="Be careful with this message"
      data-testid="spoof-banner"
    >
      <p className="spoof-banner-title">Be careful with this message</p>
      <ul>
        {check.warnings.map((w) => (
          <li key={`${w.kind}:${warningWords(w)}`}>{warningWords(w)}</li>
        ))}
      </ul>
    </div>
  )
}
