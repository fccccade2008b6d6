import { useCallback, useEffect, useState } from 'react'
import type { Draft } from '../../../../shared/model/compose'
import { call, onMailEvent } from '../../lib/ipc'
import { ServerCopyNotice } from './ServerCopyNotice'
import { useNow } from './use-outbox'

/** Drafts saved earlier, to reopen and send later, with their copy in the server's Drafts folder. */
export function DraftList({ onOpen, refresh }: { onOpen: (d: Draft) => void; refresh: number }) {
  const [drafts, setDrafts] = useState<Draft[]>([])
  const [busy, setBusy] = useState<string | null>(null)
  const reload = useCallback(() => {
    call('listDrafts').then(setDrafts, () => undefined)
  }, [])
  useEffect(() => {
    reload()
    return onMailEvent('drafts:changed', reload)
  }, [reload, refresh])
  const now = useNow(drafts.some((d) => d.serverCopy.retryAt !== null))
  const retry = (id: string) => {
    setBusy(id)
    call('retryDraftCopy', id)
      .then(
        (d) => setDrafts((list) => list.map((x) => (x.id === d.id ? d : x))),
        () => undefined,
      )
      .finally(() => setBusy(null))
  }
  if (drafts.length === 0) return <p className="muted">No drafts.</p>
  return (
    <ul className="drafts" data-testid="drafts">
      {drafts.map((d) => {
        const copy = d.serverCopy
        return (
          <li key={d.id} data-testid="draft-item">
            <button type="button" onClick={() => onOpen(d)}>
              {d.subject || '(no subject)'} <span className="muted">{d.to}</span>
            </button>
            {copy.state !== 'saved' && copy.error && (
              <ServerCopyNotice
                folder="Drafts"
                state={copy.state}
                error={copy.error}
                retryAt={copy.retryAt}
                now={now}
                busy={busy === d.id}
                onRetry={() => retry(d.id)}
                testId="draft-server-copy"
              />
            )}
          </li>
        )
      })}
    </ul>
  )
}
