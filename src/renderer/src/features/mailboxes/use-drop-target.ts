import { useEffect, useState, type DragEvent } from 'react'
import type { Mailbox } from '../../../../shared/model/mail'
import { copyKey, dragOnto, endMessageDrag } from '../../lib/message-drag'

export interface DropHandlers {
  onDragOver: (e: DragEvent) => void
  onDragLeave: (e: DragEvent) => void
  onDrop: (e: DragEvent) => void
}

/**
 * Folders of the tree as drop targets for dragged messages: the folder under the pointer is
 * highlighted while it would take the drop (a move, or a copy with Ctrl/Alt), and the highlight
 * goes when the pointer leaves, the drop lands, or the drag ends anywhere (Escape included).
 */
export function useDropTarget() {
  const [targetId, setTargetId] = useState<string | null>(null)

  useEffect(() => {
    const clear = () => setTargetId(null)
    window.addEventListener('dragend', clear)
    window.addEventListener('drop', clear)
    return () => {
      window.removeEventListener('dragend', clear)
      window.removeEventListener('drop', clear)
    }
  }, [])

  return {
    targetId,
    handlers: (mailbox: Mailbox): DropHandlers => ({
      onDragOver: (e) => {
        if (!dragOnto(mailbox, e.dataTransfer)) return
        // Taking the drag over is what allows the drop (HTML drag and drop).
        e.preventDefault()
        e.dataTransfer.dropEffect = copyKey(e) ? 'copy' : 'move'
        setTargetId(mailbox.id)
      },
      onDragLeave: (e) => {
        // Leaving for a child of the same row (its name, its count) is not leaving the row.
        if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return
        setTargetId((id) => (id === mailbox.id ? null : id))
      },
      onDrop: (e) => {
        setTargetId(null)
        const drag = dragOnto(mailbox, e.dataTransfer)
        if (!drag) return
        e.preventDefault()
        drag.drop(mailbox, copyKey(e))
        endMessageDrag()
      },
    }),
  }
}
