import { useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import type { Draft } from '../../../../shared/model/compose'
import { useCommandScope } from '../../lib/commands'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { call } from '../../lib/ipc'
import { accountList, useAccounts } from '../../lib/use-accounts'
import { Composer } from './Composer'
import { useComposeRequests } from './compose-requests'
import { DraftList } from './DraftList'
import { OutboxView } from './OutboxView'
import { SendingStatus } from './SendingStatus'
import { useDiscard } from './use-discard'
import { errorData } from '../../lib/error-data'
import './composer.css'

/** The "New message" entry point, the composer (also for the reader's replies), and the outbox and drafts panel. */
export function ComposeEntry() {
  const accounts = accountList(useAccounts())
  const [draft, setDraft] = useState<Draft | null>(null)
  const [panel, setPanel] = useState(false)
  const [refresh, setRefresh] = useState(0)
  const [error, setError] = useState<AppErrorData | null>(null)
  const first = accounts?.[0]
  const open = (d: Draft) => {
    setPanel(false)
    setDraft(d)
  }
  // Replies and forwards started in the reader.
  useComposeRequests(open)
  const startNew = () => {
    if (!first) return
    setError(null)
    call('createDraft', first.id, null).then(open, (err: unknown) => setError(errorData(err)))
  }
  // "New message" from its key and the application menu, as from the button.
  useCommandScope({ newMessage: { run: startNew, enabled: () => first !== undefined && draft === null } })
  const closed = () => {
    setDraft(null)
    setRefresh((r) => r + 1)
  }
  const discarded = useDiscard(open)
  return (
    <div className="compose-entry">
      <button
        type="button"
        data-testid="new-message"
        disabled={!first}
        title={first ? undefined : 'Add an account first'}
        onClick={startNew}
      >
        New message
      </button>
      <button
        type="button"
        data-testid="open-outbox"
        aria-expanded={panel}
        onClick={() => setPanel((p) => !p)}
      >
        Outbox
      </button>
      <SendingStatus />
      {error && <ErrorNotice error={error} />}
      {discarded.error && <ErrorNotice error={discarded.error} />}
      {discarded.pending && (
        <div className="undo-toast discard-toast" role="status" data-testid="discard-toast">
          <span>Draft discarded</span>
          <button type="button" onClick={discarded.undo}>
            Undo
          </button>
        </div>
      )}
      {panel && (
        <aside className="outbox-panel" aria-label="Outbox and drafts">
          <h2>Outbox</h2>
          <OutboxView onEdit={open} />
          <h2>Drafts</h2>
          <DraftList onOpen={open} refresh={refresh} />
        </aside>
      )}
      {draft && accounts && (
        <div className="composer-overlay">
          <Composer
            key={draft.id}
            draft={draft}
            accounts={accounts}
            onClose={closed}
            onDiscard={(id) => {
              closed()
              discarded.discard(id)
            }}
            onQueued={() => {
              closed()
              setPanel(true)
            }}
          />
        </div>
      )}
    </div>
  )
}
