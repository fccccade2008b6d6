import type { DraftAttachment } from '../../../../shared/model/compose'
import { formatBytes } from './size-warning'

interface Props {
  attachments: DraftAttachment[]
  onRemove: (id: string) => void
}

export function AttachmentList({ attachments, onRemove }: Props) {
  if (attachments.length === 0) return null
  return (
    <ul className="attachments" data-testid="composer-attachments">
      {attachments.map((a) => (
        <li key={a.id}>
          <span className="attachment-name">{a.filename}</span>
          <span className="attachment-size">{formatBytes(a.size)}</span>
          {a.inline && <span className="attachment-inline">inline</span>}
          <button type="button" aria-label={`Remove ${a.filename}`} onClick={() => onRemove(a.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  )
}
