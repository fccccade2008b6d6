import { useEffect, useState } from 'react'
import type { Draft } from '../../../../shared/model/compose'
import { call } from '../../lib/ipc'

/** Drafts saved earlier, to reopen and send later. */
export function DraftList({ onOpen, refresh }: { onOpen: (d: Draft) => void; refresh: number }) {
  const [drafts, setDrafts] = useState<Draft[]>([])
  useEffect(() => {
    let live = true
    call('listDrafts').then(
      (list) => live && setDrafts(list),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [refresh])
  if (drafts.length === 0) return <p className="muted">No drafts.</p>
  return (
    <ul className="drafts" data-testid="drafts">
      {drafts.map((d) => (
        <li key={d.id}>
          <button type="button" onClick={() => onOpen(d)}>
            {d.subject || '(no subject)'} <span className="muted">{d.to}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
