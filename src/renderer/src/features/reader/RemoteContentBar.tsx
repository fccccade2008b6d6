import { addressLabel } from '../message-list'
import type { MailAddress } from '../../../../shared/model/mail'

/** Shown when remote content was blocked: load it for this message, or always for this sender. */
export function RemoteContentBar({
  blocked,
  sender,
  busy,
  onAllow,
}: {
  blocked: number
  sender: MailAddress | undefined
  busy: boolean
  onAllow: (scope: 'message' | 'sender') => void
}) {
  return (
    <div className="remote-bar" role="region" aria-label="Remote content blocked">
      <span>
        {blocked === 1 ? 'One remote item was' : `${blocked} remote items were`} blocked to protect your
        privacy (remote images can tell the sender when and where you read this).
      </span>
      <button type="button" disabled={busy} onClick={() => onAllow('message')}>
        Load remote content
      </button>
      {sender && (
        <button type="button" disabled={busy} onClick={() => onAllow('sender')}>
          Always load from {addressLabel(sender)}
        </button>
      )}
    </div>
  )
}
