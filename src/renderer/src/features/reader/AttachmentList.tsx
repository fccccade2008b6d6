import { describeFileType } from '../../../../shared/mail/file-types'
import type { AttachmentInfo } from '../../../../shared/model/mail'
import { byteSize } from '../message-list'

/** Files attached to the message (not the inline images shown in the body). */
export function AttachmentList({
  attachments,
  busyId,
  onSave,
  onOpenMessage,
}: {
  attachments: AttachmentInfo[]
  busyId: string | null
  onSave: (a: AttachmentInfo) => void
  onOpenMessage: (a: AttachmentInfo) => void
}) {
  const files = attachments.filter((a) => !a.inline)
  if (files.length === 0) return null
  return (
    <section
      className="attachments"
      aria-label={`${files.length} attachment${files.length === 1 ? '' : 's'}`}
    >
      <ul>
        {files.map((a) => (
          <li key={a.id} className="attachment">
            {/* A part the sender gave no name shows its type, never an invented name. */}
            <span
              className={a.filename ? 'attachment-name' : 'attachment-name attachment-unnamed'}
              title={a.filename ? a.contentType : `${a.contentType}, saved as ${a.saveName}`}
            >
              {a.filename || describeFileType(a.contentType)}
            </span>
            <span className="attachment-size">{byteSize(a.size)}</span>
            {a.isMessage && (
              <button type="button" disabled={busyId === a.id} onClick={() => onOpenMessage(a)}>
                Open
              </button>
            )}
            <button
              type="button"
              disabled={busyId === a.id}
              aria-label={`Save ${a.filename || describeFileType(a.contentType)}`}
              onClick={() => onSave(a)}
            >
              Save…
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
